export * from './public.decorator';
export * from './health.module';
export * from './logging.module';
