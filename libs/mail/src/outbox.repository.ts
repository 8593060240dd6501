import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@app/core';
import { OutboxMessage } from './outbox-message.entity';

/** A new outbox row: what `Mailbag.add` writes. */
export type NewOutboxMessage = Pick<
  OutboxMessage,
  | 'template'
  | 'toAddress'
  | 'subject'
  | 'textBody'
  | 'htmlBody'
  | 'headers'
  | 'attachments'
  | 'sender'
  | 'replyTo'
  | 'paceKey'
  | 'paceMs'
  | 'expiresAt'
  | 'bulk'
  | 'mailCapKind'
> & { id?: string };

/** What `insert` writes, in its order; the values' placeholders start at `first`. */
function insertColumnsAndValues(first: number): { columns: string; values: string } {
  const p = (n: number) => `$${first + n}`;
  return {
    columns: `id, template, to_address, subject, text_body, html_body, headers, attachments,
      sender, reply_to, pace_key, pace_ms, expires_at, bulk, mail_cap_kind`,
    values: `coalesce(${p(0)}::uuid, gen_random_uuid()), ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)},
      coalesce(${p(6)}::jsonb, '{}'), ${p(7)}::jsonb, ${p(8)}::jsonb, ${p(9)}, ${p(10)}, ${p(11)}::int,
      ${p(12)}::timestamptz, ${p(13)}::boolean, ${p(14)}`,
  };
}

function insertParams(values: NewOutboxMessage): unknown[] {
  const json = (value: unknown): string | null =>
    value === null || value === undefined ? null : JSON.stringify(value);
  return [
    values.id ?? null,
    values.template,
    values.toAddress,
    values.subject,
    values.textBody,
    values.htmlBody,
    json(values.headers),
    json(values.attachments),
    json(values.sender),
    values.replyTo,
    values.paceKey,
    values.paceMs,
    values.expiresAt,
    values.bulk,
    values.mailCapKind,
  ];
}

/**
 * The outbox row as a CTE named `mail` for a statement of another library's making, written only
 * when `condition` (SQL over the statement's earlier CTEs, `from`) holds: the change and its email
 * in one round trip, with no transaction around them (a signing and its confirmation). Its
 * placeholders start at `$first`; `params` go after the statement's own. The SQL stays here.
 */
export function outboxInsertCte(
  values: NewOutboxMessage,
  from: string,
  condition: string,
  first: number,
  name = 'mail',
): { cte: string; params: unknown[] } {
  const { columns, values: placeholders } = insertColumnsAndValues(first);
  return {
    cte: `${name} AS (
      INSERT INTO outbox_message (${columns})
      SELECT ${placeholders} FROM ${from} WHERE ${condition}
      RETURNING id)`,
    params: insertParams(values),
  };
}

/** Why the relay gave a message up unsent (`OutboxMessage.mailCapKind`). */
export const MAIL_CAP_WITHHELD = 'withheld: over the mail cap for this address';

/** A row waiting to be queued again by the sweep. */
export type SweepRow = Pick<OutboxMessage, 'id' | 'createdAt' | 'retryAt'>;

/** The columns the worker reads to send a message. */
const DELIVERY_COLUMNS = `id, template, to_address AS "toAddress", subject, text_body AS "textBody",
  html_body AS "htmlBody", headers, attachments, sender, reply_to AS "replyTo",
  pace_key AS "paceKey", pace_ms AS "paceMs", bulk, expires_at AS "expiresAt",
  retry_at AS "retryAt", leased_until AS "leasedUntil", status, attempts, last_error AS "lastError",
  smtp_message_id AS "smtpMessageId", created_at AS "createdAt", sent_at AS "sentAt",
  failed_at AS "failedAt"`;

/** When a PENDING row was due (see `OutboxRepository.overdue`). */
const DUE = `CASE WHEN attempts > 0 THEN created_at ELSE coalesce(retry_at, created_at) END`;

/** Every statement about the `outbox_message` table. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Writes one email as a PENDING row in the caller's transaction; returns its id. Raw: it is on
   * every public write's path, and `save` (which builds the statement from the metadata and reloads
   * the defaults) showed in the profile of a signing.
   */
  async insert(manager: EntityManager, values: NewOutboxMessage): Promise<string> {
    const { columns, values: placeholders } = insertColumnsAndValues(1);
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO outbox_message (${columns}) VALUES (${placeholders}) RETURNING id`,
      insertParams(values),
    );
    return row.id;
  }

  /** The rest of `manager`'s transaction commits without waiting for the disk (bulk mail's outcomes). */
  async commitWithoutWaitingForDisk(manager: EntityManager): Promise<void> {
    await manager.query('SET LOCAL synchronous_commit = off');
  }

  /** Writes many rows with one INSERT (a mailing's batch), in the caller's transaction. */
  async insertMany(manager: EntityManager, rows: NewOutboxMessage[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(rows)
      .updateEntity(false)
      .execute();
  }

  /**
   * The row as the worker needs it to send it, leased for `leaseMs` when it may be sent now (PENDING,
   * not leased, not paced, no retry waiting): one statement on the common path. Null when it may not:
   * `forDelivery` then says why. Raw: it runs once per message sent, and the entity repository's
   * statement building and hydration showed in the worker's profile.
   */
  async leaseForDelivery(id: string, leaseMs: number): Promise<OutboxMessage | null> {
    const [row] = await preparedQuery<OutboxMessage>(
      this.dataSource,
      `UPDATE outbox_message SET leased_until = now() + make_interval(secs => $2::double precision / 1000)
       WHERE id = $1 AND status = 'PENDING' AND (leased_until IS NULL OR leased_until <= now())
         AND pace_key IS NULL AND (retry_at IS NULL OR retry_at <= now())
       RETURNING ${DELIVERY_COLUMNS}`,
      [id, leaseMs],
    );
    return row ?? null;
  }

  /** The row as the worker needs it to send it (read only), with its lease if another holds one. */
  async forDelivery(id: string): Promise<(OutboxMessage & { leasedByOther: boolean }) | null> {
    const [row] = await this.dataSource.query<Array<OutboxMessage & { leasedByOther: boolean }>>(
      `SELECT ${DELIVERY_COLUMNS}, coalesce(leased_until > now(), false) AS "leasedByOther"
       FROM outbox_message WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Leases a PENDING row for `leaseMs`, unless someone else holds it: false if they do (or it is
   * not PENDING any more). Taken atomically, just before the message is handed to SMTP.
   */
  async lease(id: string, leaseMs: number): Promise<boolean> {
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE outbox_message SET leased_until = now() + make_interval(secs => $2::double precision / 1000)
       WHERE id = $1 AND status = 'PENDING' AND (leased_until IS NULL OR leased_until <= now())
       RETURNING id`,
      [id, leaseMs],
    );
    return rows.length > 0;
  }

  /**
   * Records a PENDING row as sent, its bodies gone; false if it was not PENDING any more (another
   * worker settled it). One raw statement: it runs once per message sent.
   */
  async markSent(
    id: string,
    sent: { smtpMessageId: string; attempts: number; sentAt: Date },
    manager?: EntityManager,
  ): Promise<boolean> {
    const statement = `UPDATE outbox_message
         SET status = 'SENT', smtp_message_id = $2, sent_at = $3, attempts = $4, text_body = NULL,
             html_body = NULL, attachments = NULL, last_error = NULL, retry_at = NULL, leased_until = NULL
       WHERE id = $1 AND status = 'PENDING'
       RETURNING id`;
    const values = [id, sent.smtpMessageId, sent.sentAt, sent.attempts];
    if (!manager) {
      // On its own (the usual case): prepared once per connection, as it runs once per message.
      return (await preparedQuery(this.dataSource, statement, values)).length > 0;
    }
    // TypeORM answers an UPDATE with [rows, count].
    const [rows] = await manager.query<[Array<{ id: string }>, number]>(statement, values);
    return rows.length > 0;
  }

  /** Whether any row waits for the relay (an index lookup, no lock: the relay's poll). */
  async anyUnqueued(): Promise<boolean> {
    const [row] = await this.dataSource.query<Array<{ waiting: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM outbox_message WHERE queued_at IS NULL) AS waiting`,
    );
    return row.waiting;
  }

  /**
   * Up to `limit` rows no relay has queued yet, oldest first, locked for the rest of the caller's
   * transaction; rows another relay holds are skipped. With whether each is still PENDING (a row
   * withdrawn before it was relayed needs no job) and when it may next be tried.
   */
  lockUnqueued(
    manager: EntityManager,
    limit: number,
  ): Promise<
    Array<{
      id: string;
      retryAt: Date | null;
      pending: boolean;
      /** For a row the mail cap counts when it is queued (`mailCapKind`): its kind and address. */
      capped: { kind: string; address: string } | null;
    }>
  > {
    return manager.query(
      `SELECT id, retry_at AS "retryAt", status = 'PENDING' AS pending,
         CASE WHEN mail_cap_kind IS NOT NULL AND status = 'PENDING'
           THEN json_build_object('kind', mail_cap_kind, 'address', to_address) END AS capped
       FROM outbox_message
       WHERE queued_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Gives up rows the mail cap refused: never sent, their words dropped (MAIL_CAP_WITHHELD). */
  async withhold(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `UPDATE outbox_message SET status = 'FAILED', failed_at = now(), last_error = $2,
         text_body = NULL, html_body = NULL, attachments = NULL
       WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [ids, MAIL_CAP_WITHHELD],
    );
  }

  /** Records rows as handed to the mail queue. */
  async markQueued(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE outbox_message SET queued_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * One page of the rows still PENDING after `graceMs`, oldest first, after the keyset `after`
   * (for the sweep).
   */
  pendingPage(graceMs: number, limit: number, after?: { createdAt: Date; id: string }): Promise<SweepRow[]> {
    const query = this.dataSource
      .getRepository(OutboxMessage)
      .createQueryBuilder('m')
      .select(['m.id', 'm.createdAt', 'm.retryAt'])
      .where(`m.status = 'PENDING'`)
      .andWhere(`m.created_at < now() - make_interval(secs => :grace)`, { grace: graceMs / 1000 })
      .orderBy('m.created_at')
      .addOrderBy('m.id')
      .limit(limit);
    if (after) {
      query.andWhere('(m.created_at, m.id) > (:createdAt, :id)', after);
    }
    return query.getMany();
  }

  /**
   * Changes a row only while it is still PENDING (another worker may have settled it); false if it
   * was not.
   */
  async updatePending(
    id: string,
    changes: Partial<OutboxMessage>,
    manager?: EntityManager,
  ): Promise<boolean> {
    const updated = await this.manager(manager).update(OutboxMessage, { id, status: 'PENDING' }, changes);
    return !!updated.affected;
  }

  /** The mail written to an address (in any case), oldest first: for the person's data download. */
  toAddress(manager: EntityManager, address: string): Promise<OutboxMessage[]> {
    return manager
      .createQueryBuilder(OutboxMessage, 'o')
      .where('lower(o.to_address) = lower(:address)', { address })
      .orderBy('o.created_at', 'ASC')
      .getMany();
  }

  /**
   * Erasure: every message to the address (in any case) keeps only its status and times, addressed
   * to `placeholder` from now on; any still waiting is given up, so nothing is sent to it.
   */
  async eraseAddress(manager: EntityManager, address: string, placeholder: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({
        toAddress: placeholder,
        subject: '(erased)',
        textBody: null,
        htmlBody: null,
        attachments: null,
        headers: {},
        lastError: null,
      })
      .where('lower(to_address) = lower(:email)', { email: address })
      .execute();
    await manager
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ status: 'FAILED', failedAt: () => 'now()', lastError: "erased at the recipient's request" })
      .where(`to_address = :placeholder AND status = 'PENDING'`, { placeholder })
      .execute();
  }

  // ---- retention and figures ----

  /**
   * Mail sent (or finally failed) more than `days` ago loses its recipient and content; the row
   * stays, with its kind, status and dates, for the figures.
   */
  async scrubFinished(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE outbox_message SET to_address = '', subject = '', text_body = NULL, html_body = NULL,
         attachments = NULL, headers = '{}', sender = NULL, reply_to = NULL, last_error = NULL
       WHERE status <> 'PENDING' AND to_address <> ''
         AND coalesce(sent_at, failed_at, created_at) < now() - make_interval(days => $1)`,
      [days],
    );
    return count;
  }

  /**
   * Every message counted by status and kind (template), in one pass over the table: the metrics'
   * outbox and mail series both come from it (see `Metrics`, which reads it at most every
   * OUTBOX_COUNTS_MAX_AGE_MS).
   */
  async countByStatusAndKind(): Promise<Array<{ status: string; kind: string; count: number }>> {
    const rows = await this.dataSource.query<Array<{ status: string; template: string; count: string }>>(
      `SELECT status, template, count(*) AS count FROM outbox_message GROUP BY status, template`,
    );
    return rows.map((r) => ({ status: r.status, kind: r.template, count: Number(r.count) }));
  }
  /** Seconds the oldest message still waiting has waited (0 when none waits). */
  async oldestPendingAgeSeconds(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ age: string | null }>>(
      `SELECT extract(epoch FROM now() - min(created_at)) AS age FROM outbox_message WHERE status = 'PENDING'`,
    );
    return Number(row?.age ?? 0);
  }

  /**
   * How late the mail still waiting is against when it was due (a paced message's reserved turn,
   * its `retry_at` before any attempt; else when it was written, also for a message that has failed:
   * each failure moves `retry_at` on, and an SMTP outage must show as mail ever more overdue): the seconds the most
   * overdue message is past due (0 when none is), and how many are past due by more than
   * `graceSeconds`. A letter waiting its paced turn or a mailing's batch being sent at the
   * configured rate is not overdue. Also how many wait at all. Reads only PENDING rows
   * (outbox_message_pending_idx), so it stays cheap however large the table grows.
   */
  async overdue(
    graceSeconds: number,
  ): Promise<{ pending: number; mostOverdueSeconds: number; overdueCount: number }> {
    const [row] = await this.dataSource.query<Array<{ pending: string; most: string | null; late: string }>>(
      `SELECT count(*) AS pending,
              extract(epoch FROM now() - min(${DUE})) AS most,
              count(*) FILTER (WHERE ${DUE} < now() - make_interval(secs => $1)) AS late
         FROM outbox_message WHERE status = 'PENDING'`,
      [graceSeconds],
    );
    return {
      pending: Number(row?.pending ?? 0),
      mostOverdueSeconds: Math.max(0, Number(row?.most ?? 0)),
      overdueCount: Number(row?.late ?? 0),
    };
  }
}
