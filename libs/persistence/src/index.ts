export * from './entities';
export * from './data-source-options';
export * from './persistence.module';
export * from './migrations.util';
export * from './database-roles';
export { backfillWorkItems } from './work-items-backfill';
