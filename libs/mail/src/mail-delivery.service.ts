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
  /** The SMTP command the server refused: 'RCPT TO' means it refused the recipient's address. */
  command?: string;
  message?: string;
}

/**
 * Reserves the next send slot for a pace key: `max(now, last slot + interval)`, atomically, so every
 * message waiting on the key gets its own slot once and wakes exactly then.
 */
const RESERVE_SLOT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + interval)
redis.call('SET', KEYS[1], slot, 'PX', slot - now + interval)
return slot`;

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
  async deliver(outboxId: string, isLastAttempt: boolean, reservedSlot?: number): Promise<DeliveryOutcome> {
    const message = await this.outbox.findOneBy({ id: outboxId });
    if (!message || message.status !== 'PENDING') {
      return 'skipped';
    }
    if (message.paceKey && message.paceMs) {
      // One slot per key per interval, shared by every worker. A message reserves its slot once and
      // waits for it (it is never dropped); a retry after a failure uses the slot it had.
      const slot =
        reservedSlot ??
        Number(await this.redis.eval(RESERVE_SLOT, 1, `pace:${message.paceKey}`, Date.now(), message.paceMs));
      if (slot > Date.now() + 5) {
        return { notBefore: slot };
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
      // Mail that must not be lost (letters) is never given up on a temporary failure: the row stays
      // PENDING and the sweep queues it again, however long the SMTP server is away.
      const final = permanent || (isLastAttempt && !message.keepTrying);
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
          await handler.failed(
            manager,
            mail,
            { ...message, status: 'FAILED' },
            { permanent, recipientRefused: permanent && (error as SmtpError).command === 'RCPT TO', reason },
          );
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
