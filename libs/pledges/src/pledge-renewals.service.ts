import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@app/mail';
import { Member } from '@app/members';
import { PledgeDecision } from './pledge-decision.entity';
import { Pledge } from './pledge.entity';
import { pledgeRenewalTemplate } from './pledge.templates';
import { Venue } from './venue.entity';

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
    const column = days === 7 ? 'reminded7_at' : 'reminded30_at';
    return this.outbox.transaction(async (manager, mail) => {
      const due = await manager
        .getRepository(Pledge)
        .createQueryBuilder('p')
        .where(`p.status = 'VERIFIED' AND p.${column} IS NULL`)
        .andWhere(`p.expires_at > now() AND p.expires_at <= now() + make_interval(days => :days)`, { days })
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .limit(500)
        .getMany();
      for (const pledge of due) {
        await manager.update(
          Pledge,
          pledge.id,
          days === 7
            ? { reminded7At: new Date(), reminded30At: pledge.reminded30At ?? new Date() }
            : { reminded30At: new Date() },
        );
        const venue = await manager.findOneByOrFail(Venue, { id: pledge.venueId });
        const owner = await manager.findOneByOrFail(Member, { id: venue.ownerId });
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
      const lapsed = await manager.query<[Array<{ id: string }>, number]>(
        `UPDATE pledge SET status = 'LAPSED', verified_at = NULL, updated_at = now()
         WHERE status = 'VERIFIED' AND expires_at <= now() RETURNING id`,
      );
      for (const { id } of lapsed[0]) {
        await manager.insert(PledgeDecision, {
          pledgeId: id,
          action: 'LAPSED',
          actorId: null,
          note: 'Not renewed within a year.',
        });
      }
      return lapsed[0].length;
    });
  }
}
