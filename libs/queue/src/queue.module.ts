import { EnvironmentVariables } from '@app/config';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JobProducer } from './job.producer';
import { OutboxRelay } from './outbox.relay';
import { QueueName } from './queue-names';

/** BullMQ on ioredis, configured from REDIS_URL and QUEUE_PREFIX; exports the one producer. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => {
        const url = new URL(config.get('REDIS_URL', { infer: true }));
        return {
          prefix: config.get('QUEUE_PREFIX', { infer: true }),
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            username: url.username || undefined,
            password: url.password ? decodeURIComponent(url.password) : undefined,
            db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            maxRetriesPerRequest: null,
          },
        };
      },
    }),
    BullModule.registerQueue(
      { name: QueueName.Deadlines },
      { name: QueueName.Disbursements },
      { name: QueueName.Notifications },
    ),
  ],
  providers: [JobProducer, OutboxRelay],
  exports: [JobProducer, OutboxRelay, BullModule],
})
export class QueueModule {}
