import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { preparedQuery } from '@app/core';
import { NewOutboxMessage, outboxInsertCte } from '@app/mail';
import { Letter } from './letter.entity';

/** Who writes letters awaiting confirmation, the same for each of their letters under a campaign. */
export interface AwaitingWriter {
  campaignId: string;
  fullName: string;
  email: string;
  emailCanonical: string;
  postcode: string;
  personalisedShare: number;
  emailOptIn: boolean;
  confirmTokenHash: string;
}

/** One letter's own part: its target and words. */
export interface AwaitingWords {
  targetId: string;
  subject: string;
  body: string;
  minhash: number[];
  nearCopyScore: number;
}

/** One letter in the near-copy check's sample: its writer (canonical address) and signature. */
export interface SampledSignature {
  emailCanonical: string;
  minhash: number[];
}

/** A campaign's letters in figures. */
export interface LetterTotals {
  written: number;
  confirmed: number;
  sent: number;
  failed: number;
  personalisedShare: number;
}

/**
 * Every statement about the `letter` table; and the outbox messages that carry letters, which a
 * letter's failure or its writer's erasure must reach too (the mail library knows nothing of letters).
 */
@Injectable()
export class LetterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * New letters, or new words for the person's letters to these targets that are not yet confirmed
   * (a confirmed letter stands), in one statement, in autocommit, while the campaign is open; the
   * targets whose letters were written. One writing at a time per person and campaign: the
   * statement takes the writer's lock before it writes a row. The links mailed before stay good
   * while the words are the same; new words drop them (a link sends only the words its email
   * showed). `confirmation` goes to the outbox in the same statement if every letter was written
   * (the usual case: otherwise the caller writes the email that fits).
   */
  async writeAwaitingAndMail(
    writer: AwaitingWriter,
    letters: AwaitingWords[],
    confirmation: NewOutboxMessage,
  ): Promise<{ open: boolean; written: Set<string> }> {
    // Raw SQL: an upsert whose update depends on the row it replaces. $1-$9 are the writer's, the
    // same on every row; each letter adds its own five.
    const shared = [
      writer.campaignId,
      writer.fullName,
      writer.email,
      writer.emailCanonical,
      writer.postcode,
      writer.personalisedShare,
      writer.emailOptIn,
      writer.confirmTokenHash,
      `letters:${writer.campaignId}:${writer.emailCanonical}`,
    ];
    const rows = letters.map((_, i) => {
      const at = shared.length + i * 5;
      return `($${at + 1}::uuid, $${at + 2}, $${at + 3}, $${at + 4}::int[], $${at + 5}::real)`;
    });
    const params = [
      ...shared,
      // The signature as an array literal: node-postgres's own array writer quotes each number.
      ...letters.flatMap((l) => [l.targetId, l.subject, l.body, `{${l.minhash.join(',')}}`, l.nearCopyScore]),
    ];
    const mail = outboxInsertCte(
      confirmation,
      '(SELECT count(*) AS n FROM written) w',
      `w.n = ${letters.length}`,
      params.length + 1,
    );
    const [row] = await preparedQuery<{ open: boolean; written: string[] | null }>(
      this.dataSource,
      `WITH campaign AS (
         SELECT EXISTS (SELECT 1 FROM letter_campaign WHERE id = $1 AND status = 'OPEN') AS open
       ), written AS (
         INSERT INTO letter (campaign_id, target_id, full_name, email, email_canonical, postcode,
                             subject, body, personalised_share, email_opt_in, confirm_token_hash,
                             minhash, near_copy_score)
         SELECT $1::uuid, v.target_id, $2, $3, $4, $5, v.subject, v.body, $6::real, $7::boolean, $8, v.minhash,
                v.near_copy_score
         FROM (VALUES ${rows.join(', ')}) AS v(target_id, subject, body, minhash, near_copy_score)
         WHERE (SELECT open FROM campaign)
           -- The writer's lock, taken (once, before any row) for the rest of the statement.
           AND (SELECT true FROM pg_advisory_xact_lock(hashtext($9)))
         ON CONFLICT (campaign_id, target_id, email_canonical) DO UPDATE SET
           full_name = EXCLUDED.full_name, email = EXCLUDED.email, postcode = EXCLUDED.postcode,
           subject = EXCLUDED.subject, body = EXCLUDED.body,
           personalised_share = EXCLUDED.personalised_share, email_opt_in = EXCLUDED.email_opt_in,
           minhash = EXCLUDED.minhash, near_copy_score = EXCLUDED.near_copy_score,
           confirm_token_hash = EXCLUDED.confirm_token_hash,
           earlier_token_hashes = CASE
             WHEN (letter.full_name, letter.postcode, letter.subject, letter.body,
                   letter.email_opt_in, letter.confirm_token_hash IS NOT NULL)
                  IS NOT DISTINCT FROM (EXCLUDED.full_name, EXCLUDED.postcode, EXCLUDED.subject,
                   EXCLUDED.body, EXCLUDED.email_opt_in, true)
             THEN letter.earlier_token_hashes || letter.confirm_token_hash
             ELSE '{}' END
         WHERE letter.status = 'AWAITING_CONFIRMATION'
         RETURNING target_id
       ), ${mail.cte}
       SELECT (SELECT open FROM campaign) AS open, (SELECT array_agg(target_id::text) FROM written) AS written`,
      [...params, ...mail.params],
    );
    return { open: row.open, written: new Set(row.written ?? []) };
  }

  /**
   * The MinHash signatures of the latest confirmed letters to each target under the campaign, at
   * most `perTarget` each (a bounded sample: a public request never reads other letters' text, nor
   * more than this), with whose they are (the caller leaves out the writer's own).
   */
  async recentSignatures(
    campaignId: string,
    targetIds: string[],
    perTarget: number,
  ): Promise<Map<string, SampledSignature[]>> {
    // Raw SQL: a LATERAL join takes the latest few per target through the index of confirmed letters.
    const rows = await preparedQuery<{ target_id: string; email_canonical: string; minhash: number[] }>(
      this.dataSource,
      `SELECT t.id AS target_id, l.email_canonical, l.minhash
       FROM unnest($2::uuid[]) AS t(id)
       CROSS JOIN LATERAL (
         SELECT email_canonical, minhash FROM letter
         WHERE campaign_id = $1 AND target_id = t.id AND minhash IS NOT NULL
           AND status <> 'AWAITING_CONFIRMATION'
         ORDER BY created_at DESC LIMIT $3) l`,
      [campaignId, targetIds, perTarget],
    );
    const byTarget = new Map<string, SampledSignature[]>(targetIds.map((id) => [id, []]));
    for (const row of rows) {
      byTarget.get(row.target_id)!.push({ emailCanonical: row.email_canonical, minhash: row.minhash });
    }
    return byTarget;
  }

  /**
   * Counts one more "already written" email against the person's letters under the campaign; false
   * once they have had `most`.
   */
  async countRepeatMail(
    manager: EntityManager,
    campaignId: string,
    emailCanonical: string,
    most: number,
  ): Promise<boolean> {
    const counted = await manager.query<[unknown[], number]>(
      `UPDATE letter SET repeat_mails = repeat_mails + 1
       WHERE campaign_id = $1 AND email_canonical = $2 AND repeat_mails < $3`,
      [campaignId, emailCanonical, most],
    );
    return counted[1] > 0;
  }

  /**
   * Queues the letters awaiting confirmation behind a link (while their campaign is open), once:
   * parallel confirmations race on the same rows and only one claims them. Their ids.
   */
  async claim(manager: EntityManager, tokenHash: string, statusKeyHash: string): Promise<string[]> {
    // Raw SQL: UPDATE … RETURNING, with the subquery on the campaign.
    const [claimed] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE letter SET status = 'QUEUED', queued_at = now(), confirm_token_hash = NULL,
         earlier_token_hashes = '{}', status_key_hash = $2
       WHERE (confirm_token_hash = $1 OR earlier_token_hashes @> ARRAY[$1::text])
         AND status = 'AWAITING_CONFIRMATION'
         AND campaign_id IN (SELECT id FROM letter_campaign WHERE status = 'OPEN')
       RETURNING id`,
      [tokenHash, statusKeyHash],
    );
    return claimed.map((c) => c.id);
  }

  /** The letters with their targets and campaign, oldest first. */
  withTargets(manager: EntityManager, ids: string[]): Promise<Letter[]> {
    return manager.find(Letter, {
      where: { id: In(ids) },
      relations: { target: true, campaign: true },
      order: { createdAt: 'ASC' },
    });
  }

  async update(manager: EntityManager, id: string, values: Partial<Letter>): Promise<void> {
    await manager.update(Letter, id, values);
  }

  /** The letters of one confirmation, by the hash of its status key, with targets and campaign. */
  byStatusKey(statusKeyHash: string): Promise<Letter[]> {
    return this.dataSource.getRepository(Letter).find({
      where: { statusKeyHash },
      relations: { target: true, campaign: true },
    });
  }

  hasStatusKey(statusKeyHash: string): Promise<boolean> {
    return this.dataSource.getRepository(Letter).existsBy({ statusKeyHash });
  }

  /** A campaign's letters: written, confirmed, sent, failed, and the mean personalised share of the confirmed. */
  async totals(campaignId: string): Promise<LetterTotals> {
    const [totals] = await this.dataSource.query<LetterTotals[]>(
      `SELECT count(*)::int AS written,
              count(*) FILTER (WHERE status <> 'AWAITING_CONFIRMATION')::int AS confirmed,
              count(*) FILTER (WHERE status = 'SENT')::int AS sent,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
              coalesce(round(avg(personalised_share) FILTER (WHERE status <> 'AWAITING_CONFIRMATION')::numeric, 3), 0)::float8
                AS "personalisedShare"
       FROM letter WHERE campaign_id = $1`,
      [campaignId],
    );
    return totals;
  }

  /** Letters written per day (Europe/London) under a branch's campaigns, from a day on. */
  branchByDay(branchId: string, since: Date): Promise<Array<{ key: string; count: number }>> {
    return this.dataSource.query(
      `SELECT to_char(l.created_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS key, count(*)::int AS count
       FROM letter l JOIN letter_campaign c ON c.id = l.campaign_id
       WHERE c.branch_id = $1 AND l.created_at >= $2
       GROUP BY key ORDER BY key`,
      [branchId, since],
    );
  }

  /** A campaign's confirmed letters per target, most first. */
  byTarget(
    campaignId: string,
  ): Promise<Array<{ target_id: string; written: number; confirmed: number; sent: number; failed: number }>> {
    return this.dataSource.query(
      `SELECT target_id,
              count(*)::int AS written,
              count(*) FILTER (WHERE status <> 'AWAITING_CONFIRMATION')::int AS confirmed,
              count(*) FILTER (WHERE status = 'SENT')::int AS sent,
              count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM letter WHERE campaign_id = $1 GROUP BY target_id
       HAVING count(*) FILTER (WHERE status <> 'AWAITING_CONFIRMATION') > 0
       ORDER BY confirmed DESC, target_id`,
      [campaignId],
    );
  }

  // ---- delivery --------------------------------------------------------------------------------

  /** The queued letter behind an outbox message is SENT. */
  async markSent(
    manager: EntityManager,
    outboxMessageId: string,
    smtpMessageId: string | null,
  ): Promise<void> {
    await manager.update(
      Letter,
      { outboxMessageId, status: 'QUEUED' },
      { status: 'SENT', sentAt: new Date(), smtpMessageId, failureReason: null },
    );
  }

  /** The queued letter behind an outbox message is FAILED with the reason; its target, if it was queued. */
  async markFailed(
    manager: EntityManager,
    outboxMessageId: string,
    reason: string,
  ): Promise<string | undefined> {
    const [rows] = await manager.query<[Array<{ target_id: string }>, number]>(
      `UPDATE letter SET status = 'FAILED', failure_reason = $2
       WHERE outbox_message_id = $1 AND status = 'QUEUED' RETURNING target_id`,
      [outboxMessageId, reason],
    );
    return rows[0]?.target_id;
  }

  /**
   * Every queued letter to the targets is FAILED with the reason; the outbox messages that carry
   * them, each letter's own or its digest's (the digest's letters all go to the same target, so a
   * digest whose letters fail is cancelled with them).
   */
  async failQueuedTo(manager: EntityManager, targetIds: string[], reason: string): Promise<string[]> {
    const [waiting] = await manager.query<[Array<{ message_id: string | null }>, number]>(
      `UPDATE letter SET status = 'FAILED', failure_reason = $2
       WHERE target_id = ANY($1::uuid[]) AND status = 'QUEUED'
       RETURNING coalesce(outbox_message_id, digest_message_id) AS message_id`,
      [targetIds, reason],
    );
    return [...new Set(waiting.map((w) => w.message_id).filter((id): id is string => !!id))];
  }

  /** Outbox messages of letters still waiting to be sent are not sent, and their bodies go. */
  async failPendingMessages(manager: EntityManager, ids: string[], reason: string): Promise<void> {
    if (ids.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE outbox_message SET status = 'FAILED', failed_at = now(), last_error = $2,
         text_body = NULL, html_body = NULL
       WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [ids, reason],
    );
  }

  // ---- digests ----------------------------------------------------------------------------------

  /** One digest run at a time, for the rest of the transaction: a recipient gets one digest, not one per run. */
  async lockDigests(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('letter-digests'))`);
  }

  /**
   * The recipients (campaign and target) with letters waiting for a digest, queued at or before
   * `cutoff`, whose digest for `day` is not made yet (unless `anyDay`: the operator's command); at
   * most `limit` groups, whole: the next run takes the rest.
   */
  async digestGroupsDue(
    manager: EntityManager,
    cutoff: Date,
    day: string,
    anyDay: boolean,
    limit: number,
  ): Promise<Array<{ campaignId: string; targetId: string }>> {
    // Raw SQL: DISTINCT groups with a NOT EXISTS on the day's marks.
    const rows = await manager.query<Array<{ campaign_id: string; target_id: string }>>(
      `SELECT DISTINCT l.campaign_id, l.target_id FROM letter l
       WHERE l.in_digest AND l.status = 'QUEUED' AND l.digest_message_id IS NULL AND l.queued_at <= $1
         AND ($3 OR NOT EXISTS (SELECT 1 FROM letter_digest_day d
              WHERE d.campaign_id = l.campaign_id AND d.target_id = l.target_id AND d.day = $2::date))
       LIMIT $4`,
      [cutoff, day, anyDay, limit],
    );
    return rows.map((r) => ({ campaignId: r.campaign_id, targetId: r.target_id }));
  }

  /**
   * One recipient's letters waiting for a digest, queued at or before `cutoff`, locked (a parallel
   * transaction skips them, so no letter goes in two digests), with target and campaign.
   */
  waitingForDigest(
    manager: EntityManager,
    group: { campaignId: string; targetId: string },
    cutoff: Date,
  ): Promise<Letter[]> {
    return manager
      .createQueryBuilder(Letter, 'l')
      .innerJoinAndSelect('l.target', 'target')
      .innerJoinAndSelect('l.campaign', 'campaign')
      .where(`l.in_digest AND l.status = 'QUEUED' AND l.digest_message_id IS NULL`)
      .andWhere('l.campaign_id = :campaignId AND l.target_id = :targetId', group)
      .andWhere('l.queued_at <= :cutoff', { cutoff })
      .orderBy('l.queued_at')
      .setLock('pessimistic_write', undefined, ['l'])
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Marks the recipient's digest for the day made (kept if already there: the operator's command). */
  async markDigestDay(
    manager: EntityManager,
    group: { campaignId: string; targetId: string },
    day: string,
    digestMessageId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO letter_digest_day (campaign_id, target_id, day, digest_message_id)
       VALUES ($1, $2, $3::date, $4)
       ON CONFLICT (campaign_id, target_id, day) DO UPDATE SET digest_message_id = EXCLUDED.digest_message_id`,
      [group.campaignId, group.targetId, day, digestMessageId],
    );
  }

  async setDigestMessage(manager: EntityManager, ids: string[], digestMessageId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Letter)
      .set({ digestMessageId })
      .where('id = ANY(:ids)', { ids })
      .execute();
  }

  /** Every letter in the digest still queued is SENT when the digest is (a withdrawn one stays FAILED). */
  async markDigestSent(
    manager: EntityManager,
    digestMessageId: string,
    smtpMessageId: string | null,
  ): Promise<void> {
    await manager.update(
      Letter,
      { digestMessageId, status: 'QUEUED' },
      { status: 'SENT', sentAt: new Date(), smtpMessageId, failureReason: null },
    );
  }

  /** Every letter still queued in the digest is FAILED with the reason; their target, if any was. */
  async markDigestFailed(
    manager: EntityManager,
    digestMessageId: string,
    reason: string,
  ): Promise<string | undefined> {
    const [rows] = await manager.query<[Array<{ target_id: string }>, number]>(
      `UPDATE letter SET status = 'FAILED', failure_reason = $2
       WHERE digest_message_id = $1 AND status = 'QUEUED' RETURNING target_id`,
      [digestMessageId, reason],
    );
    return rows[0]?.target_id;
  }

  // ---- personal data ---------------------------------------------------------------------------

  /** A person's letters, by canonical address, with campaign and target, oldest first. */
  byAddress(manager: EntityManager, emailCanonical: string): Promise<Letter[]> {
    return manager.find(Letter, {
      where: { emailCanonical },
      relations: { campaign: true, target: true },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Anonymises a person's letters (still counted) and withdraws those not yet sent; the outbox
   * messages that carried them. The addresses as they typed them (another form of the same
   * canonical address included) lose every message sent there: the confirmation and the copy
   * went there.
   */
  async eraseByAddress(manager: EntityManager, emailCanonical: string): Promise<void> {
    await this.eraseMailToWriter(manager, emailCanonical);
    // Their questionnaires' links stop working (the token can no longer match any link's hash).
    await manager.query(
      `UPDATE letter_questionnaire SET token_hash = 'erased:' || id::text, reminder_token_hash = NULL
       WHERE id IN (SELECT questionnaire_id FROM letter
                    WHERE email_canonical = $1 AND questionnaire_id IS NOT NULL)`,
      [emailCanonical],
    );
    // The reply's words they shared in the questionnaire go too; the answer itself still counts.
    await manager.query(
      `UPDATE letter_answer SET reply_text = NULL
       WHERE reply_text IS NOT NULL
         AND letter_id IN (SELECT id FROM letter WHERE email_canonical = $1)`,
      [emailCanonical],
    );
    const [letters] = await manager.query<
      [Array<{ outbox_message_id: string | null; digest_message_id: string | null }>, number]
    >(
      `UPDATE letter SET full_name = 'Erased', email = '', email_canonical = 'erased:' || id::text,
         postcode = '', subject = '', body = '', minhash = NULL, confirm_token_hash = NULL, earlier_token_hashes = '{}',
         status_key_hash = NULL,
         status = CASE WHEN status IN ('AWAITING_CONFIRMATION', 'QUEUED') THEN 'FAILED' ELSE status END,
         failure_reason = CASE WHEN status IN ('AWAITING_CONFIRMATION', 'QUEUED') THEN 'Withdrawn: the writer asked for their data to be erased.' ELSE failure_reason END
       WHERE email_canonical = $1
       RETURNING outbox_message_id, digest_message_id`,
      [emailCanonical],
    );
    // A digest not sent yet is cancelled, and its other letters wait again: the next run makes the
    // recipient a digest without this writer (the day's mark goes with the cancelled digest). A digest
    // already sent loses its text, which names them.
    const digests = [...new Set(letters.map((l) => l.digest_message_id).filter((id): id is string => !!id))];
    await this.cancelPendingDigests(manager, digests);
    const ids = [...letters.map((l) => l.outbox_message_id), ...digests].filter(Boolean);
    if (ids.length > 0) {
      // Raw: the outbox rows of their letters and digests, set-based by id array; only the words go
      // (a sent message keeps its status for the counts). See STYLE.md on the outbox exceptions.
      await manager.query(
        `UPDATE outbox_message SET
           status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
           subject = '', text_body = NULL, html_body = NULL, sender = NULL, reply_to = NULL,
           last_error = NULL
         WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    }
  }

  /**
   * Every message sent to the addresses as the writer typed them (another form of the same canonical
   * address included) loses its words and recipient; one not sent yet is not sent.
   */
  private async eraseMailToWriter(manager: EntityManager, emailCanonical: string): Promise<void> {
    const addresses = await manager.query<Array<{ email: string }>>(
      'SELECT DISTINCT lower(email) AS email FROM letter WHERE email_canonical = $1',
      [emailCanonical],
    );
    if (addresses.length > 0) {
      await manager.query(
        `UPDATE outbox_message SET
           status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
           to_address = 'erased', subject = '', text_body = NULL, html_body = NULL, last_error = NULL
         WHERE lower(to_address) = ANY($1::text[])`,
        [addresses.map((a) => a.email)],
      );
    }
  }

  /** Digests not sent yet are cancelled; their other letters wait for the next run again. */
  private async cancelPendingDigests(manager: EntityManager, digests: string[]): Promise<void> {
    if (digests.length === 0) {
      return;
    }
    const [pending] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE outbox_message SET status = 'FAILED', failed_at = now(),
         last_error = 'Cancelled: a writer in it asked for their data to be erased.'
       WHERE id = ANY($1::uuid[]) AND status = 'PENDING' RETURNING id`,
      [digests],
    );
    const cancelled = pending.map((p) => p.id);
    if (cancelled.length > 0) {
      await manager.query(
        `UPDATE letter SET digest_message_id = NULL
         WHERE digest_message_id = ANY($1::uuid[]) AND status = 'QUEUED'`,
        [cancelled],
      );
      await manager.query(`DELETE FROM letter_digest_day WHERE digest_message_id = ANY($1::uuid[])`, [
        cancelled,
      ]);
    }
  }

  /** The name last given with this canonical address on a letter, or undefined (data rights). */
  async lastNameGiven(manager: EntityManager, emailCanonical: string): Promise<string | undefined> {
    const [row] = await manager.query<Array<{ full_name: string }>>(
      'SELECT full_name FROM letter WHERE email_canonical = $1 ORDER BY created_at DESC LIMIT 1',
      [emailCanonical],
    );
    return row?.full_name;
  }

  // ---- retention ----

  /** Deletes letters never confirmed, written more than `days` ago. */
  async deleteUnconfirmed(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [, count] = await manager.query<[unknown[], number]>(
      `DELETE FROM letter WHERE status = 'AWAITING_CONFIRMATION'
         AND created_at < now() - make_interval(days => $1)`,
      [days],
    );
    return count;
  }

  /**
   * Scrubs the text and the writer's details from letters sent (or finally failed) more than `days`
   * ago, and the writer's name and address from their outbox rows. The campaign, recipient, status,
   * dates and personalised share stay, so every count and statistic stays right.
   */
  async scrubDelivered(days: number, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [rows, count] = await manager.query<
      [Array<{ outbox_message_id: string | null; digest_message_id: string | null }>, number]
    >(
      `UPDATE letter SET full_name = '', email = '', email_canonical = 'scrubbed:' || id::text,
         postcode = '', subject = '', body = '', minhash = NULL, confirm_token_hash = NULL, earlier_token_hashes = '{}',
         status_key_hash = NULL
       WHERE email <> '' AND (
         (status = 'SENT' AND sent_at < now() - make_interval(days => $1)) OR
         (status = 'FAILED' AND coalesce(queued_at, created_at) < now() - make_interval(days => $1)))
       RETURNING outbox_message_id, digest_message_id`,
      [days],
    );
    // Replies' words shared in questionnaires go on the same schedule, counted from the answer.
    await manager.query(
      `UPDATE letter_answer SET reply_text = NULL
       WHERE reply_text IS NOT NULL AND answered_at < now() - make_interval(days => $1)`,
      [days],
    );
    // A digest names its writers: it goes with them (its letters are all sent together).
    const ids = [
      ...new Set(
        rows.flatMap((r) => [r.outbox_message_id, r.digest_message_id]).filter((id): id is string => !!id),
      ),
    ];
    if (ids.length > 0) {
      await manager.query(
        `UPDATE outbox_message SET subject = '', text_body = NULL, html_body = NULL, sender = NULL,
           reply_to = NULL, headers = '{}'
         WHERE id = ANY($1::uuid[]) AND status <> 'PENDING'`,
        [ids],
      );
    }
    return count;
  }
}
