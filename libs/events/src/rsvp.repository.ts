import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { DatabaseError } from 'pg';
import { preparedQuery, returnedEntity } from '@app/core';
import { NewOutboxMessage, outboxInsertCte } from '@app/mail';
import { Attendance } from './attendance';
import { CampaignEvent } from './event.entity';
import { Rsvp, RsvpStatus } from './rsvp.entity';

/** Figures for a branch's events over a period. */
export interface BranchAttendance {
  events: number;
  going: number;
  checkedIn: number;
}

/** The fields a reply is written with (the status, the person's words, a fresh cancel link…). */
export type ReplyFields = Pick<
  Rsvp,
  | 'status'
  | 'walkIn'
  | 'cancelTokenHash'
  | 'fullName'
  | 'email'
  | 'emailCanonical'
  | 'earlierCancelTokenHashes'
> &
  Partial<Pick<Rsvp, 'checkInCodeHash'>>;

/** What `replyIfNew` found (see the rsvp_reply function's migration, RsvpReplyFunction). */
export type NewReplyOutcome =
  | { outcome: 'gone' | 'closed' | 'changed' | 'slow'; status: RsvpStatus | null }
  | { outcome: 'repeat' | 'added'; status: RsvpStatus };

/** A new reply, as `replyIfNew` writes it. */
export interface NewReply {
  eventId: string;
  /** The event's `updatedAt` as the caller read it (its emails describe that). */
  eventUpdatedAt: Date;
  fullName: string;
  email: string;
  emailCanonical: string;
  postcode: string | null;
  emailOptIn: boolean;
  consent: { wording: string; version: string };
  cancelTokenHash: string;
  checkInCodeHash: string;
}

/** Every statement about the `rsvp` table: replies, the waitlist, check-ins and their figures. */
@Injectable()
export class RsvpRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<Rsvp | null> {
    return this.manager(manager).findOneBy(Rsvp, { id });
  }

  getById(manager: EntityManager, id: string): Promise<Rsvp> {
    return manager.findOneByOrFail(Rsvp, { id });
  }

  /** The reply with the person's member record, which must exist. */
  getWithMember(manager: EntityManager, id: string): Promise<Rsvp> {
    return manager.findOneOrFail(Rsvp, { where: { id }, relations: { member: true } });
  }

  /** The reply to the event from this canonical address, or null. */
  async findByAddress(
    eventId: string,
    emailCanonical: string,
    manager?: EntityManager,
  ): Promise<Rsvp | null> {
    // Raw: on every public reply's path, where the entity find's query building showed.
    const on = this.manager(manager);
    const [row] = await on.query<Array<Record<string, unknown>>>(
      'SELECT * FROM rsvp WHERE event_id = $1 AND email_canonical = $2 LIMIT 1',
      [eventId, emailCanonical],
    );
    return row ? returnedEntity(on, Rsvp, row) : null;
  }

  /**
   * A new reply in one statement, in autocommit (the rsvp_reply function, with the repeat guard's
   * claim of `request.key`): under the event's lock, the answer, the person's branch record
   * (found, or added with their consent) and the reply; and the reply's email, `going` or
   * `waitlisted` as the answer is, in the outbox in the same statement. Only the common case
   * (see NewReplyOutcome): 'changed' and 'slow' mean nothing was written and the full path must
   * decide.
   */
  async replyIfNew(
    request: { key: string; windowMs: number },
    reply: NewReply,
    mail: { going: NewOutboxMessage; waitlisted: NewOutboxMessage },
  ): Promise<NewReplyOutcome> {
    const args = [
      request.key,
      request.windowMs / 1000,
      reply.eventId,
      reply.eventUpdatedAt,
      reply.fullName,
      reply.email,
      reply.emailCanonical,
      reply.postcode,
      reply.emailOptIn,
      reply.consent.wording,
      reply.consent.version,
      reply.cancelTokenHash,
      reply.checkInCodeHash,
    ];
    const going = outboxInsertCte(
      mail.going,
      'reply',
      `reply.outcome = 'added' AND reply.status = 'GOING'`,
      args.length + 1,
      'going_mail',
    );
    const waitlisted = outboxInsertCte(
      mail.waitlisted,
      'reply',
      `reply.outcome = 'added' AND reply.status = 'WAITLISTED'`,
      args.length + going.params.length + 1,
      'waitlisted_mail',
    );
    try {
      const [row] = await preparedQuery<{ outcome: string; status: RsvpStatus | null }>(
        this.dataSource,
        `WITH reply AS (
           SELECT * FROM rsvp_reply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ), ${going.cte}, ${waitlisted.cte}
         SELECT * FROM reply`,
        [...args, ...going.params, ...waitlisted.params],
      );
      return row as NewReplyOutcome;
    } catch (error) {
      // Another reply from the address, written meanwhile beside this one (an event without a
      // capacity takes replies side by side: RsvpReplySharedLock): nothing of this statement was
      // written, and the full path decides.
      if (
        error instanceof DatabaseError &&
        error.code === '23505' &&
        error.constraint === 'rsvp_event_member_key'
      ) {
        return { outcome: 'slow', status: null };
      }
      throw error;
    }
  }

  /** The event's reply behind a check-in code's hash, or null. */
  findByCheckInCode(eventId: string, codeHash: string): Promise<Rsvp | null> {
    return this.dataSource.manager.findOneBy(Rsvp, { eventId, checkInCodeHash: codeHash });
  }

  /** The reply behind a cancel link: the newest link, or one mailed earlier for the same reply. */
  findByCancelToken(tokenHash: string): Promise<Rsvp | null> {
    return this.dataSource
      .getRepository(Rsvp)
      .createQueryBuilder('r')
      .where(
        'r.cancel_token_hash = :tokenHash OR r.earlier_cancel_token_hashes @> ARRAY[CAST(:tokenHash AS text)]',
        { tokenHash },
      )
      .getOne();
  }

  /**
   * Adds a reply on a member record. The database's clock orders the waitlist, whichever api
   * replica took the reply. Returns the new reply.
   */
  async insert(
    manager: EntityManager,
    eventId: string,
    memberId: string,
    fields: ReplyFields,
  ): Promise<Rsvp> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Rsvp)
      .values({ eventId, memberId, ...fields, queuedAt: () => 'clock_timestamp()' })
      .returning('*')
      .execute();
    return returnedEntity(manager, Rsvp, (inserted.raw as Array<Record<string, unknown>>)[0]);
  }

  /** Writes a reply again (one cancelled before), queued anew by the database's clock. */
  async rewrite(manager: EntityManager, id: string, fields: ReplyFields): Promise<Rsvp> {
    await manager.update(Rsvp, id, { ...fields, queuedAt: () => 'clock_timestamp()' });
    return this.getById(manager, id);
  }

  async update(manager: EntityManager, id: string, changes: Partial<Rsvp>): Promise<void> {
    await manager.update(Rsvp, id, changes);
  }

  /** The event's time changed: everyone is reminded again. */
  async clearReminders(manager: EntityManager, eventId: string): Promise<void> {
    await manager.update(Rsvp, { eventId }, { reminderSentAt: null });
  }

  countGoing(manager: EntityManager, eventId: string): Promise<number> {
    return manager.countBy(Rsvp, { eventId, status: 'GOING' });
  }

  /** Everyone going or waiting (to tell them the event is cancelled). */
  goingOrWaiting(manager: EntityManager, eventId: string): Promise<Rsvp[]> {
    return manager.find(Rsvp, { where: { eventId, status: In(['GOING', 'WAITLISTED']) } });
  }

  /** The first `take` people waiting, first come first served. */
  firstWaiting(manager: EntityManager, eventId: string, take: number): Promise<Rsvp[]> {
    return manager.find(Rsvp, {
      where: { eventId, status: 'WAITLISTED' },
      order: { queuedAt: 'ASC', id: 'ASC' },
      take,
    });
  }

  /** People going per event, in one query. */
  async goingCounts(eventIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<Array<{ event_id: string; going: number }>>(
      `SELECT event_id, count(*)::int AS going FROM rsvp WHERE event_id = ANY($1::uuid[]) AND status = 'GOING' GROUP BY event_id`,
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.going]));
  }

  /** The event's replies with their members, for the keyset paginator. */
  attendeesQuery(eventId: string, status?: RsvpStatus | null): SelectQueryBuilder<Rsvp> {
    const query = this.dataSource
      .getRepository(Rsvp)
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.member', 'm')
      .where('r.event_id = :eventId', { eventId });
    if (status) {
      query.andWhere('r.status = :status', { status });
    }
    return query;
  }

  /** Every reply to the event in reply order (for the attendee CSV). */
  forExport(eventId: string): Promise<Rsvp[]> {
    return this.dataSource.getRepository(Rsvp).find({ where: { eventId }, order: { queuedAt: 'ASC' } });
  }

  async attendance(eventId: string): Promise<Attendance> {
    // Raw: five filtered counts in one pass over the event's replies (the query builder would need five).
    const [row] = await this.dataSource.query<Attendance[]>(
      `SELECT count(*) FILTER (WHERE status = 'GOING')::int AS going,
              count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted,
              count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
              count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS "checkedIn",
              count(*) FILTER (WHERE walk_in)::int AS "walkIns"
       FROM rsvp WHERE event_id = $1`,
      [eventId],
    );
    return row;
  }

  /** The branch's events (not drafts) starting in the period, and who went to them. */
  async branchAttendance(branchId: string, from: Date | null, to: Date | null): Promise<BranchAttendance> {
    const [row] = await this.dataSource.query<BranchAttendance[]>(
      `SELECT count(DISTINCT e.id)::int AS events,
              count(r.id) FILTER (WHERE r.status = 'GOING')::int AS going,
              count(r.id) FILTER (WHERE r.checked_in_at IS NOT NULL)::int AS "checkedIn"
       FROM event e LEFT JOIN rsvp r ON r.event_id = e.id
       WHERE e.branch_id = $1 AND e.status <> 'DRAFT'
         AND ($2::timestamptz IS NULL OR e.starts_at >= $2) AND ($3::timestamptz IS NULL OR e.starts_at < $3)`,
      [branchId, from, to],
    );
    return row;
  }

  /**
   * Counts one more "you have already replied" notice, unless `most` were sent already; true if
   * this one may go.
   */
  async countRepeatNotice(manager: EntityManager, id: string, most: number): Promise<boolean> {
    const counted = await manager
      .createQueryBuilder()
      .update(Rsvp)
      .set({ repeatNotices: () => 'repeat_notices + 1' })
      .where('id = :id AND repeat_notices < :most', { id, most })
      .execute();
    return !!counted.affected;
  }

  /** A new cancel link's hash; with `keepEarlier` the one before keeps working too. */
  async replaceCancelToken(
    manager: EntityManager,
    id: string,
    tokenHash: string,
    keepEarlier: boolean,
  ): Promise<void> {
    await manager.update(Rsvp, id, {
      cancelTokenHash: tokenHash,
      ...(keepEarlier
        ? { earlierCancelTokenHashes: () => 'array_append(earlier_cancel_token_hashes, cancel_token_hash)' }
        : {}),
    });
  }

  /**
   * Replies (at most 500) of people going to a published event that starts within `hours`, not yet
   * reminded and not erased, locked; rows another worker holds are skipped.
   */
  dueReminders(manager: EntityManager, hours: number): Promise<Rsvp[]> {
    return manager
      .getRepository(Rsvp)
      .createQueryBuilder('r')
      .innerJoin(CampaignEvent, 'e', 'e.id = r.event_id')
      .innerJoin('r.member', 'm', 'm.erased_at IS NULL')
      .where(`r.status = 'GOING' AND r.reminder_sent_at IS NULL AND e.status = 'PUBLISHED'`)
      .andWhere(`e.starts_at > now() AND e.starts_at <= now() + make_interval(hours => :hours)`, { hours })
      .orderBy('r.id')
      .limit(500)
      .setLock('pessimistic_write', undefined, ['r'])
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** A member record's replies with their events, oldest first (for the person's data download). */
  byMember(manager: EntityManager, memberId: string): Promise<Rsvp[]> {
    return manager.find(Rsvp, {
      where: { memberId },
      relations: { event: true },
      order: { queuedAt: 'ASC' },
    });
  }

  /** The name last given with this canonical address on a reply, or undefined (data rights). */
  async lastNameGiven(manager: EntityManager, emailCanonical: string): Promise<string | undefined> {
    const [row] = await manager.query<Array<{ full_name: string }>>(
      'SELECT full_name FROM rsvp WHERE email_canonical = $1 ORDER BY queued_at DESC LIMIT 1',
      [emailCanonical],
    );
    return row?.full_name;
  }

  /** Replies given with this canonical address, with their events, in order (data rights). */
  byAddress(manager: EntityManager, emailCanonical: string): Promise<Rsvp[]> {
    return manager.find(Rsvp, {
      where: { emailCanonical },
      relations: { event: true },
      order: { queuedAt: 'ASC' },
    });
  }

  /**
   * Erasure: the person's replies stay (so attendance counts stay right) without the name and
   * address given with them.
   */
  async erase(manager: EntityManager, memberId: string | null, emailCanonical: string): Promise<void> {
    await manager.query(
      `UPDATE rsvp SET full_name = 'Erased',
                       email = 'erased-' || id || '@erased.invalid',
                       email_canonical = 'erased-' || id || '@erased.invalid'
       WHERE member_id = $1 OR email_canonical = $2`,
      [memberId, emailCanonical],
    );
  }

  /**
   * Moves a provisional record's replies to the person's own record. One reply per person and
   * event, so the own record cannot already have one for these events; should it (replies from
   * before that rule), its own reply stands.
   */
  async moveToRecord(manager: EntityManager, from: string, into: string): Promise<void> {
    await manager.query(
      `DELETE FROM rsvp r USING rsvp own
       WHERE r.member_id = $1 AND own.member_id = $2 AND own.event_id = r.event_id`,
      [from, into],
    );
    await manager.query(`UPDATE rsvp SET member_id = $2 WHERE member_id = $1`, [from, into]);
  }

  /**
   * A member's replies, newest event first, to events of these branches (all branches when null),
   * with each event.
   */
  async ofMember(
    memberId: string,
    branchIds: string[] | null,
  ): Promise<Array<Rsvp & { event: CampaignEvent }>> {
    const query = this.dataSource
      .getRepository(Rsvp)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.event', 'e')
      .where('r.member_id = :memberId', { memberId })
      .orderBy('e.starts_at', 'DESC')
      .limit(200);
    if (branchIds) {
      query.andWhere('e.branch_id = ANY(:branchIds)', { branchIds });
    }
    return (await query.getMany()) as Array<Rsvp & { event: CampaignEvent }>;
  }
}
