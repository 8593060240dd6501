import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AppConfig, RedisClient } from '@app/core';
import { MailTransport, SentMail } from './mail-transport';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRepository } from './outbox.repository';
import { DeliveryFailure, DeliveryHandler, DeliveryHandlers, OutboxService } from './outbox.service';
import { sendableAttachments } from './attachments';

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

/**
 * The gate every paced message passes just before it is handed to SMTP: the last send for the key
 * must be at least an interval ago. Slots alone do not guarantee the gap: a message woken late (a
 * busy machine, a slow queue) would otherwise go out close behind the one before. Returns 0 and
 * records the send, or the time the next send for the key may go.
 */
const CLAIM_SEND = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < last + interval then
  return last + interval
end
redis.call('SET', KEYS[1], now, 'PX', interval)
return 0`;

/** A 5xx answer from the SMTP server is permanent; anything else (4xx, network) is worth retrying. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as SmtpError | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  const { responseCode, code, message } = (error ?? {}) as SmtpError;
  return [responseCode ? `SMTP ${responseCode}` : code, message].filter(Boolean).join(': ').slice(0, 1000);
}

/**
 * The delay before the next try after `attempts` failed ones: doubling from MAIL_RETRY_DELAY_MS for
 * MAIL_RETRY_ATTEMPTS attempts, then staying at that largest delay (15 s … 32 min by default).
 */
export function retryDelayMs(
  attempts: number,
  config: { retryDelayMs: number; retryAttempts: number },
): number {
  return config.retryDelayMs * 2 ** (Math.min(Math.max(attempts, 1), config.retryAttempts) - 1);
}

/**
 * - `sent`, `skipped` (not PENDING any more, or no such row), `expired` (given up unsent: what it
 *   carried had expired);
 * - `{ notBefore, slot }`: nothing was sent; the job waits until `notBefore` (its paced turn, or the
 *   next try after a temporary failure), keeping its reserved pace slot.
 */
export type DeliveryOutcome = 'sent' | 'skipped' | 'expired' | { notBefore: number; slot?: number };

const EXPIRED = 'expired before it could be sent';

/**
 * Sends one outbox row. Idempotent: a row that is not PENDING is skipped. Retries are this worker's
 * own (its MAIL_RETRY_* settings, the attempts counted on the row), whichever process queued the job.
 */
@Injectable()
export class MailDeliveryService {
  private readonly logger = new Logger(MailDeliveryService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly outboxService: OutboxService,
    private readonly handlers: DeliveryHandlers,
    private readonly transport: MailTransport,
    private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  /**
   * @param reservedSlot the pace slot this message reserved on an earlier run, if any
   * @throws UnrecoverableError on a permanent failure (5xx: recorded as FAILED, never retried). A
   *   temporary failure (4xx, network, timeout) is recorded and answered with `{ notBefore }`: a
   *   message is never given up because the SMTP server is away, however long.
   */
  async deliver(outboxId: string, reservedSlot?: number): Promise<DeliveryOutcome> {
    const leaseMs = this.leaseMs();
    // The common case (due, unpaced, nobody else sending it) is leased and read in one statement.
    const leased = await this.outbox.leaseForDelivery(outboxId, leaseMs);
    const message = leased ?? (await this.outbox.forDelivery(outboxId));
    if (!message) {
      this.logger.warn(`No outbox row for mail job ${outboxId}; nothing to send`);
      return 'skipped';
    }
    if (message.status !== 'PENDING') {
      return 'skipped';
    }
    if (!leased && (message as { leasedByOther?: boolean }).leasedByOther && message.leasedUntil) {
      // Another worker is sending it (or was, and was killed): wait for its lease to end.
      return { notBefore: message.leasedUntil.getTime() + 50, slot: reservedSlot };
    }
    const handler = this.handlers.for(message.template);
    if (message.expiresAt && message.expiresAt.getTime() <= Date.now()) {
      await this.fail(message, handler, {
        permanent: false,
        expired: true,
        recipientRefused: false,
        reason: EXPIRED,
      });
      this.logger.warn(`Email ${outboxId} (${message.template}) ${EXPIRED}`);
      return 'expired';
    }
    if (!leased && message.retryAt && message.retryAt.getTime() > Date.now() + 5) {
      // Queued again early (by the sweep): the next try waits for its time.
      return { notBefore: message.retryAt.getTime(), slot: reservedSlot };
    }
    let slot = reservedSlot;
    if (!leased && message.paceKey && message.paceMs) {
      // One slot per key per interval, shared by every worker. A message reserves its slot once and
      // waits for it (it is never dropped); a retry after a failure uses the slot it had.
      slot ??= Number(
        await this.redis.runScript<number>(
          'crmPaceReserveSlot',
          RESERVE_SLOT,
          1,
          `pace:${message.paceKey}`,
          Date.now(),
          message.paceMs,
        ),
      );
      if (slot > Date.now() + 5) {
        // Its turn is recorded on the row, so the figures measure how late it is against its turn,
        // not against when it was written (and a sweep after Redis lost the job waits for it too).
        if (message.retryAt?.getTime() !== slot) {
          await this.outbox.updatePending(message.id, { retryAt: new Date(slot) });
        }
        return { notBefore: slot, slot };
      }
    }
    if (!leased && !(await this.outbox.lease(outboxId, leaseMs))) {
      // Taken (or settled) by another worker between the read and now: look again shortly.
      return { notBefore: Date.now() + 1000, slot };
    }
    if (!leased && message.paceKey && message.paceMs) {
      // Leased first, so the key's turn is only spent by a message that is then sent.
      const wait = Number(
        await this.redis.runScript<number>(
          'crmPaceClaimSend',
          CLAIM_SEND,
          1,
          `pace:${message.paceKey}:sent`,
          Date.now(),
          message.paceMs,
        ),
      );
      if (wait > 0) {
        await this.outbox.updatePending(message.id, { leasedUntil: null });
        return { notBefore: wait, slot };
      }
    }
    let sent: SentMail;
    try {
      sent = await this.transport.send(
        outboxId,
        {
          from: message.sender ?? this.config.mail.from,
          replyTo: message.replyTo ?? this.config.mail.replyTo,
          to: message.toAddress,
          subject: message.subject,
          text: message.textBody ?? undefined,
          html: message.htmlBody ?? undefined,
          headers: message.headers,
          attachments: message.attachments ? sendableAttachments(message.attachments) : undefined,
        },
        // Tried before and failed: a connection of its own, not one kept open by a pool.
        { bulk: message.bulk, retry: message.attempts > 0 },
      );
    } catch (error) {
      return this.sendFailed(message, handler, error, slot);
    }
    await this.markSent(message, handler, sent);
    this.logger.log(`Sent email ${outboxId} (${message.template})`);
    return 'sent';
  }

  /**
   * How long a worker holds a message it is sending: longer than the SMTP deadlines let one send
   * take (connecting, the greeting, and a socket wait for each of the envelope and the data).
   */
  private leaseMs(): number {
    const { connectionMs, greetingMs, socketMs } = this.config.mail.smtpTimeouts;
    return connectionMs + greetingMs + 2 * socketMs + 5000;
  }

  /**
   * After the SMTP server said no: a 5xx fails the message for good (UnrecoverableError); anything
   * else is recorded and tried again later, a little later each time.
   */
  private async sendFailed(
    message: OutboxMessage,
    handler: DeliveryHandler,
    error: unknown,
    slot: number | undefined,
  ): Promise<DeliveryOutcome> {
    const code = (error as SmtpError).responseCode ?? (error as SmtpError).code ?? 'error';
    const reason = describe(error);
    if (isPermanentFailure(error)) {
      await this.fail(message, handler, {
        permanent: true,
        expired: false,
        recipientRefused: (error as SmtpError).command === 'RCPT TO',
        reason,
      });
      this.logger.warn(`Email ${message.id} (${message.template}) failed: ${code}`);
      // The queue keeps the reason it is given; give it the code only (SMTP answers can quote the
      // recipient's address). The full reason is in the outbox row.
      throw new UnrecoverableError(`SMTP delivery failed: ${code}`);
    }
    // Temporary: the row stays PENDING (its lease given back), and the next try waits a little
    // longer each time. Its library may take it back meanwhile (a mailing paused as it was sent).
    const attempts = message.attempts + 1;
    const retryAt = new Date(Date.now() + retryDelayMs(attempts, this.config.mail));
    const changes = { attempts, lastError: reason, retryAt, leasedUntil: null };
    if (handler.deferred) {
      await this.outboxService.transaction(async (manager, mail) => {
        if (await this.outbox.updatePending(message.id, changes, manager)) {
          await handler.deferred?.(manager, mail, message);
        }
      });
    } else {
      await this.outbox.updatePending(message.id, changes);
    }
    this.logger.warn(
      `Email ${message.id} (${message.template}) will be retried at ${retryAt.toISOString()} (attempt ${attempts}): ${code}`,
    );
    return { notBefore: retryAt.getTime(), slot };
  }

  /**
   * Records the message sent (its bodies go), with its library's handler in the same transaction.
   * Most mail (confirmations, links) has no handler: one statement then, no transaction around it.
   */
  private async markSent(message: OutboxMessage, handler: DeliveryHandler, sent: SentMail): Promise<void> {
    const outcome = { smtpMessageId: sent.messageId, attempts: message.attempts + 1, sentAt: new Date() };
    if (!message.bulk && !handler.sent) {
      await this.outbox.markSent(message.id, outcome);
      return;
    }
    await this.outboxService.transaction(async (manager, mail) => {
      if (message.bulk) {
        // A mailing's many alike: the outcome's commit does not wait for the disk. Only a crash of
        // PostgreSQL itself (not of this worker) can lose the last fraction of a second of outcomes,
        // and those few messages are then sent again (delivery is at least once anyway).
        await this.outbox.commitWithoutWaitingForDisk(manager);
      }
      const updated = await this.outbox.markSent(message.id, outcome, manager);
      if (updated && handler.sent) {
        await handler.sent(manager, mail, { ...message, status: 'SENT', smtpMessageId: sent.messageId });
      }
    });
  }

  /** Gives a message up (a 5xx, or expired unsent), with its library's handler in the same transaction. */
  private async fail(
    message: OutboxMessage,
    handler: DeliveryHandler,
    failure: DeliveryFailure,
  ): Promise<void> {
    const { expired } = failure;
    await this.outboxService.transaction(async (manager, mail) => {
      const updated = await this.outbox.updatePending(
        message.id,
        {
          status: 'FAILED',
          failedAt: new Date(),
          lastError: failure.reason,
          retryAt: null,
          // An expired message is never sent: its body (a dead link) goes now.
          ...(expired
            ? { textBody: null, htmlBody: null, attachments: null }
            : { attempts: message.attempts + 1 }),
        },
        manager,
      );
      if (updated && handler.failed) {
        await handler.failed(manager, mail, { ...message, status: 'FAILED' }, failure);
      }
    });
  }
}
