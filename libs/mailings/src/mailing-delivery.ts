import { Injectable, OnModuleInit } from '@nestjs/common';
import { DeliveryHandlers } from '@app/mail';
import { markAddressBouncing } from '@app/members';
import { MailingSender } from './mailing-sender';
import { MailingRepository } from './mailing.repository';
import { mailingTemplate } from './mailing.templates';

/**
 * Records each recipient's outcome once the SMTP server has answered (registered with the mail
 * library; run by the worker, in the transaction that records the outbox row's outcome).
 */
@Injectable()
export class MailingOutcomes implements OnModuleInit {
  constructor(
    private readonly handlers: DeliveryHandlers,
    private readonly repository: MailingRepository,
    private readonly sender: MailingSender,
  ) {}

  onModuleInit(): void {
    this.handlers.register(mailingTemplate, {
      sent: async (manager, _mail, message) => {
        const recipient = await this.repository.recordOutcome(manager, message.id, 'SENT');
        if (recipient) {
          await this.repository.resetFailures(manager, recipient.mailingId);
        }
      },
      // Paused or cancelled while it was being sent, and it did not go: taken back now.
      deferred: (manager, _mail, message) => this.repository.withdrawIfStopped(manager, message.id),
      failed: async (manager, mail, message, failure) => {
        if (!failure.permanent) {
          return;
        }
        // A 5xx refusing the address itself: it is marked bouncing (no more campaign email to it).
        // A refused message (content, our credentials) fails this one only.
        const recipient = await this.repository.recordOutcome(
          manager,
          message.id,
          failure.recipientRefused ? 'BOUNCED' : 'FAILED',
        );
        if (!recipient) {
          return;
        }
        if (failure.recipientRefused) {
          await markAddressBouncing(manager, recipient.memberId);
        }
        await this.sender.countFailure(manager, mail, recipient.mailingId);
      },
    });
  }
}
