import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  AddressHasher,
  AddressMailCap,
  AppConfig,
  AuditService,
  BadUserInputError,
  csvSafe,
  csvWriter,
  generateToken,
  hashToken,
  isFirstRequest,
  NotFoundError,
  postcodeDistrict,
  liftStatementTimeout,
  withResponseFloor,
  writeTo,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { Member, MemberRole, subscribeConfirmedPerson } from '@app/members';
import { Constituency, PostcodeLookup } from '@app/targets';
import { SignPetitionInput } from './dto/petition.input';
import { COUNT_SHARDS } from './petition-count.entity';
import { Petition } from './petition.entity';
import { alreadySignedTemplate, confirmSignatureTemplate, milestoneTemplate } from './petition.templates';
import { PetitionsService } from './petitions.service';
import { constituencyWithin } from './signer-constituency';
import { canonicalEmail, nameProblem } from './signer-rules';
import { Signature } from './signature.entity';

/** How many more emails one signature may cause after the first ("already signed", a new link). */
const ALREADY_SIGNED_MAILS = 3;

interface ClaimedSignature {
  petition_id: string;
  full_name: string;
  email: string;
  postcode: string;
  email_opt_in: boolean;
}

export class InvalidSignatureLinkError extends BadUserInputError {
  constructor() {
    super('This link has expired or has already been used.', [{ field: 'token', message: 'is not valid' }]);
  }
}

/**
 * Signing and confirming. Every signing answers the same, in the same time; limits per client
 * address are silent (the signature is kept as SUSPECT, never counted or confirmable); counts go to
 * sharded rows so confirmations never queue on the petition's row.
 */
@Injectable()
export class SignaturesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly petitions: PetitionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly postcodes: PostcodeLookup,
    private readonly hasher: AddressHasher,
    private readonly mailCap: AddressMailCap,
  ) {}

  async sign(input: SignPetitionInput, clientAddress: string): Promise<void> {
    const problem = nameProblem(input.fullName);
    if (problem) {
      throw new BadUserInputError(`Your name ${problem}.`, [{ field: 'fullName', message: problem }]);
    }
    const petition = await this.dataSource.getRepository(Petition).findOneBy({ slug: input.petitionSlug });
    if (!petition || petition.status === 'DRAFT') {
      throw new NotFoundError('Petition');
    }
    if (petition.status !== 'OPEN' || (petition.closesAt && petition.closesAt <= new Date())) {
      throw new BadUserInputError('This petition is not open for signatures.', [
        { field: 'petitionSlug', message: 'is not open' },
      ]);
    }
    await withResponseFloor(this.config.publicResponseFloorMs, () =>
      this.outbox.transaction(async (manager, mail) => {
        // A double-click (or ten at once) signs and mails once.
        const request = { ...input, email: input.email.trim().toLowerCase() };
        if (!(await isFirstRequest(manager, this.config.repeatWindowMs, 'sign-petition', request))) {
          return;
        }
        // Keyed hashes only (the address itself is never stored); while the key is being rotated,
        // signatures hashed under the previous key still count towards the limits.
        const ipHashes = this.hasher.clientAddressCandidates(clientAddress);
        const ipHash = ipHashes[0];
        // One signing at a time per address and petition, so simultaneous requests cannot all slip
        // under the limits.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${petition.id}:${ipHash}`]);
        const suspect = await this.overLimits(manager, petition.id, ipHashes);
        const token = suspect ? null : generateToken();
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Signature)
          .values({
            petitionId: petition.id,
            fullName: input.fullName,
            email: input.email,
            emailCanonical: canonicalEmail(input.email),
            postcode: input.postcode,
            postcodeDistrict: postcodeDistrict(input.postcode),
            showName: input.showName,
            emailOptIn: input.emailOptIn,
            status: suspect ? 'SUSPECT' : 'PENDING',
            ipHash,
            confirmTokenHash: token ? hashToken(token) : null,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        if ((inserted.raw as unknown[]).length > 0) {
          // Past the per-address mail cap the signature waits unconfirmed; signing again later
          // sends a fresh link.
          if (token && (await this.mailCap.allows('petition', input.email))) {
            await this.mailConfirmation(mail, petition, input.email, input.fullName, input.emailOptIn, token);
          }
          return;
        }
        await this.handleRepeat(manager, mail, petition, input, suspect);
      }),
    );
  }

  /** Counts the signature behind a link (once), placed in its constituency, and returns its petition. */
  async confirm(token: string): Promise<Petition> {
    const tokenHash = hashToken(token);
    // Before the transaction: the lookup may be a web service, and must not hold it open.
    const constituencyCode = await this.constituencyOf(tokenHash);
    return this.outbox.transaction(async (manager, mail) => {
      // Raw SQL: the query builder would rewrite the word "petition" in the subquery.
      const result = await manager.query<[ClaimedSignature[], number]>(
        `UPDATE signature SET status = 'CONFIRMED', confirmed_at = now(), confirm_token_hash = NULL,
           earlier_token_hashes = '{}', constituency_code = $2
         WHERE (confirm_token_hash = $1 OR earlier_token_hashes @> ARRAY[$1::text]) AND status = 'PENDING'
           -- Only while the petition is open: the count that is delivered must not move afterwards.
           AND petition_id IN (SELECT id FROM petition WHERE status = 'OPEN' AND (closes_at IS NULL OR closes_at > now()))
         RETURNING petition_id, full_name, email, postcode, email_opt_in`,
        [tokenHash, constituencyCode],
      );
      const signature = result[0][0];
      if (!signature) {
        throw new InvalidSignatureLinkError();
      }
      const petition = await manager.findOneByOrFail(Petition, { id: signature.petition_id });
      await manager.query(
        `INSERT INTO petition_count (petition_id, shard, count) VALUES ($1, $2, 1)
         ON CONFLICT (petition_id, shard) DO UPDATE SET count = petition_count.count + 1`,
        [petition.id, Math.floor(Math.random() * COUNT_SHARDS)],
      );
      if (signature.email_opt_in) {
        await subscribeConfirmedPerson(
          manager,
          {
            email: signature.email,
            fullName: signature.full_name,
            postcode: signature.postcode,
            branchId: petition.branchId,
          },
          'petition',
        );
      }
      await this.announceMilestone(manager, mail, petition);
      return petition;
    });
  }

  /** Streams the confirmed signatures as CSV for delivery (formula-safe), audited; leaves `out` open. */
  async export(actor: Actor, petitionId: string, out: Writable): Promise<number> {
    const petition = await this.petitions.getManaged(actor, petitionId);
    const runner = this.dataSource.createQueryRunner();
    let rows = 0;
    let restoreTimeout: (() => Promise<void>) | undefined;
    try {
      restoreTimeout = await liftStatementTimeout(runner);
      const source = await this.dataSource
        .getRepository(Signature)
        .createQueryBuilder('s', runner)
        .select('s.full_name', 'full_name')
        .addSelect('s.postcode', 'postcode')
        .addSelect('s.postcode_district', 'postcode_district')
        .addSelect('c.name', 'constituency')
        .addSelect('s.confirmed_at', 'signed_at')
        .leftJoin(
          Constituency,
          'c',
          'c.code = s.constituency_code AND c.set_id = (SELECT id FROM geography_set WHERE active)',
        )
        .where(`s.petition_id = :id AND s.status = 'CONFIRMED'`, { id: petitionId })
        .orderBy('s.confirmed_at')
        .stream();
      const toRecord = new Transform({
        objectMode: true,
        transform(
          row: {
            full_name: string;
            postcode: string | null;
            postcode_district: string | null;
            constituency: string | null;
            signed_at: Date;
          },
          _encoding,
          done,
        ) {
          rows += 1;
          done(null, {
            full_name: csvSafe(row.full_name),
            postcode: csvSafe(row.postcode ?? ''),
            postcode_district: csvSafe(row.postcode_district ?? ''),
            constituency: csvSafe(row.constituency ?? ''),
            signed_at: new Date(row.signed_at).toISOString(),
          });
        },
      });
      const csv = csvWriter(['full_name', 'postcode', 'postcode_district', 'constituency', 'signed_at']);
      await pipeline(source, toRecord, csv, writeTo(out));
    } finally {
      await restoreTimeout?.();
      await runner.release();
      await this.audit.record({
        action: 'petition.export',
        actorId: actor.memberId,
        branchId: petition.branchId,
        subjectId: petitionId,
        rowCount: rows,
      });
    }
    return rows;
  }

  /** The constituency of the pending signature behind a link; null if unknown or not found in time. */
  private async constituencyOf(tokenHash: string): Promise<string | null> {
    const [pending] = await this.dataSource.query<Array<{ postcode: string | null }>>(
      `SELECT postcode FROM signature
       WHERE (confirm_token_hash = $1 OR earlier_token_hashes @> ARRAY[$1::text]) AND status = 'PENDING'`,
      [tokenHash],
    );
    return pending?.postcode ? constituencyWithin(this.postcodes, pending.postcode) : null;
  }

  private async overLimits(manager: EntityManager, petitionId: string, ipHashes: string[]): Promise<boolean> {
    const [recent] = await manager.query<Array<{ minute: number; hour: number }>>(
      `SELECT count(*) FILTER (WHERE created_at > now() - interval '1 minute')::int AS minute, count(*)::int AS hour
       FROM signature WHERE petition_id = $1 AND ip_hash = ANY($2) AND created_at > now() - interval '1 hour'`,
      [petitionId, ipHashes],
    );
    return (
      recent.minute >= this.config.petitions.burstLimit || recent.hour >= this.config.petitions.hourlyLimit
    );
  }

  /**
   * Someone signs again with an address already on the petition. A confirmed signer is told "you
   * have already signed"; an unconfirmed one gets a fresh confirmation link (the first may have been
   * lost), and the links sent before keep working; a signature held as suspect becomes an ordinary
   * one if this request is within the limits. At most ALREADY_SIGNED_MAILS such emails per
   * signature, and never a second signature.
   */
  private async handleRepeat(
    manager: EntityManager,
    mail: Mailbag,
    petition: Petition,
    input: SignPetitionInput,
    suspectNow: boolean,
  ): Promise<void> {
    const existing = await manager.findOne(Signature, {
      where: { petitionId: petition.id, emailCanonical: canonicalEmail(input.email) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!existing || existing.alreadySignedMails >= ALREADY_SIGNED_MAILS) {
      return;
    }
    if (existing.status === 'SUSPECT' && suspectNow) {
      return;
    }
    if (!(await this.mailCap.allows('petition', input.email))) {
      return;
    }
    if (existing.status === 'CONFIRMED') {
      await manager.update(Signature, existing.id, { alreadySignedMails: existing.alreadySignedMails + 1 });
      await mail.add(alreadySignedTemplate, input.email, {
        fullName: existing.fullName,
        title: petition.title,
      });
      return;
    }
    const token = generateToken();
    await manager.update(Signature, existing.id, {
      status: 'PENDING',
      confirmTokenHash: hashToken(token),
      earlierTokenHashes: existing.confirmTokenHash
        ? [...existing.earlierTokenHashes, existing.confirmTokenHash]
        : existing.earlierTokenHashes,
      alreadySignedMails: existing.alreadySignedMails + 1,
    });
    await this.mailConfirmation(mail, petition, input.email, existing.fullName, existing.emailOptIn, token);
  }

  private async mailConfirmation(
    mail: Mailbag,
    petition: Petition,
    email: string,
    fullName: string,
    emailOptIn: boolean,
    token: string,
  ): Promise<void> {
    await mail.add(confirmSignatureTemplate, email, {
      fullName,
      title: petition.title,
      link: `${this.config.publicUrl}/petitions/confirm?token=${encodeURIComponent(token)}`,
      subscribing: emailOptIn,
    });
  }

  /** Tells the organisers (admins for a national petition) at 25, 50, 75 and 100 % of the goal, once each. */
  private async announceMilestone(manager: EntityManager, mail: Mailbag, petition: Petition): Promise<void> {
    const [{ count }] = await manager.query<Array<{ count: number }>>(
      'SELECT coalesce(sum(count), 0)::int AS count FROM petition_count WHERE petition_id = $1',
      [petition.id],
    );
    const milestone = Math.min(100, Math.floor((count * 4) / petition.goal) * 25);
    if (milestone <= petition.lastMilestone) {
      return;
    }
    const moved = await manager
      .createQueryBuilder()
      .update(Petition)
      .set({ lastMilestone: milestone })
      .where('id = :id AND last_milestone < :milestone', { id: petition.id, milestone })
      .execute();
    if (!moved.affected) {
      return;
    }
    const recipients = await manager
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(MemberRole, 'r', 'r.member_id = m.id')
      .where(petition.branchId ? `r.role = 'ORGANISER' AND r.branch_id = :branchId` : `r.role = 'ADMIN'`, {
        branchId: petition.branchId,
      })
      .andWhere('m.erased_at IS NULL')
      .getMany();
    for (const organiser of recipients) {
      await mail.add(milestoneTemplate, organiser.email, {
        fullName: organiser.fullName,
        title: petition.title,
        percent: milestone,
        count,
        goal: petition.goal,
      });
    }
  }
}
