import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { OutboxService } from '@app/mail';
import { Member } from '@app/members';
import { Certificate } from './certificate.entity';
import { CampaignEvent } from './event.entity';
import { certificateRefresherTemplate, eventReminderTemplate } from './event.templates';
import { londonTime } from './london-time';
import { Rsvp } from './rsvp.entity';
import { RsvpMailer } from './rsvp-mailer';

/**
 * Reminders and refresher emails, derived from the database each time the worker's schedule runs:
 * a restart of Redis or the worker loses nothing, and the "sent" mark is written in the same
 * transaction as the mail, so nothing is sent twice.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly mailer: RsvpMailer,
    private readonly config: AppConfig,
  ) {}

  /** Reminds everyone going to an event that starts within the reminder window. */
  async sendDueReminders(): Promise<number> {
    const sent = await this.outbox.transaction(async (manager, mail) => {
      const due = await manager
        .getRepository(Rsvp)
        .createQueryBuilder('r')
        .innerJoin(CampaignEvent, 'e', 'e.id = r.event_id')
        .innerJoin(Member, 'm', 'm.id = r.member_id AND m.erased_at IS NULL')
        .where(`r.status = 'GOING' AND r.reminder_sent_at IS NULL AND e.status = 'PUBLISHED'`)
        .andWhere(`e.starts_at > now() AND e.starts_at <= now() + make_interval(hours => :hours)`, {
          hours: this.config.events.reminderHours,
        })
        .orderBy('r.id')
        .limit(500)
        .setLock('pessimistic_write', undefined, ['r'])
        .setOnLocked('skip_locked')
        .getMany();
      for (const rsvp of due) {
        const event = await manager.findOneByOrFail(CampaignEvent, { id: rsvp.eventId });
        await manager.update(Rsvp, rsvp.id, { reminderSentAt: new Date() });
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
      const due = await manager
        .getRepository(Certificate)
        .createQueryBuilder('c')
        .where('c.refresher_sent_at IS NULL')
        .andWhere(`c.valid_until >= current_date AND c.valid_until <= current_date + 30`)
        // Not for people who have trained again since.
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM certificate later WHERE later.member_id = c.member_id
             AND later.training_kind = c.training_kind AND later.valid_until > c.valid_until)`,
        )
        .orderBy('c.id')
        .limit(500)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const certificate of due) {
        const member = await manager.findOneByOrFail(Member, { id: certificate.memberId });
        const trainedAt = await manager.findOneByOrFail(CampaignEvent, { id: certificate.eventId });
        const next = await manager
          .getRepository(CampaignEvent)
          .createQueryBuilder('e')
          .where(`e.branch_id = :branchId AND e.status = 'PUBLISHED' AND e.is_training`, {
            branchId: trainedAt.branchId,
          })
          .andWhere('e.training_kind = :kind AND e.starts_at > now()', { kind: certificate.trainingKind })
          .orderBy('e.starts_at')
          .getOne();
        await manager.update(Certificate, certificate.id, { refresherSentAt: new Date() });
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
