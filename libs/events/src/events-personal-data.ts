import { Injectable, OnModuleInit } from '@nestjs/common';
import { canonicalEmail } from '@app/core';
import { PersonalDataRegistry } from '@app/members';
import { Certificate } from './certificate.entity';
import { Rsvp } from './rsvp.entity';

/**
 * A person's RSVPs and certificates in their data download (from their own record and every
 * branch's provisional record of their address), their erasure, and their move to the person's own
 * record when a provisional record is confirmed.
 */
@Injectable()
export class EventsPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(
      'eventReplies',
      async (manager, { memberId, email }) =>
        (
          await manager.find(Rsvp, {
            // Every reply has a member record; by address too, in case one outlives its record's link.
            where: memberId ? { memberId } : { emailCanonical: canonicalEmail(email) },
            relations: { event: true },
            order: { queuedAt: 'ASC' },
          })
        ).map((r) => ({
          event: r.event?.title,
          startsAt: r.event?.startsAt,
          fullName: r.fullName,
          email: r.email,
          status: r.status,
          repliedAt: r.queuedAt,
          checkedInAt: r.checkedInAt,
        })),
      { perRecord: true },
    );
    this.registry.register(
      'certificates',
      async (manager, { memberId }) =>
        (memberId
          ? await manager.find(Certificate, { where: { memberId }, order: { issuedOn: 'ASC' } })
          : []
        ).map((c) => ({
          trainingKind: c.trainingKind,
          issuedOn: c.issuedOn,
          validUntil: c.validUntil,
        })),
      { perRecord: true },
    );
    this.registry.registerHolder('eventReplies', async (manager, email) => {
      const [row] = await manager.query<Array<{ full_name: string }>>(
        'SELECT full_name FROM rsvp WHERE email_canonical = $1 ORDER BY queued_at DESC LIMIT 1',
        [canonicalEmail(email)],
      );
      return row ? { fullName: row.full_name } : null;
    });
    // Replies stay (so attendance counts stay right) without the name and address given with them.
    this.registry.registerEraser('eventReplies', async (manager, person) => {
      await manager.query(
        `UPDATE rsvp SET full_name = 'Erased',
                         email = 'erased-' || id || '@erased.invalid',
                         email_canonical = 'erased-' || id || '@erased.invalid'
         WHERE member_id = $1 OR email_canonical = $2`,
        [person.memberId, canonicalEmail(person.email)],
      );
    });
    this.registry.registerMerger('eventReplies', async (manager, { from, into }) => {
      // One reply per person and event, so the own record cannot already have one for these
      // events; should it (replies from before that rule), its own reply stands.
      await manager.query(
        `DELETE FROM rsvp r USING rsvp own
         WHERE r.member_id = $1 AND own.member_id = $2 AND own.event_id = r.event_id`,
        [from, into],
      );
      await manager.query(`UPDATE rsvp SET member_id = $2 WHERE member_id = $1`, [from, into]);
      await manager.query(
        `DELETE FROM certificate c USING certificate own
         WHERE c.member_id = $1 AND own.member_id = $2 AND own.event_id = c.event_id`,
        [from, into],
      );
      await manager.query(`UPDATE certificate SET member_id = $2 WHERE member_id = $1`, [from, into]);
    });
  }
}
