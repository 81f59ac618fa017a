export * from './notifications.module';
export * from './notification-kinds';
export * from './notification.entity';
export * from './my-notifications.usecase';
export * from './produce-notifications.usecase';
export * from './send-email.usecase';
export * from './reminder-sweep.usecase';
export * from './due-items.source';
