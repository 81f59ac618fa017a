import { EnvironmentVariables } from '@app/config';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** the same for every attempt of one notification, so a receiver can tell a repeat */
  messageId: string;
}

/** SMTP through nodemailer, from SMTP_URL and MAIL_FROM; one pooled transport per process. */
@Injectable()
export class Mailer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private transport?: Transporter;

  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  get enabled(): boolean {
    return this.config.get('SMTP_URL', { infer: true }) !== '';
  }

  onModuleInit(): void {
    if (!this.enabled)
      this.logger.warn('SMTP_URL is not set: notification e-mails are disabled (in-app notifications still work)');
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.enabled) throw new Error('e-mail is disabled: SMTP_URL is not set');
    this.transport ??= createTransport(
      {
        url: this.config.get('SMTP_URL', { infer: true }),
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      },
      { from: this.config.get('MAIL_FROM', { infer: true }) },
    );
    await this.transport.sendMail({ ...mail, messageId: `<${mail.messageId}>` });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
