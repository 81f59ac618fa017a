export * from './queue-names';
export * from './outbox.writer';
export * from './job.producer';
export * from './queue.module';
export * from './outbox.relay';
export * from './outbox-message.entity';
