import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Repository } from 'typeorm';
import { AppConfig, RedisClient } from '@app/core';
import { MailTransport, SentMail } from './mail-transport';
import { OutboxMessage } from './outbox-message.entity';
import { DeliveryHandlers, OutboxService } from './outbox.service';

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

export type DeliveryOutcome = 'sent' | 'skipped' | { notBefore: number };

/** Sends one outbox row. Idempotent: a row that is not PENDING is skipped. */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);

  constructor(
    @InjectRepository(OutboxMessage) private readonly outbox: Repository<OutboxMessage>,
    private readonly outboxService: OutboxService,
    private readonly handlers: DeliveryHandlers,
    private readonly transport: MailTransport,
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  /**
   * @param isLastAttempt whether the queue will not try again after a temporary failure
   * @returns `{ notBefore }` when a paced message must wait for its turn (nothing was sent)
   * @throws UnrecoverableError on a permanent failure (the queue must not retry); the original
   *   error on a temporary one (the queue retries with backoff)
   */
  async deliver(outboxId: string, isLastAttempt: boolean): Promise<DeliveryOutcome> {
    const message = await this.outbox.findOneBy({ id: outboxId });
    if (!message || message.status !== 'PENDING') {
      return 'skipped';
    }
    if (message.paceKey && message.paceMs) {
      // One slot per key per interval, shared by every worker; a message that does not get the
      // slot waits for it (it is never dropped).
      const key = `pace:${message.paceKey}`;
      const slot = await this.redis.set(key, '1', 'PX', message.paceMs, 'NX');
      if (slot !== 'OK') {
        const wait = await this.redis.pttl(key);
        return { notBefore: Date.now() + Math.max(wait, 10) + Math.floor(Math.random() * 50) };
      }
    }
    const handler = this.handlers.for(message.template);
    let sent: SentMail;
    try {
      sent = await this.transport.send(outboxId, {
        from: message.sender ?? this.config.mail.from,
        replyTo: message.replyTo ?? this.config.mail.replyTo,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody ?? undefined,
        html: message.htmlBody ?? undefined,
        headers: message.headers,
        attachments: message.attachments ?? undefined,
      });
    } catch (error) {
      const permanent = isPermanentFailure(error);
      const final = permanent || isLastAttempt;
      const reason = describe(error);
      await this.outboxService.transaction(async (manager, mail) => {
        const updated = await manager.update(
          OutboxMessage,
          { id: outboxId, status: 'PENDING' },
          {
            attempts: message.attempts + 1,
            lastError: reason,
            ...(final ? { status: 'FAILED' as const, failedAt: new Date() } : {}),
          },
        );
        if (final && updated.affected && handler.failed) {
          await handler.failed(manager, mail, { ...message, status: 'FAILED' }, { permanent, reason });
        }
      });
      this.logger.warn(
        `Email ${outboxId} (${message.template}) ${final ? 'failed' : 'will be retried'}: ${
          (error as SmtpError).responseCode ?? (error as SmtpError).code ?? 'error'
        }`,
      );
      // The queue keeps the reason it is given; give it the code only (SMTP answers can quote the
      // recipient's address). The full reason is in the outbox row.
      const short = `SMTP delivery failed: ${(error as SmtpError).responseCode ?? (error as SmtpError).code ?? 'error'}`;
      throw permanent ? new UnrecoverableError(short) : new Error(short);
    }
    await this.outboxService.transaction(async (manager, mail) => {
      const updated = await manager.update(
        OutboxMessage,
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
      if (updated.affected && handler.sent) {
        await handler.sent(manager, mail, { ...message, status: 'SENT', smtpMessageId: sent.messageId });
      }
    });
    this.logger.log(`Sent email ${outboxId} (${message.template})`);
    return 'sent';
  }
}
