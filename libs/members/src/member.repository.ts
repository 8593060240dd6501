import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { Brackets, DataSource, EntityManager, In, IsNull, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { liftStatementTimeout, preparedQuery, repeatClaimCte, returnedEntity } from '@app/core';
import { NewOutboxMessage, outboxInsertCte } from '@app/mail';
import { consentWording, EMAIL_CONSENT } from './consent';
import { ConsentSource } from './consent-record.entity';
import { MemberRole } from './member-role.entity';
import { MemberTokenPurpose } from './member-token.entity';
import { memberTokenInsertCte } from './member-token.repository';
import { Member } from './member.entity';

/** A new member record: what a form, an organiser or an import gives. */
export type NewMember = Pick<Member, 'email' | 'fullName'> &
  Partial<Pick<Member, 'postcode' | 'branchId' | 'emailOptIn' | 'provisional'>>;

/**
 * A new member record and its first consent record as CTEs named `added` (the new row, if the address
 * had no record of its kind: ON CONFLICT DO NOTHING) and `consent`, inserted only where `condition`
 * holds; placeholders from `$first`. The consent columns as ConsentRepository.record writes them.
 */
export function memberWithConsentCte(
  values: NewMember,
  consent: { source: ConsentSource; recordedById: string | null },
  first: number,
  condition: string,
): { cte: string; params: unknown[] } {
  const $ = (i: number) => `$${first + i}`;
  return {
    cte: `added AS (
         INSERT INTO member (email, full_name, postcode, branch_id, email_opt_in, provisional)
         SELECT ${$(0)}, ${$(1)}, ${$(2)}, ${$(3)}::uuid, ${$(4)}::boolean, ${$(5)}::boolean WHERE ${condition}
         ON CONFLICT DO NOTHING
         RETURNING *
       ), consent AS (
         INSERT INTO consent_record (member_id, email_opt_in, wording, wording_version, source, recorded_by_id)
         SELECT id, email_opt_in, ${$(6)}, ${$(7)}, ${$(8)}, ${$(9)}::uuid FROM added
       )`,
    params: [
      values.email,
      values.fullName,
      values.postcode ?? null,
      values.branchId ?? null,
      values.emailOptIn ?? false,
      values.provisional ?? false,
      consentWording(values.emailOptIn ?? false),
      EMAIL_CONSENT.version,
      consent.source,
      consent.recordedById,
    ],
  };
}

/** An organiser's filter over the members list. */
export interface MemberListFilter {
  branchId?: string | null;
  includeArchived?: boolean | null;
  search?: string | null;
  tag?: string | null;
  optedIn?: boolean | null;
  joinedAfter?: Date | null;
}

/** What an import knows of an address before it writes: the records it may touch. */
export interface KnownAddress {
  id: string;
  key: string;
  branch_id: string | null;
  email_opt_in: boolean;
  provisional: boolean;
}

/** One row of an import, as written. */
export interface ImportedMember {
  email: string;
  fullName: string;
  postcode: string | null;
  /** null: not said (an update keeps what it was; a new record is not opted in). */
  optIn: boolean | null;
  tags: string[];
}

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A person to write to: enough for a greeting and an address. */
export interface Contact {
  id: string;
  email: string;
  fullName: string;
}

/**
 * Members and their roles. The members library owns these tables: other libraries ask through the
 * methods here (exported), never by querying `Member` or `MemberRole` themselves.
 */
/**
 * A member record (`m`) that holds nothing but what a public form (/join, a venue pledge) gave and
 * was never confirmed: not a provisional record, archived or erased; every consent record of it from
 * the form itself (none an organiser recorded, none from an import, signing or letter); and no
 * table points at it: no role, certificate, reply, venue, mailing, session, sign-in or live link,
 * audit entry, decision or anything it created. The retention rule for never-confirmed records.
 */
const NEVER_CONFIRMED_ALONE = `
  m.email_confirmed_at IS NULL AND m.erased_at IS NULL AND m.archived_at IS NULL AND NOT m.provisional
  AND EXISTS (SELECT 1 FROM consent_record c WHERE c.member_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM consent_record c WHERE c.member_id = m.id
                   AND (c.source NOT IN ('join', 'pledge') OR c.recorded_by_id IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM consent_record c WHERE c.recorded_by_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM member_role r WHERE r.member_id = m.id OR r.granted_by_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM member_token t WHERE t.member_id = m.id AND t.used_at IS NULL AND t.expires_at > now())
  AND NOT EXISTS (SELECT 1 FROM session s WHERE s.member_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM sign_in_token s WHERE s.member_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM certificate c WHERE c.member_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM rsvp r WHERE r.member_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM venue v WHERE v.owner_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM mailing_recipient r WHERE r.member_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM mailing x WHERE x.created_by_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.actor_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM pledge_decision d WHERE d.actor_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM event e WHERE e.created_by_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM petition p WHERE p.created_by_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM petition_briefing b WHERE b.sent_by_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM letter_campaign l WHERE l.created_by_id = m.id)
  AND NOT EXISTS (SELECT 1 FROM target_stance t WHERE t.recorded_by_id = m.id)`;

@Injectable()
export class MemberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // --- Members' own statements (the library's services) ---

  /** The members, in id order. */
  findByIds(ids: readonly string[], manager?: EntityManager): Promise<Member[]> {
    return this.manager(manager).find(Member, { where: { id: In([...ids]) }, order: { id: 'ASC' } });
  }

  /** The members by name (after a change to several at once). */
  findByIdsByName(ids: readonly string[]): Promise<Member[]> {
    return this.dataSource
      .getRepository(Member)
      .find({ where: { id: In([...ids]) }, order: { fullName: 'ASC' } });
  }

  /** The member, locked for the rest of `manager`'s transaction; null if there is none. */
  lock(manager: EntityManager, id: string): Promise<Member | null> {
    return manager.findOne(Member, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The member with their branch. */
  getWithBranch(manager: EntityManager, id: string): Promise<Member> {
    return manager.findOneOrFail(Member, { where: { id }, relations: { branch: true } });
  }

  /** The person's own record for an address (case-insensitive: the column is citext), or null. */
  findOwn(email: string, manager?: EntityManager): Promise<Member | null> {
    return this.manager(manager).findOneBy(Member, { email: email.trim(), provisional: false });
  }

  /** The person's own record for an address (as given), which must exist. */
  getOwn(manager: EntityManager, email: string): Promise<Member> {
    return manager.findOneByOrFail(Member, { email, provisional: false });
  }

  /** The person's own record for an address, locked; null if there is none. */
  lockOwn(manager: EntityManager, email: string): Promise<Member | null> {
    return manager.findOne(Member, {
      where: { email, provisional: false },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** A provisional record, locked; null if there is none (or it is not provisional any more). */
  lockProvisional(manager: EntityManager, id: string): Promise<Member | null> {
    return manager.findOne(Member, {
      where: { id, provisional: true },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** What the branches hold of an address apart from the person's own record, oldest first. */
  provisionalRecordsOf(manager: EntityManager, email: string): Promise<Member[]> {
    return manager.find(Member, {
      where: { email, provisional: true },
      relations: { branch: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** The branches' provisional records of an address, locked in id order (for the erasure). */
  lockProvisionalRecordsOf(manager: EntityManager, email: string): Promise<Member[]> {
    return manager.find(Member, {
      where: { email, provisional: true },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The branch's own record of the address (the person's own record first), or null. */
  async inBranch(manager: EntityManager, email: string, branchId: string): Promise<Member | null> {
    // Raw: on every public reply's path, where the entity find's query building showed.
    const [row] = await manager.query<Array<Record<string, unknown>>>(
      'SELECT * FROM member WHERE email = $1 AND branch_id = $2 ORDER BY provisional, created_at LIMIT 1',
      [email.trim(), branchId],
    );
    return row ? returnedEntity(manager, Member, row) : null;
  }

  /** The branch's provisional record of an address, which must exist. */
  getProvisional(manager: EntityManager, email: string, branchId: string): Promise<Member> {
    return manager.findOneByOrFail(Member, { email, branchId, provisional: true });
  }

  /**
   * Adds a record unless the address already has one of its kind (one own record per address, one
   * provisional record per address and branch); its id, or null if it was there already.
   */
  async insertIfNew(manager: EntityManager, values: NewMember): Promise<string | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Member)
      .values(values)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (inserted.raw as Array<{ id: string }>)[0]?.id ?? null;
  }

  /**
   * `insertIfNew` with the record's first consent record, in one statement: the new record, or null
   * if the address already had one of its kind (and then no consent is recorded).
   */
  async insertIfNewWithConsent(
    manager: EntityManager,
    values: NewMember,
    consent: { source: ConsentSource; recordedById: string | null },
  ): Promise<Member | null> {
    // Raw SQL: the insert, its consent record and the row back in one round trip (a public reply's
    // path).
    const added = memberWithConsentCte(values, consent, 1, 'TRUE');
    const [row] = await manager.query<Array<Record<string, unknown>>>(
      `WITH ${added.cte} SELECT * FROM added`,
      added.params,
    );
    return row ? returnedEntity(manager, Member, row) : null;
  }

  /**
   * A join from the public form in one statement, in autocommit: the repeat guard's claim of
   * `request.key` (see `repeatClaimCte`), the new record with its consent record, its confirmation
   * link (`link`, kept hashed) and `confirmation` in the outbox, each only if the one before it was
   * made. `first` false: a repeat within the window, nothing was done; `added` false (but `first`):
   * the address already has its own record, which was not touched.
   */
  async joinIfNew(
    request: { key: string; windowMs: number },
    values: NewMember,
    link: { purpose: MemberTokenPurpose; tokenHash: string; expiresAt: Date },
    confirmation: NewOutboxMessage,
  ): Promise<{ first: boolean; added: boolean }> {
    // REPEAT_WINDOW_SECONDS=0: every request counts on its own, nothing is claimed.
    const claim =
      request.windowMs > 0 ? repeatClaimCte('$1', '$2') : 'claim AS (SELECT $1::text AS key, $2::float8)';
    const added = memberWithConsentCte(
      values,
      { source: 'join', recordedById: null },
      3,
      'EXISTS (SELECT 1 FROM claim)',
    );
    const token = memberTokenInsertCte(link, 'added', 3 + added.params.length);
    const mail = outboxInsertCte(
      confirmation,
      'added',
      'TRUE',
      3 + added.params.length + token.params.length,
    );
    const [row] = await preparedQuery<{ first: boolean; added: boolean }>(
      this.dataSource,
      `WITH ${claim}, ${added.cte}, ${token.cte}, ${mail.cte}
       SELECT EXISTS (SELECT 1 FROM claim) AS first, EXISTS (SELECT 1 FROM added) AS added`,
      [request.key, request.windowMs / 1000, ...added.params, ...token.params, ...mail.params],
    );
    return { first: row.first, added: row.added };
  }

  save(member: Member, manager?: EntityManager): Promise<Member> {
    return this.manager(manager).save(member);
  }

  /** Changes the member; true if a row matched (`where` may narrow it, e.g. only if still opted in). */
  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<Member>,
    where: Partial<Pick<Member, 'emailOptIn'>> = {},
  ): Promise<boolean> {
    return !!(await manager.update(Member, { id, ...where }, changes)).affected;
  }

  /** Marks the address confirmed (the first confirmation's time stays). */
  async confirmEmail(manager: EntityManager, id: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Member)
      .set({ emailConfirmedAt: () => 'coalesce(email_confirmed_at, now())' })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * The person's own record takes in a provisional record they confirmed: the address counts as
   * confirmed, and with `move` the membership moves to that record's branch, adding its tags.
   */
  async absorb(
    manager: EntityManager,
    ownId: string,
    move: { branchId: string | null; tags: string[] } | null,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Member)
      .set({
        emailConfirmedAt: () => 'coalesce(email_confirmed_at, now())',
        ...(move
          ? {
              branchId: move.branchId,
              tags: () => `ARRAY(SELECT DISTINCT t FROM unnest(tags || :tags::text[]) AS t ORDER BY t)`,
            }
          : {}),
      })
      .where('id = :id', { id: ownId })
      .setParameter('tags', move?.tags ?? [])
      .execute();
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(Member, id);
  }

  // --- Retention ---

  /**
   * Never-confirmed records, made more than `days` ago by the public /join or pledge forms alone,
   * that nothing else points at: their ids and addresses, for `deleteNeverConfirmed`. Raw: one
   * NOT EXISTS per table that can point at a member (other libraries' tables too: a record any of
   * them still needs is never a candidate). The address-keyed tables (signatures, letters, replies,
   * venues' public addresses) are asked by `heldByAddress`, which canonicalises the address first.
   */
  async neverConfirmedCandidates(days: number): Promise<Array<{ id: string; email: string }>> {
    return this.dataSource.query<Array<{ id: string; email: string }>>(
      `SELECT m.id, m.email FROM member m WHERE m.created_at < now() - make_interval(days => $1) AND ${NEVER_CONFIRMED_ALONE}`,
      [days],
    );
  }

  /**
   * Whether an address is held anywhere else: a signature, letter or event reply not yet anonymised
   * (by canonical address, as those tables key it) or a venue's public contact. Raw: other
   * libraries' tables, asked by address only.
   */
  async heldByAddress(email: string, canonical: string, manager?: EntityManager): Promise<boolean> {
    const [row] = await this.manager(manager).query<Array<{ held: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM signature WHERE email_canonical = $2 AND email <> '')
           OR EXISTS (SELECT 1 FROM letter WHERE email_canonical = $2 AND email <> '')
           OR EXISTS (SELECT 1 FROM rsvp WHERE email_canonical = $2)
           OR EXISTS (SELECT 1 FROM venue WHERE lower(public_email) = lower($1)) AS held`,
      [email, canonical],
    );
    return row?.held ?? false;
  }

  /**
   * Locks the given records that are still never-confirmed ones, in id order (so two runs never
   * deadlock); their ids and addresses.
   */
  lockNeverConfirmed(manager: EntityManager, ids: string[]): Promise<Array<{ id: string; email: string }>> {
    return manager.query<Array<{ id: string; email: string }>>(
      `SELECT m.id, m.email FROM member m WHERE m.id = ANY($1::uuid[]) AND ${NEVER_CONFIRMED_ALONE}
       ORDER BY m.id FOR UPDATE OF m`,
      [ids],
    );
  }

  /**
   * Deletes the given never-confirmed records, checking again that each is still one (someone who
   * confirms, signs in or is given a role meanwhile stays). Their consent records and expired links
   * go with them (ON DELETE CASCADE).
   */
  async deleteNeverConfirmed(ids: string[], manager?: EntityManager): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    const [, count] = await this.manager(manager).query<[unknown[], number]>(
      `DELETE FROM member m WHERE m.id = ANY($1::uuid[]) AND ${NEVER_CONFIRMED_ALONE}`,
      [ids],
    );
    return count;
  }

  /** Adds the tags to (or takes them from) every member named; tags stay sorted and distinct. */
  async retag(ids: string[], tags: string[], add: boolean): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(Member)
      .set({
        tags: () =>
          add
            ? `ARRAY(SELECT DISTINCT t FROM unnest(tags || :tags::text[]) AS t ORDER BY t)`
            : `ARRAY(SELECT t FROM unnest(tags) AS t WHERE t <> ALL(:tags::text[]) ORDER BY t)`,
      })
      .where({ id: In(ids) })
      .setParameter('tags', tags)
      .execute();
  }

  /** Archives the member unless they already are (the first date stays). */
  async archive(id: string): Promise<void> {
    await this.dataSource
      .getRepository(Member)
      .update({ id, archivedAt: IsNull() }, { archivedAt: new Date() });
  }

  /** The organisers' list (never erased people), filtered, for the keyset paginator. */
  listQuery(filter: MemberListFilter): SelectQueryBuilder<Member> {
    const query = this.dataSource.getRepository(Member).createQueryBuilder('m').where('m.erased_at IS NULL');
    if (filter.branchId) {
      query.andWhere('m.branch_id = :branchId', { branchId: filter.branchId });
    }
    if (!filter.includeArchived) {
      query.andWhere('m.archived_at IS NULL');
    }
    if (filter.search) {
      const pattern = likePattern(filter.search);
      query.andWhere(
        new Brackets((q) =>
          q.where('m.full_name ILIKE :pattern', { pattern }).orWhere('m.email ILIKE :pattern'),
        ),
      );
    }
    if (filter.tag) {
      query.andWhere(':tag = ANY(m.tags)', { tag: filter.tag });
    }
    if (filter.optedIn === true) {
      query.andWhere('m.email_opt_in AND m.email_confirmed_at IS NOT NULL');
    } else if (filter.optedIn === false) {
      query.andWhere('NOT (m.email_opt_in AND m.email_confirmed_at IS NOT NULL)');
    }
    if (filter.joinedAfter) {
      query.andWhere('m.created_at > :joinedAfter', { joinedAfter: filter.joinedAfter });
    }
    return query;
  }

  /**
   * The records an import batch may touch, locked in a fixed order: the people's own records of
   * these addresses, and the branch's provisional ones (the own record first).
   */
  lockKnown(manager: EntityManager, emails: string[], branchId: string): Promise<KnownAddress[]> {
    return manager.query<KnownAddress[]>(
      `SELECT id, lower(email::text) AS key, branch_id, email_opt_in, provisional FROM member
       WHERE email = ANY($1::citext[]) AND (NOT provisional OR branch_id = $2::uuid)
       ORDER BY provisional, id FOR UPDATE`,
      [emails, branchId],
    );
  }

  /**
   * Adds an import's new records in one statement (an address added by someone else at the same
   * moment is left out); those added, by lower-cased address.
   */
  insertMany(
    manager: EntityManager,
    rows: ImportedMember[],
    branchId: string,
    provisional: boolean,
  ): Promise<Array<{ id: string; key: string; email_opt_in: boolean }>> {
    return manager.query(
      `INSERT INTO member (email, full_name, postcode, branch_id, email_opt_in, tags, provisional)
       SELECT i.email, i.full_name, i.postcode, $6::uuid, i.opt_in,
              CASE WHEN i.tags = '' THEN '{}'::text[] ELSE string_to_array(i.tags, ';') END, $7::bool
       FROM unnest($1::citext[], $2::text[], $3::text[], $4::bool[], $5::text[])
         AS i(email, full_name, postcode, opt_in, tags)
       ON CONFLICT DO NOTHING
       RETURNING id, lower(email::text) AS key, email_opt_in`,
      [
        rows.map((r) => r.email),
        rows.map((r) => r.fullName),
        rows.map((r) => r.postcode),
        rows.map((r) => r.optIn === true),
        rows.map((r) => r.tags.join(';')),
        branchId,
        provisional,
      ],
    );
  }

  /**
   * Updates an import's known records in one statement: name, postcode (if given) and tags (added);
   * an explicit "no" opts out, but nothing opts back in.
   */
  async updateMany(manager: EntityManager, rows: Array<ImportedMember & { id: string }>): Promise<void> {
    await manager.query(
      `UPDATE member m SET
         full_name = i.full_name,
         postcode = COALESCE(i.postcode, m.postcode),
         email_opt_in = CASE WHEN i.opt_in IS FALSE THEN false ELSE m.email_opt_in END,
         tags = ARRAY(SELECT DISTINCT t FROM unnest(m.tags || CASE WHEN i.tags = '' THEN '{}'::text[]
                      ELSE string_to_array(i.tags, ';') END) AS t ORDER BY t),
         updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bool[], $5::text[])
         AS i(id, full_name, postcode, opt_in, tags)
       WHERE m.id = i.id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.fullName),
        rows.map((r) => r.postcode),
        rows.map((r) => r.optIn),
        rows.map((r) => r.tags.join(';')),
      ],
    );
  }

  /**
   * The branch's members (not erased) in joining order, for the CSV export: streamed through a
   * cursor on a connection of their own without the statement time limit (the reader sets the pace).
   */
  async streamBranch<T>(branchId: string, consume: (rows: Readable) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    let restoreTimeout: (() => Promise<void>) | undefined;
    try {
      restoreTimeout = await liftStatementTimeout(runner);
      return await consume(await this.branchQuery(runner, branchId));
    } finally {
      await restoreTimeout?.();
      await runner.release();
    }
  }

  private branchQuery(runner: QueryRunner, branchId: string): Promise<Readable> {
    return this.dataSource
      .getRepository(Member)
      .createQueryBuilder('m', runner)
      .select('m.email', 'email')
      .addSelect('m.full_name', 'full_name')
      .addSelect('m.postcode', 'postcode')
      .addSelect('m.email_opt_in', 'email_opt_in')
      .addSelect('m.email_confirmed_at IS NOT NULL', 'email_confirmed')
      .addSelect(`array_to_string(m.tags, ';')`, 'tags')
      .addSelect('m.created_at', 'joined_at')
      .addSelect('m.archived_at IS NOT NULL', 'archived')
      .where('m.branch_id = :branchId AND m.erased_at IS NULL', { branchId })
      .orderBy('m.created_at')
      .stream();
  }

  // --- For other libraries ---

  /**
   * Who manages a branch: its organisers, or for national things (no branch) the admins. Erased
   * people are left out.
   */
  async managersOf(branchId: string | null, manager?: EntityManager): Promise<Contact[]> {
    const people = await this.manager(manager)
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(MemberRole, 'r', 'r.member_id = m.id')
      .where(branchId ? `r.role = 'ORGANISER' AND r.branch_id = :branchId` : `r.role = 'ADMIN'`, { branchId })
      .andWhere('m.erased_at IS NULL')
      .orderBy('m.created_at')
      .getMany();
    return people.map(contactOf);
  }

  /** The member, or null. */
  findById(id: string, manager?: EntityManager): Promise<Member | null> {
    return this.manager(manager).findOneBy(Member, { id });
  }

  /** The member, who must exist (a foreign key says so). */
  getById(id: string, manager?: EntityManager): Promise<Member> {
    return this.manager(manager).findOneByOrFail(Member, { id });
  }

  async contactsByIds(ids: string[], manager?: EntityManager): Promise<Contact[]> {
    if (ids.length === 0) {
      return [];
    }
    return (await this.manager(manager).findBy(Member, { id: In(ids) })).map(contactOf);
  }

  // ---- campaign email (campaign-mail.ts) ----

  /** Every record with the member's address stops getting campaign email (a server refused it). */
  async markAddressBouncing(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(
      `UPDATE member SET email_bouncing_at = now()
       WHERE email = (SELECT email FROM member WHERE id = $1) AND email_bouncing_at IS NULL`,
      [memberId],
    );
  }

  /** A branch's organisers (national: the admins) who are neither erased nor archived, by address. */
  reachableManagersOf(
    manager: EntityManager,
    branchId: string | null,
  ): Promise<Array<{ email: string; fullName: string }>> {
    return manager.query<Array<{ email: string; fullName: string }>>(
      `SELECT DISTINCT m.email::text AS email, m.full_name AS "fullName"
       FROM member_role r JOIN member m ON m.id = r.member_id
       WHERE m.erased_at IS NULL AND m.archived_at IS NULL
         AND (CASE WHEN $1::uuid IS NULL THEN r.role = 'ADMIN' ELSE r.role = 'ORGANISER' AND r.branch_id = $1 END)
       ORDER BY 1`,
      [branchId],
    );
  }
}

function contactOf(member: Member): Contact {
  return { id: member.id, email: member.email, fullName: member.fullName };
}
