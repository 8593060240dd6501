import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeliveryFailure, DeliveryHandlers, MailModule, OutboxMessage } from '@app/mail';
import { Letter } from './letter.entity';
import { letterTemplate } from './letter.templates';

/** Records each letter's delivery: registered with the mail library, run by the worker. */
@Injectable()
export class LetterOutcomes implements OnModuleInit {
  constructor(private readonly handlers: DeliveryHandlers) {}

  onModuleInit(): void {
    this.handlers.register(letterTemplate, {
      sent: (manager, _mail, message) => this.recordSent(manager, message),
      failed: (manager, _mail, message, failure) => this.recordFailed(manager, message, failure),
    });
  }

  async recordSent(manager: EntityManager, message: OutboxMessage): Promise<void> {
    await manager.update(
      Letter,
      { outboxMessageId: message.id, status: 'QUEUED' },
      { status: 'SENT', sentAt: new Date(), smtpMessageId: message.smtpMessageId, failureReason: null },
    );
  }

  /**
   * A letter that could not be delivered is FAILED with the reason. A 5xx refusing the recipient
   * (RCPT TO) means the address refuses mail: every target with it is marked bouncing, and their
   * other waiting letters fail at once rather than each waiting for its own refusal.
   */
  async recordFailed(
    manager: EntityManager,
    message: OutboxMessage,
    failure: DeliveryFailure,
  ): Promise<void> {
    const [rows] = await manager.query<[Array<{ target_id: string }>, number]>(
      `UPDATE letter SET status = 'FAILED', failure_reason = $2
       WHERE outbox_message_id = $1 AND status = 'QUEUED' RETURNING target_id`,
      [message.id, failure.reason],
    );
    const targetId = rows[0]?.target_id;
    // Only the server refusing the address itself marks it bouncing; a refused message (content,
    // our own credentials) fails just this letter.
    if (!targetId || !failure.recipientRefused) {
      return;
    }
    const [targets] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE target SET delivery_status = 'BOUNCING'
       WHERE email = (SELECT email FROM target WHERE id = $1) AND delivery_status = 'OK' RETURNING id`,
      [targetId],
    );
    const reason = 'The recipient’s address refused an earlier letter and is marked bouncing.';
    const [waiting] = await manager.query<[Array<{ outbox_message_id: string }>, number]>(
      `UPDATE letter SET status = 'FAILED', failure_reason = $2
       WHERE target_id = ANY($1::uuid[]) AND status = 'QUEUED' RETURNING outbox_message_id`,
      [[targetId, ...targets.map((t) => t.id)], reason],
    );
    const ids = waiting.map((w) => w.outbox_message_id).filter(Boolean);
    if (ids.length > 0) {
      await manager.query(
        `UPDATE outbox_message SET status = 'FAILED', failed_at = now(), last_error = $2,
           text_body = NULL, html_body = NULL
         WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
        [ids, reason],
      );
    }
  }
}

/** For the worker: what happens to a letter once the SMTP server has answered. */
@Module({ imports: [MailModule], providers: [LetterOutcomes] })
export class LetterDeliveryModule {}
