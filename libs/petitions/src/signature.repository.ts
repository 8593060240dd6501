import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { liftStatementTimeout, preparedQuery } from '@app/core';
import { NewOutboxMessage, outboxInsertCte } from '@app/mail';
import { Signature } from './signature.entity';

/** What confirming a signature hands back: enough to subscribe the signer if they asked. */
export interface ConfirmedSignature {
  petitionId: string;
  fullName: string;
  email: string;
  postcode: string;
  emailOptIn: boolean;
}

/** One row of the delivery export. */
export interface SignatureExportRow {
  full_name: string;
  postcode: string | null;
  postcode_district: string | null;
  constituency: string | null;
  signed_at: Date;
}

type NewSignature = Pick<
  Signature,
  | 'petitionId'
  | 'fullName'
  | 'email'
  | 'emailCanonical'
  | 'postcode'
  | 'postcodeDistrict'
  | 'showName'
  | 'emailOptIn'
  | 'status'
  | 'ipHash'
  | 'confirmTokenHash'
>;

/** What the signer gave, in the order both `sign_petition` and the INSERT take it. */
function signerColumns(values: Omit<NewSignature, 'status' | 'ipHash'>): unknown[] {
  return [
    values.fullName,
    values.email,
    values.emailCanonical,
    values.postcode,
    values.postcodeDistrict,
    values.showName,
    values.emailOptIn,
  ];
}

/** Every statement about the `signature` table, for the signing and confirming rules. */
@Injectable()
export class SignatureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A signing in one statement, on its own (no transaction around it): the function `sign_petition`
   * (migration SignPetitionFunction) claims the repeat guard's `requestKey` (unless `windowMs` is
   * 0), then serialises signings from the client address on the petition, counts its signatures in
   * the last minute and hour against the limits (SUSPECT at or over either, with no token), reads
   * whether the petition takes signatures now, and adds the signature unless the address already
   * signed; `confirmation` is written to the outbox in the same statement when the signature was
   * added and is not suspect. `first` false: a repeat within the window, nothing else was done;
   * `open` false: the petition does not take signatures (`petitionStatus` null if it is gone).
   */
  async sign(
    request: { key: string; windowMs: number },
    limits: { burst: number; hourly: number },
    ipHashes: string[],
    values: Omit<NewSignature, 'status' | 'ipHash'>,
    confirmation: NewOutboxMessage,
  ): Promise<{
    first: boolean;
    petitionStatus: string | null;
    open: boolean;
    suspect: boolean;
    added: boolean;
  }> {
    const signing = [
      request.key,
      request.windowMs / 1000,
      values.petitionId,
      ipHashes,
      limits.burst,
      limits.hourly,
      ...signerColumns(values),
      values.confirmTokenHash,
    ];
    const mail = outboxInsertCte(
      confirmation,
      'signing',
      'signing.added IS TRUE AND signing.suspect IS NOT TRUE',
      signing.length + 1,
    );
    const [row] = await preparedQuery<{
      first: boolean;
      petition_status: string | null;
      open: boolean | null;
      suspect: boolean | null;
      added: boolean | null;
    }>(
      this.dataSource,
      `WITH signing AS (
         SELECT * FROM sign_petition($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ), ${mail.cte}
       SELECT * FROM signing`,
      [...signing, ...mail.params],
    );
    return {
      first: row.first,
      petitionStatus: row.petition_status,
      open: row.open === true,
      suspect: row.suspect === true,
      added: row.added === true,
    };
  }

  /**
   * Adds the signature unless the address already signed (one per canonical address); true if added.
   * For the demo's signers: a supporter's signing goes through `sign`.
   */
  async insertIfNew(manager: EntityManager, values: NewSignature): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO signature (petition_id, full_name, email, email_canonical, postcode, postcode_district,
         show_name, email_opt_in, status, ip_hash, confirm_token_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [values.petitionId, ...signerColumns(values), values.status, values.ipHash, values.confirmTokenHash],
    );
    return inserted.length > 0;
  }

  /** The address's signature on the petition, locked for the rest of the transaction. */
  lockByAddress(
    manager: EntityManager,
    petitionId: string,
    emailCanonical: string,
  ): Promise<Signature | null> {
    return manager.findOne(Signature, {
      where: { petitionId, emailCanonical },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(manager: EntityManager, id: string, changes: Partial<Signature>): Promise<void> {
    await manager.update(Signature, id, changes);
  }

  /** The postcode of the pending signature behind a confirmation link (current or earlier). */
  async pendingPostcode(tokenHash: string): Promise<string | null | undefined> {
    const [pending] = await this.dataSource.query<Array<{ postcode: string | null }>>(
      `SELECT postcode FROM signature
       WHERE (confirm_token_hash = $1 OR earlier_token_hashes @> ARRAY[$1::text]) AND status = 'PENDING'`,
      [tokenHash],
    );
    return pending?.postcode;
  }

  /**
   * Confirms the pending signature behind a link, once, while its petition is open, placing it in
   * `constituencyCode`; undefined if there is none. Raw SQL: the query builder would rewrite the word
   * "petition" in the subquery.
   */
  async confirm(
    manager: EntityManager,
    tokenHash: string,
    constituencyCode: string | null,
  ): Promise<ConfirmedSignature | undefined> {
    const result = await manager.query<
      [
        Array<{
          petition_id: string;
          full_name: string;
          email: string;
          postcode: string;
          email_opt_in: boolean;
        }>,
        number,
      ]
    >(
      `UPDATE signature SET status = 'CONFIRMED', confirmed_at = now(), confirm_token_hash = NULL,
         earlier_token_hashes = '{}', constituency_code = $2
       WHERE (confirm_token_hash = $1 OR earlier_token_hashes @> ARRAY[$1::text]) AND status = 'PENDING'
         -- Only while the petition is open: the count that is delivered must not move afterwards.
         AND petition_id IN (SELECT id FROM petition WHERE status = 'OPEN' AND (closes_at IS NULL OR closes_at > now()))
       RETURNING petition_id, full_name, email, postcode, email_opt_in`,
      [tokenHash, constituencyCode],
    );
    const row = result[0][0];
    return row
      ? {
          petitionId: row.petition_id,
          fullName: row.full_name,
          email: row.email,
          postcode: row.postcode,
          emailOptIn: row.email_opt_in,
        }
      : undefined;
  }

  /**
   * The confirmed signatures in signing order (for the delivery CSV), streamed through a cursor on a
   * connection of their own without the statement time limit (the reader sets the pace).
   */
  async streamConfirmed<T>(petitionId: string, consume: (rows: Readable) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    let restoreTimeout: (() => Promise<void>) | undefined;
    try {
      restoreTimeout = await liftStatementTimeout(runner);
      return await consume(await this.confirmedQuery(runner, petitionId));
    } finally {
      await restoreTimeout?.();
      await runner.release();
    }
  }

  private confirmedQuery(runner: QueryRunner, petitionId: string): Promise<Readable> {
    return this.dataSource
      .getRepository(Signature)
      .createQueryBuilder('s', runner)
      .select('s.full_name', 'full_name')
      .addSelect('s.postcode', 'postcode')
      .addSelect('s.postcode_district', 'postcode_district')
      .addSelect('c.name', 'constituency')
      .addSelect('s.confirmed_at', 'signed_at')
      .leftJoin(
        'constituency',
        'c',
        'c.code = s.constituency_code AND c.set_id = (SELECT id FROM geography_set WHERE active)',
      )
      .where(`s.petition_id = :id AND s.status = 'CONFIRMED'`, { id: petitionId })
      .orderBy('s.confirmed_at')
      .stream();
  }

  /** Every signature made with this canonical address, oldest first, with its petition. */
  byAddress(manager: EntityManager, emailCanonical: string): Promise<Signature[]> {
    return manager.find(Signature, {
      where: { emailCanonical },
      relations: { petition: true },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Anonymises the address's signatures. The postcode district and constituency stay: not personal
   * once the rest is gone, and the public counts by constituency must not move.
   */
  async eraseByAddress(manager: EntityManager, emailCanonical: string): Promise<void> {
    await manager.query(
      `UPDATE signature SET full_name = 'Erased', email = '', email_canonical = 'erased:' || id::text,
         postcode = NULL, show_name = false, ip_hash = NULL, confirm_token_hash = NULL,
         earlier_token_hashes = '{}'
       WHERE email_canonical = $1`,
      [emailCanonical],
    );
  }

  /** Forgets client-address hashes older than `days`; returns how many. */
  async forgetClientAddresses(days: number): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `UPDATE signature SET ip_hash = NULL
       WHERE ip_hash IS NOT NULL AND created_at < now() - make_interval(days => $1)`,
      [days],
    );
    return result[1];
  }

  /** The name last given with this canonical address on any petition, or undefined (data rights). */
  async lastNameGiven(manager: EntityManager, emailCanonical: string): Promise<string | undefined> {
    const [row] = await manager.query<Array<{ full_name: string }>>(
      'SELECT full_name FROM signature WHERE email_canonical = $1 ORDER BY created_at DESC LIMIT 1',
      [emailCanonical],
    );
    return row?.full_name;
  }

  // ---- retention ----

  /** Deletes signatures never confirmed, made more than `days` ago. */
  async deleteUnconfirmed(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM signature WHERE status = 'PENDING' AND created_at < now() - make_interval(days => $1)`,
      [days],
    );
    return count;
  }

  /** Deletes suspect signatures (never counted) once their petition has closed. */
  async deleteSuspectOfClosedPetitions(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM signature s USING petition p
       WHERE s.petition_id = p.id AND s.status = 'SUSPECT'
         AND (p.status IN ('CLOSED', 'DELIVERED') OR p.closes_at < now())`,
    );
    return count;
  }

  /**
   * Anonymises confirmed signatures of petitions delivered more than `days` ago. The day and the
   * constituency stay, so the counts by day and by constituency do not move.
   */
  async anonymiseDelivered(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE signature s SET full_name = 'Anonymised', email = '', email_canonical = 'anonymised:' || s.id::text,
         postcode = NULL, show_name = false, ip_hash = NULL, confirm_token_hash = NULL,
         earlier_token_hashes = '{}'
       FROM petition p
       WHERE s.petition_id = p.id AND p.status = 'DELIVERED'
         AND p.delivered_at < now() - make_interval(days => $1)
         AND s.status = 'CONFIRMED' AND s.email <> ''`,
      [days],
    );
    return count;
  }
}
