export * from './test-env';
export * from './test-clock';
export * from './database';
export * from './queues';
export * from './contexts-app';
export * from './factories';
export * from './fault-proxy';
