import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { OutboxService } from '@app/mail';
import { MemberRepository } from '@app/members';
import { CertificateRepository } from './certificate.repository';
import { EventRepository } from './event.repository';
import { certificateRefresherTemplate, eventReminderTemplate } from './event.templates';
import { londonTime } from './london-time';
import { RsvpMailer } from './rsvp-mailer';
import { RsvpRepository } from './rsvp.repository';

/**
 * Reminders and refresher emails, derived from the database each time the worker's schedule runs:
 * a restart of Redis or the worker loses nothing, and the "sent" mark is written in the same
 * transaction as the mail, so nothing is sent twice.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly eventRows: EventRepository,
    private readonly rsvpRows: RsvpRepository,
    private readonly certificateRows: CertificateRepository,
    private readonly members: MemberRepository,
    private readonly outbox: OutboxService,
    private readonly mailer: RsvpMailer,
    private readonly config: AppConfig,
  ) {}

  /** Reminds everyone going to an event that starts within the reminder window. */
  async sendDueReminders(): Promise<number> {
    const sent = await this.outbox.transaction(async (manager, mail) => {
      const due = await this.rsvpRows.dueReminders(manager, this.config.events.reminderHours);
      for (const rsvp of due) {
        const event = await this.eventRows.getById(manager, rsvp.eventId);
        await this.rsvpRows.update(manager, rsvp.id, { reminderSentAt: new Date() });
        await mail.add(
          eventReminderTemplate,
          rsvp.email,
          this.mailer.describe(event, rsvp),
          {},
          [this.mailer.invitation(event)],
          // A reminder after the start is of no use (a long SMTP outage): not sent then.
          { expiresAt: event.startsAt },
        );
      }
      return due.length;
    });
    if (sent > 0) {
      this.logger.log(`Queued ${sent} event reminder(s)`);
    }
    return sent;
  }

  /**
   * Tells people whose certificate runs out within 30 days, with the branch's next training of the
   * same kind if there is one. Once per certificate.
   */
  async sendRefreshers(): Promise<number> {
    return this.outbox.transaction(async (manager, mail) => {
      const due = await this.certificateRows.dueRefreshers(manager);
      for (const certificate of due) {
        const member = await this.members.getById(certificate.memberId, manager);
        const trainedAt = await this.eventRows.getById(manager, certificate.eventId);
        const next = await this.eventRows.nextTraining(manager, trainedAt.branchId, certificate.trainingKind);
        await this.certificateRows.markRefresherSent(manager, certificate.id);
        if (member.erasedAt) {
          continue;
        }
        await mail.add(certificateRefresherTemplate, member.email, {
          fullName: member.fullName,
          trainingKind: certificate.trainingKind,
          validUntil: certificate.validUntil,
          next: next
            ? `${next.title}, ${londonTime(next.startsAt)} (${this.config.publicUrl}/events/${next.id}.ics)`
            : '',
        });
      }
      return due.length;
    });
  }
}
