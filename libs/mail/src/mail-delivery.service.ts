import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Repository } from 'typeorm';
import { AppConfig } from '@app/core';
import { MailTransport } from './mail-transport';
import { OutboxMessage } from './outbox-message.entity';

interface SmtpError {
  responseCode?: number;
  code?: string;
  message?: string;
}

/** A 5xx answer from the SMTP server is permanent; anything else (4xx, network) is worth retrying. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as SmtpError | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  const { responseCode, code, message } = (error ?? {}) as SmtpError;
  return [responseCode ? `SMTP ${responseCode}` : code, message].filter(Boolean).join(': ').slice(0, 1000);
}

export type DeliveryOutcome = 'sent' | 'skipped';

/** Sends one outbox row. Idempotent: a row that is not PENDING is skipped. */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);

  constructor(
    @InjectRepository(OutboxMessage) private readonly outbox: Repository<OutboxMessage>,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  /**
   * @param isLastAttempt whether the queue will not try again after a temporary failure
   * @throws UnrecoverableError on a permanent failure (the queue must not retry); the original
   *   error on a temporary one (the queue retries with backoff)
   */
  async deliver(outboxId: string, isLastAttempt: boolean): Promise<DeliveryOutcome> {
    const message = await this.outbox.findOneBy({ id: outboxId });
    if (!message || message.status !== 'PENDING') {
      return 'skipped';
    }
    try {
      const sent = await this.transport.send(outboxId, {
        from: this.config.mail.from,
        replyTo: this.config.mail.replyTo,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody ?? undefined,
        html: message.htmlBody ?? undefined,
        headers: message.headers,
        attachments: message.attachments ?? undefined,
      });
      await this.outbox.update(
        { id: outboxId, status: 'PENDING' },
        {
          status: 'SENT',
          smtpMessageId: sent.messageId,
          sentAt: new Date(),
          attempts: message.attempts + 1,
          textBody: null,
          htmlBody: null,
          attachments: null,
          lastError: null,
        },
      );
      this.logger.log(`Sent email ${outboxId} (${message.template})`);
      return 'sent';
    } catch (error) {
      const permanent = isPermanentFailure(error);
      const final = permanent || isLastAttempt;
      await this.outbox.update(
        { id: outboxId, status: 'PENDING' },
        {
          attempts: message.attempts + 1,
          lastError: describe(error),
          ...(final ? { status: 'FAILED' as const, failedAt: new Date() } : {}),
        },
      );
      this.logger.warn(
        `Email ${outboxId} (${message.template}) ${final ? 'failed' : 'will be retried'}: ${
          (error as SmtpError).responseCode ?? (error as SmtpError).code ?? 'error'
        }`,
      );
      // The queue keeps the reason it is given; give it the code only (SMTP answers can quote the
      // recipient's address). The full reason is in the outbox row.
      const reason = `SMTP delivery failed: ${(error as SmtpError).responseCode ?? (error as SmtpError).code ?? 'error'}`;
      throw permanent ? new UnrecoverableError(reason) : new Error(reason);
    }
  }
}
