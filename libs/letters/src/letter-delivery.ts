import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeliveryFailure, DeliveryHandlers, OutboxMessage } from '@app/mail';
import { TargetRepository } from '@app/targets';
import { LetterRepository } from './letter.repository';
import { letterDigestTemplate, letterTemplate } from './letter.templates';

/** Records each letter's delivery: registered with the mail library, run by the worker. */
@Injectable()
export class LetterOutcomes implements OnModuleInit {
  constructor(
    private readonly handlers: DeliveryHandlers,
    private readonly letters: LetterRepository,
    private readonly targets: TargetRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register(letterTemplate, {
      sent: (manager, _mail, message) => this.recordSent(manager, message),
      failed: (manager, _mail, message, failure) => this.recordFailed(manager, message, failure),
    });
    // A digest carries many letters: they are SENT (or FAILED) together.
    this.handlers.register(letterDigestTemplate, {
      sent: (manager, _mail, message) =>
        this.letters.markDigestSent(manager, message.id, message.smtpMessageId),
      failed: async (manager, _mail, message, failure) =>
        this.bounce(
          manager,
          await this.letters.markDigestFailed(manager, message.id, failure.reason),
          failure,
        ),
    });
  }

  async recordSent(manager: EntityManager, message: OutboxMessage): Promise<void> {
    await this.letters.markSent(manager, message.id, message.smtpMessageId);
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
    await this.bounce(manager, await this.letters.markFailed(manager, message.id, failure.reason), failure);
  }

  /** After a letter's (or a digest's) failure to the target: the bouncing rule above. */
  private async bounce(
    manager: EntityManager,
    targetId: string | undefined,
    failure: DeliveryFailure,
  ): Promise<void> {
    // Only the server refusing the address itself marks it bouncing; a refused message (content,
    // our own credentials) fails just this letter.
    if (!targetId || !failure.recipientRefused) {
      return;
    }
    const bouncing = await this.targets.markAddressBouncing(manager, targetId);
    const reason = 'The recipient’s address refused an earlier letter and is marked bouncing.';
    const waiting = await this.letters.failQueuedTo(manager, [targetId, ...bouncing], reason);
    await this.letters.failPendingMessages(manager, waiting, reason);
  }
}
