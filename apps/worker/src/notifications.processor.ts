import { ProduceNotificationsUseCase, SendEmailUseCase } from '@app/notifications';
import { JobName, JobPayloads, QueueName } from '@app/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { HandledJobs } from './handled-jobs';

type NotificationJob =
  Job<JobPayloads[JobName.NotifyEvent], unknown, JobName> | Job<JobPayloads[JobName.SendEmail], unknown, JobName>;

/** Events become notifications (ProduceNotificationsUseCase); e-mails go out over SMTP with the queue's retries. */
@Processor(QueueName.Notifications) // worker options (concurrency, JOB_LOCK_MS): worker-options.provider.ts
@HandledJobs(QueueName.Notifications, [JobName.NotifyEvent, JobName.SendEmail])
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly produce: ProduceNotificationsUseCase,
    private readonly send: SendEmailUseCase,
  ) {
    super();
  }

  async process(job: NotificationJob): Promise<string> {
    if (job.name === JobName.SendEmail) {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const { notificationId } = job.data as JobPayloads[JobName.SendEmail];
      const outcome = await this.send.execute(notificationId, finalAttempt);
      this.logger.log({ jobId: job.id, notificationId, attempt: job.attemptsMade + 1, outcome }, 'send-email');
      return outcome;
    }
    const written = await this.produce.execute(job.data as JobPayloads[JobName.NotifyEvent]);
    this.logger.log({ jobId: job.id, written }, 'notify-event');
    return `written ${written}`;
  }
}
