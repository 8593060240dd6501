import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@app/mail';
import { MemberRepository } from '@app/members';
import { PledgeRepository } from './pledge.repository';
import { pledgeRenewalTemplate } from './pledge.templates';
import { VenueRepository } from './venue.repository';

const DAY = 86_400_000;
const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });

/**
 * The yearly cycle, run by the worker's schedule and safe to run twice: reminders 30 and 7 days
 * before a verified pledge runs out (each once), and lapsing pledges that were not renewed.
 */
@Injectable()
export class PledgeRenewalsService {
  private readonly logger = new Logger(PledgeRenewalsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pledges: PledgeRepository,
    private readonly venues: VenueRepository,
    private readonly members: MemberRepository,
    private readonly outbox: OutboxService,
  ) {}

  async run(): Promise<{ reminded: number; lapsed: number }> {
    const reminded = (await this.remind(7)) + (await this.remind(30));
    const lapsed = await this.lapse();
    if (reminded + lapsed > 0) {
      this.logger.log(`Pledges: ${reminded} renewal reminder(s), ${lapsed} lapsed`);
    }
    return { reminded, lapsed };
  }

  /** Reminds owners whose pledge runs out within `days`; the 7-day reminder also covers the 30-day one. */
  private async remind(days: 7 | 30): Promise<number> {
    return this.outbox.transaction(async (manager, mail) => {
      const due = await this.pledges.lockDueForReminder(manager, days);
      for (const pledge of due) {
        await this.pledges.update(
          manager,
          pledge.id,
          days === 7
            ? { reminded7At: new Date(), reminded30At: pledge.reminded30At ?? new Date() }
            : { reminded30At: new Date() },
        );
        const venue = await this.venues.getById(manager, pledge.venueId);
        const owner = await this.members.getById(venue.ownerId, manager);
        if (owner.erasedAt) {
          continue;
        }
        await mail.add(pledgeRenewalTemplate, owner.email, {
          fullName: owner.fullName,
          venue: venue.name,
          days: Math.max(1, Math.ceil((pledge.expiresAt!.getTime() - Date.now()) / DAY)),
          expires: DATE.format(pledge.expiresAt!),
        });
      }
      return due.length;
    });
  }

  private async lapse(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const lapsed = await this.pledges.lapseExpired(manager);
      for (const pledgeId of lapsed) {
        await this.pledges.record(manager, {
          pledgeId,
          action: 'LAPSED',
          actorId: null,
          note: 'Not renewed within a year.',
        });
      }
      return lapsed.length;
    });
  }
}
