export * from './public.decorator';
export * from './health.module';
export * from './logging.module';
export * from './clock';
export * from './clock.module';
export * from './paging';
export * from './entity-rows';
export * from './database-error.util';
