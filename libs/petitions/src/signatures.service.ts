import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  AppConfig,
  AuditService,
  BadUserInputError,
  csvSafe,
  generateToken,
  hashToken,
  NotFoundError,
  postcodeDistrict,
  withResponseFloor,
} from '@app/core';
import { Mailbag, OutboxService } from '@app/mail';
import { findOrAddPublicMember, Member, MemberRole } from '@app/members';
import { SignPetitionInput } from './dto/petition.input';
import { COUNT_SHARDS } from './petition-count.entity';
import { Petition } from './petition.entity';
import { alreadySignedTemplate, confirmSignatureTemplate, milestoneTemplate } from './petition.templates';
import { PetitionsService } from './petitions.service';
import { canonicalEmail, nameProblem } from './signer-rules';
import { Signature } from './signature.entity';

/** A repeat signer is told "you have already signed" at most this many times. */
const ALREADY_SIGNED_MAILS = 3;

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
        const ipHash = hashToken(clientAddress);
        const suspect = await this.overLimits(manager, petition.id, ipHash);
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
          if (token) {
            await mail.add(confirmSignatureTemplate, input.email, {
              fullName: input.fullName,
              title: petition.title,
              link: `${this.config.publicUrl}/petitions/confirm?token=${encodeURIComponent(token)}`,
            });
          }
          return;
        }
        await this.mailAlreadySigned(manager, mail, petition, input.email);
      }),
    );
  }

  /** Counts the signature behind a link (once) and returns its petition. */
  async confirm(token: string): Promise<Petition> {
    return this.outbox.transaction(async (manager, mail) => {
      const claimed = await manager
        .createQueryBuilder()
        .update(Signature)
        .set({ status: 'CONFIRMED', confirmedAt: () => 'now()', confirmTokenHash: null })
        .where(`confirm_token_hash = :hash AND status = 'PENDING'`, { hash: hashToken(token) })
        .returning(['petitionId', 'fullName', 'email', 'postcode', 'emailOptIn'])
        .execute();
      const signature = (
        claimed.raw as Array<{
          petition_id: string;
          full_name: string;
          email: string;
          postcode: string;
          email_opt_in: boolean;
        }>
      )[0];
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
        await findOrAddPublicMember(
          manager,
          {
            email: signature.email,
            fullName: signature.full_name,
            postcode: signature.postcode,
            emailOptIn: true,
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
    try {
      const source = await this.dataSource
        .getRepository(Signature)
        .createQueryBuilder('s', runner)
        .select('s.full_name', 'full_name')
        .addSelect('s.postcode', 'postcode')
        .addSelect('s.postcode_district', 'postcode_district')
        .addSelect('s.confirmed_at', 'signed_at')
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
            signed_at: new Date(row.signed_at).toISOString(),
          });
        },
      });
      const csv = stringify({
        header: true,
        columns: ['full_name', 'postcode', 'postcode_district', 'signed_at'],
      });
      await pipeline(source, toRecord, csv, async function* (chunks: AsyncIterable<Buffer | string>) {
        for await (const chunk of chunks) {
          if (out.destroyed) {
            throw new Error('the client went away');
          }
          if (!out.write(chunk)) {
            await Promise.race([
              once(out, 'drain'),
              once(out, 'close').then(() => {
                throw new Error('the client went away');
              }),
            ]);
          }
        }
      });
    } finally {
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

  private async overLimits(manager: EntityManager, petitionId: string, ipHash: string): Promise<boolean> {
    const [recent] = await manager.query<Array<{ minute: number; hour: number }>>(
      `SELECT count(*) FILTER (WHERE created_at > now() - interval '1 minute')::int AS minute, count(*)::int AS hour
       FROM signature WHERE petition_id = $1 AND ip_hash = $2 AND created_at > now() - interval '1 hour'`,
      [petitionId, ipHash],
    );
    return (
      recent.minute >= this.config.petitions.burstLimit || recent.hour >= this.config.petitions.hourlyLimit
    );
  }

  private async mailAlreadySigned(
    manager: EntityManager,
    mail: Mailbag,
    petition: Petition,
    email: string,
  ): Promise<void> {
    const counted = await manager
      .createQueryBuilder()
      .update(Signature)
      .set({ alreadySignedMails: () => 'already_signed_mails + 1' })
      .where(`petition_id = :id AND email_canonical = :canonical AND status <> 'SUSPECT'`, {
        id: petition.id,
        canonical: canonicalEmail(email),
      })
      .andWhere('already_signed_mails < :max', { max: ALREADY_SIGNED_MAILS })
      .returning(['fullName'])
      .execute();
    const signer = (counted.raw as Array<{ full_name: string }>)[0];
    if (signer) {
      await mail.add(alreadySignedTemplate, email, { fullName: signer.full_name, title: petition.title });
    }
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
