export { ContextsModule } from './contexts.module';
