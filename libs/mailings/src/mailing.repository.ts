import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { campaignMailConditions } from '@app/members';
import { Mailing, MailingAudience, MailingStatus, RecipientStatus } from './mailing.entity';

export interface MailingStats {
  audience: number;
  queued: number;
  sent: number;
  failed: number;
  bounced: number;
  unsubscribed: number;
}

/** One mailing a person was sent, for their data download. */
export interface MailingReceived {
  subject: string;
  status: RecipientStatus;
  sentAt: Date | null;
  unsubscribedAt: Date | null;
}

export interface ClaimedRecipient {
  memberId: string;
  fullName: string;
  email: string;
}

/**
 * The SQL of mailings and their recipients. The audience is chosen in one statement over the
 * members (and RSVPs and signatures) tables: the rule for who may get campaign email comes from the
 * members library (`campaignMailConditions`); reading people one by one would not scale. Every
 * statement of the mailings library is here.
 */
@Injectable()
export class MailingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  create(values: Partial<Mailing>, manager?: EntityManager): Promise<Mailing> {
    const repository = this.m(manager).getRepository(Mailing);
    return repository.save(repository.create(values));
  }

  save(mailing: Mailing, manager?: EntityManager): Promise<Mailing> {
    return this.m(manager).save(mailing);
  }

  findById(id: string, manager?: EntityManager): Promise<Mailing | null> {
    return this.m(manager).findOneBy(Mailing, { id });
  }

  /** The mailing, which must exist. */
  getById(id: string, manager?: EntityManager): Promise<Mailing> {
    return this.m(manager).findOneByOrFail(Mailing, { id });
  }

  /**
   * The mailing, locked for the rest of `manager`'s transaction: for changing it (`write`), or
   * shared (`read`), so batches written side by side hold off a pause or cancellation.
   */
  lock(manager: EntityManager, id: string, mode: 'write' | 'read' = 'write'): Promise<Mailing | null> {
    return manager.findOne(Mailing, {
      where: { id },
      lock: { mode: mode === 'write' ? 'pessimistic_write' : 'pessimistic_read' },
    });
  }

  /**
   * The organisers' list query, for the keyset paginator: one branch's mailings, or those of the
   * branches given (`branchIds`; null for every mailing), by status.
   */
  listQuery(filter: {
    branchId?: string | null;
    branchIds?: string[] | null;
    status?: MailingStatus | null;
  }): SelectQueryBuilder<Mailing> {
    const query = this.dataSource.getRepository(Mailing).createQueryBuilder('m');
    if (filter.branchId) {
      query.where('m.branch_id = :branchId', { branchId: filter.branchId });
    } else if (filter.branchIds) {
      query.where('m.branch_id = ANY(:branches)', { branches: filter.branchIds });
    }
    if (filter.status) {
      query.andWhere('m.status = :status', { status: filter.status });
    }
    return query;
  }

  /** `FROM member m WHERE …` for the mailing's audience; its parameters are numbered after `offset`. */
  private audienceFrom(
    mailing: Pick<Mailing, 'branchId' | 'audience'>,
    offset: number,
  ): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length + offset}`;
    };
    const where = [campaignMailConditions('m')];
    if (mailing.branchId) {
      where.push(`m.branch_id = ${p(mailing.branchId)}::uuid`);
    }
    const a: MailingAudience = mailing.audience ?? {};
    if (a.tags?.length) {
      where.push(`m.tags @> ${p(a.tags)}::text[]`);
    }
    if (a.anyTags?.length) {
      where.push(`m.tags && ${p(a.anyTags)}::text[]`);
    }
    if (a.joinedAfter) {
      where.push(`m.created_at > ${p(a.joinedAfter)}::timestamptz`);
    }
    if (a.postcodeAreas?.length) {
      where.push(`upper(substring(m.postcode from '^[A-Za-z]{1,2}')) = ANY(${p(a.postcodeAreas)}::text[])`);
    }
    if (a.eventId) {
      // An RSVP may be on a branch's provisional record of the person's address.
      where.push(`EXISTS (SELECT 1 FROM rsvp v JOIN member vm ON vm.id = v.member_id
        WHERE v.event_id = ${p(a.eventId)}::uuid AND v.status = 'GOING' AND vm.email = m.email)`);
    }
    if (a.petitionId) {
      where.push(`EXISTS (SELECT 1 FROM signature s WHERE s.petition_id = ${p(a.petitionId)}::uuid
        AND s.status = 'CONFIRMED' AND s.email_opt_in AND s.email::citext = m.email)`);
    }
    return { sql: `FROM member m WHERE ${where.join('\n AND ')}`, params };
  }

  /** How many people the mailing would go to now. */
  async countAudience(mailing: Mailing, manager?: EntityManager): Promise<number> {
    const { sql, params } = this.audienceFrom(mailing, 0);
    const [row] = await this.m(manager).query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count ${sql}`,
      params,
    );
    return row.count;
  }

  /**
   * Fixes the audience: one row per person, in one statement. Run again (a retry), it adds nobody
   * twice.
   */
  async fixAudience(mailing: Mailing, manager: EntityManager): Promise<number> {
    const { sql, params } = this.audienceFrom(mailing, 1);
    const [row] = await manager.query<Array<{ count: number }>>(
      `WITH added AS (
         INSERT INTO mailing_recipient (mailing_id, member_id)
         SELECT $1, m.id ${sql}
         ON CONFLICT (mailing_id, member_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS count FROM added`,
      [mailing.id, ...params],
    );
    return row.count;
  }

  /**
   * The next `limit` recipients not yet written to the outbox, locked until the caller's transaction
   * ends; rows another worker holds are skipped, so two workers never claim the same person. Who
   * may get campaign email is checked again for the batch claimed (a mailing is sent over hours,
   * and may be paused for days): anyone who has since opted out, been archived or erased, or whose
   * address bounced or was suppressed, is CANCELLED instead of written to. Only the batch is
   * checked, so each recipient is checked once however large the audience. One statement (the
   * claim, the check and the cancellation share the batch), hence raw.
   */
  async claim(manager: EntityManager, mailingId: string, limit: number): Promise<ClaimedRecipient[]> {
    return manager.query<ClaimedRecipient[]>(
      `WITH batch AS (
         SELECT r.member_id FROM mailing_recipient r
         WHERE r.mailing_id = $1 AND r.status = 'PENDING'
         LIMIT $2
         FOR UPDATE OF r SKIP LOCKED),
       dropped AS (
         UPDATE mailing_recipient r SET status = 'CANCELLED'
         FROM batch b JOIN member m ON m.id = b.member_id
         WHERE r.mailing_id = $1 AND r.member_id = b.member_id AND NOT (${campaignMailConditions('m')})
         RETURNING r.member_id)
       SELECT m.id AS "memberId", m.full_name AS "fullName", m.email::text AS email
       FROM batch b JOIN member m ON m.id = b.member_id
       WHERE b.member_id NOT IN (SELECT member_id FROM dropped)`,
      [mailingId, limit],
    );
  }

  /** Recipients whose mail is now in the outbox. */
  async markQueued(
    manager: EntityManager,
    mailingId: string,
    rows: Array<{ memberId: string; outboxId: string; tokenHash: string }>,
  ): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE mailing_recipient r SET status = 'QUEUED', outbox_message_id = q.outbox_id,
         unsubscribe_token_hash = q.token_hash
       FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS q(member_id, outbox_id, token_hash)
       WHERE r.mailing_id = $1 AND r.member_id = q.member_id AND r.status = 'PENDING'`,
      [mailingId, rows.map((r) => r.memberId), rows.map((r) => r.outboxId), rows.map((r) => r.tokenHash)],
    );
  }

  /** Recipients not yet written to the outbox (PENDING) and written but not yet sent (QUEUED). */
  async waiting(mailingId: string, manager?: EntityManager): Promise<{ pending: number; queued: number }> {
    const [row] = await this.m(manager).query<Array<{ pending: number; queued: number }>>(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'QUEUED')::int AS queued
       FROM mailing_recipient WHERE mailing_id = $1 AND status IN ('PENDING', 'QUEUED')`,
      [mailingId],
    );
    return row;
  }

  /**
   * Takes back mail written to the outbox but not yet sent (a pause or cancellation): the outbox
   * rows are given up, and their recipients become `to` again. A row a worker holds a lease on is
   * left alone: it is being handed to SMTP, so its outcome is recorded as usual and its unsubscribe
   * link keeps working. A lease that has run out (its worker was killed mid-send) holds nothing:
   * that row is taken back like the others, so a cancelled mailing never goes out later. The lease is taken
   * atomically on the row, so a row is either taken back here or sent, never both. The outbox rows
   * are chosen by a join on `mailing_recipient`, in one statement with their lock, hence raw SQL.
   */
  async withdraw(manager: EntityManager, mailingId: string, to: 'PENDING' | 'CANCELLED'): Promise<number> {
    const [rows] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE outbox_message SET status = 'FAILED', failed_at = now(), retry_at = NULL,
         last_error = 'Withdrawn: the mailing was paused or cancelled.', text_body = NULL, html_body = NULL
       WHERE id IN (
         SELECT o.id FROM outbox_message o JOIN mailing_recipient r ON r.outbox_message_id = o.id
         WHERE r.mailing_id = $1 AND r.status = 'QUEUED' AND o.status = 'PENDING'
           AND (o.leased_until IS NULL OR o.leased_until <= now())
         FOR UPDATE OF o SKIP LOCKED)
       RETURNING id`,
      [mailingId],
    );
    await this.requeue(manager, mailingId, rows, to);
    if (to === 'CANCELLED') {
      // Raw: a set-based update of every recipient still waiting, in the same transaction.
      await manager.query(
        `UPDATE mailing_recipient SET status = 'CANCELLED' WHERE mailing_id = $1 AND status = 'PENDING'`,
        [mailingId],
      );
    }
    return rows.length;
  }

  /** Recipients whose outbox rows were taken back become `to`; their mail never went. */
  private async requeue(
    manager: EntityManager,
    mailingId: string,
    rows: Array<{ id: string }>,
    to: 'PENDING' | 'CANCELLED',
  ): Promise<void> {
    if (rows.length > 0) {
      // Raw: the recipients of exactly the outbox rows given up, by id array, in one statement.
      await manager.query(
        `UPDATE mailing_recipient SET status = $3, outbox_message_id = NULL, unsubscribe_token_hash = NULL
         WHERE mailing_id = $1 AND outbox_message_id = ANY($2::uuid[])`,
        [mailingId, rows.map((r) => r.id), to],
      );
    }
  }

  /**
   * A message of a mailing failed for now (it waits for its next try) after its mailing was paused
   * or cancelled: it is taken back as `withdraw` would have (its lease kept it then). In the
   * transaction that recorded the failure.
   */
  async withdrawIfStopped(manager: EntityManager, outboxId: string): Promise<void> {
    // The mailing's row is read under a share lock: a pause or cancellation being committed (whose
    // `withdraw` skipped this row, locked by our transaction) is waited for and seen.
    const [recipient] = await manager.query<Array<{ mailingId: string; status: string }>>(
      `SELECT r.mailing_id AS "mailingId", g.status FROM mailing_recipient r
       JOIN mailing g ON g.id = r.mailing_id
       WHERE r.outbox_message_id = $1 AND r.status = 'QUEUED'
       FOR SHARE OF g`,
      [outboxId],
    );
    if (!recipient || (recipient.status !== 'PAUSED' && recipient.status !== 'CANCELLED')) {
      return;
    }
    const [rows] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE outbox_message SET status = 'FAILED', failed_at = now(), retry_at = NULL,
         last_error = 'Withdrawn: the mailing was paused or cancelled.', text_body = NULL, html_body = NULL
       WHERE id = $1 AND status = 'PENDING' AND (leased_until IS NULL OR leased_until <= now())
       RETURNING id`,
      [outboxId],
    );
    await this.requeue(
      manager,
      recipient.mailingId,
      rows,
      recipient.status === 'PAUSED' ? 'PENDING' : 'CANCELLED',
    );
  }

  /** Records a recipient's outcome from their outbox row; the mailing and person, if it was one. */
  async recordOutcome(
    manager: EntityManager,
    outboxId: string,
    status: Extract<RecipientStatus, 'SENT' | 'FAILED' | 'BOUNCED'>,
  ): Promise<{ mailingId: string; memberId: string } | undefined> {
    const [rows] = await manager.query<[Array<{ mailingId: string; memberId: string }>, number]>(
      `UPDATE mailing_recipient SET status = $2,
         sent_at = CASE WHEN $2 = 'SENT' THEN now() END,
         failed_at = CASE WHEN $2 <> 'SENT' THEN now() END
       WHERE outbox_message_id = $1 AND status = 'QUEUED'
       RETURNING mailing_id AS "mailingId", member_id AS "memberId"`,
      [outboxId, status],
    );
    return rows[0];
  }

  async resetFailures(manager: EntityManager, mailingId: string): Promise<void> {
    // Raw: writes only when there is something to reset, so a run of successes takes no row lock.
    await manager.query(
      `UPDATE mailing SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`,
      [mailingId],
    );
  }

  /** Counts one more permanent failure in a row; the mailing as it now is. */
  async addFailure(manager: EntityManager, mailingId: string): Promise<Mailing | null> {
    // Raw: an increment in the database, so concurrent failures each count.
    await manager.query(`UPDATE mailing SET consecutive_failures = consecutive_failures + 1 WHERE id = $1`, [
      mailingId,
    ]);
    return manager.findOneBy(Mailing, { id: mailingId });
  }

  /** The recipient behind an unsubscribe link, locked. */
  async byUnsubscribeToken(
    manager: EntityManager,
    tokenHash: string,
  ): Promise<{ mailingId: string; memberId: string; unsubscribedAt: Date | null } | undefined> {
    // Raw: found by its token's hash and locked FOR UPDATE in one statement.
    const [row] = await manager.query<
      Array<{ mailingId: string; memberId: string; unsubscribedAt: Date | null }>
    >(
      `SELECT mailing_id AS "mailingId", member_id AS "memberId", unsubscribed_at AS "unsubscribedAt"
       FROM mailing_recipient WHERE unsubscribe_token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return row;
  }

  async markUnsubscribed(manager: EntityManager, mailingId: string, memberId: string): Promise<void> {
    await manager.query(
      `UPDATE mailing_recipient SET unsubscribed_at = now()
       WHERE mailing_id = $1 AND member_id = $2 AND unsubscribed_at IS NULL`,
      [mailingId, memberId],
    );
  }

  async stats(mailingId: string): Promise<MailingStats> {
    const [row] = await this.dataSource.query<MailingStats[]>(
      `SELECT count(*)::int AS audience,
              count(*) FILTER (WHERE status IN ('PENDING', 'QUEUED'))::int AS queued,
              count(*) FILTER (WHERE status = 'SENT')::int AS sent,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              count(*) FILTER (WHERE status = 'BOUNCED')::int AS bounced,
              count(*) FILTER (WHERE unsubscribed_at IS NOT NULL)::int AS unsubscribed
       FROM mailing_recipient WHERE mailing_id = $1`,
      [mailingId],
    );
    return row;
  }

  /** Sent, failed, bounced and unsubscribed by day (Europe/London). */
  perDay(
    mailingId: string,
  ): Promise<Array<{ day: string; sent: number; failed: number; bounced: number; unsubscribed: number }>> {
    return this.dataSource.query(
      `WITH events AS (
         SELECT (sent_at AT TIME ZONE 'Europe/London')::date AS day, 'sent' AS what FROM mailing_recipient
           WHERE mailing_id = $1 AND status = 'SENT'
         UNION ALL
         SELECT (failed_at AT TIME ZONE 'Europe/London')::date, lower(status) FROM mailing_recipient
           WHERE mailing_id = $1 AND status IN ('FAILED', 'BOUNCED')
         UNION ALL
         SELECT (unsubscribed_at AT TIME ZONE 'Europe/London')::date, 'unsubscribed' FROM mailing_recipient
           WHERE mailing_id = $1 AND unsubscribed_at IS NOT NULL)
       SELECT to_char(day, 'YYYY-MM-DD') AS day,
              count(*) FILTER (WHERE what = 'sent')::int AS sent,
              count(*) FILTER (WHERE what = 'failed')::int AS failed,
              count(*) FILTER (WHERE what = 'bounced')::int AS bounced,
              count(*) FILTER (WHERE what = 'unsubscribed')::int AS unsubscribed
       FROM events GROUP BY day ORDER BY day`,
      [mailingId],
    );
  }

  /** The mailings a member was sent (their data download). */
  receivedBy(manager: EntityManager, memberId: string): Promise<MailingReceived[]> {
    return manager.query<MailingReceived[]>(
      `SELECT m.subject, r.status, r.sent_at AS "sentAt", r.unsubscribed_at AS "unsubscribedAt"
       FROM mailing_recipient r JOIN mailing m ON m.id = r.mailing_id
       WHERE r.member_id = $1 ORDER BY r.created_at`,
      [memberId],
    );
  }

  /**
   * Erasure of a member: mail written to them but not yet sent is withdrawn and the outbox keeps no
   * address or name of theirs; their unsubscribe links stop working and what was not yet sent is
   * cancelled. The recipient rows stay, so the figures stay right. The outbox rows are reached
   * through `mailing_recipient` (only this library knows which outbox rows were mailings), hence
   * raw SQL here rather than a method of the mail library's OutboxRepository.
   */
  async eraseRecipient(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(
      `UPDATE outbox_message SET
         status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
         to_address = 'erased', subject = '', text_body = NULL, html_body = NULL, last_error = NULL
       WHERE id IN (SELECT outbox_message_id FROM mailing_recipient WHERE member_id = $1)`,
      [memberId],
    );
    await manager.query(
      `UPDATE mailing_recipient SET unsubscribe_token_hash = NULL,
         status = CASE WHEN status IN ('PENDING', 'QUEUED') THEN 'CANCELLED' ELSE status END
       WHERE member_id = $1`,
      [memberId],
    );
  }

  /** Mailings that should have a send job: sending, or scheduled and due. */
  async active(): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM mailing WHERE status = 'SENDING' OR (status = 'SCHEDULED' AND send_at <= now())`,
    );
    return rows.map((r) => r.id);
  }
}
