import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Branch } from '@app/branches';
import { AppConfig, AuditService, hashToken, InvalidLinkError } from '@app/core';
import { Mailbag } from '@app/mail';
import { joinBranchTemplate, linkReplyTemplate } from './branch-records.templates';
import { recordConsent } from './consent';
import { ConsentSource } from './consent-record.entity';
import { createMemberToken } from './member-links';
import { MemberToken } from './member-token.entity';
import { Member } from './member.entity';
import { PersonalDataRegistry } from './personal-data.registry';

/** What someone gave for a branch: on a form, at the door, or to an organiser. */
export interface BranchPerson {
  email: string;
  fullName: string;
  postcode: string | null;
  emailOptIn: boolean;
}

/**
 * Why a branch holds a record of the address, which decides what the person is asked: to keep a
 * reply (to the event `what`) with their membership, or to move their membership to the branch.
 */
export type RecordOrigin = { kind: 'added' } | { kind: 'replied'; what: string };

export interface BranchRecordOptions {
  source: ConsentSource;
  /** The organiser who recorded it (null for the person's own reply). */
  recordedById: string | null;
  origin: RecordOrigin;
}

/**
 * A branch's record of the person behind an address. A branch sees and changes only its own
 * records: what its organisers and the person's replies to it gave. An address the campaign knows
 * from elsewhere (another branch, or none) gets a provisional record in the branch, looking exactly
 * like someone new, and the person is asked by email whether it is theirs; only their confirmation
 * joins it to their own record. So no answer, list or lookup tells a branch that an address
 * belongs to someone elsewhere, and nobody's record changes because their address was typed in.
 */
@Injectable()
export class BranchRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly registry: PersonalDataRegistry,
  ) {}

  /** The branch's own record of the address (the person's own record first), or null. */
  inBranch(manager: EntityManager, email: string, branchId: string): Promise<Member | null> {
    return manager.findOne(Member, {
      where: { email: email.trim(), branchId },
      order: { provisional: 'ASC', createdAt: 'ASC' },
    });
  }

  /**
   * The branch's record of the person, in the caller's transaction: the one it has; else a new
   * person is added to the branch; else (the address is known elsewhere) a provisional record is
   * made from what was given and the person is emailed a link to confirm it is theirs. `created` is
   * true for both kinds of new record, which the caller must treat alike. Consent is recorded for
   * every new record, as given.
   */
  async findOrAdd(
    manager: EntityManager,
    mail: Mailbag,
    person: BranchPerson,
    branchId: string,
    options: BranchRecordOptions,
  ): Promise<{ member: Member; created: boolean }> {
    const email = person.email.trim();
    const held = await this.inBranch(manager, email, branchId);
    if (held) {
      if (held.provisional && options.origin.kind === 'replied') {
        await this.offerLinkUnlessPending(manager, mail, held, options.origin);
      }
      return { member: held, created: false };
    }
    const added = await this.insert(manager, person, branchId, false, options);
    if (added) {
      return { member: added, created: true };
    }
    // The address is someone's own record, made before us or at the same moment.
    const own = await manager.findOneByOrFail(Member, { email, provisional: false });
    if (own.branchId === branchId) {
      return { member: own, created: false };
    }
    const provisional = await this.insert(manager, person, branchId, true, options);
    if (provisional) {
      await this.offerLink(manager, mail, provisional, options.origin);
      return { member: provisional, created: true };
    }
    return {
      member: await manager.findOneByOrFail(Member, { email, branchId, provisional: true }),
      created: false,
    };
  }

  /** Emails the person behind a provisional record a link to confirm it is theirs. */
  async offerLink(
    manager: EntityManager,
    mail: Mailbag,
    record: Member,
    origin: RecordOrigin,
  ): Promise<void> {
    const branch = record.branchId ? await manager.findOneBy(Branch, { id: record.branchId }) : null;
    const purpose = origin.kind === 'added' ? 'join-branch' : 'link-reply';
    const token = await createMemberToken(manager, record.id, purpose);
    const params = {
      fullName: record.fullName,
      branch: branch?.name ?? 'a',
      link: `${this.config.publicUrl}/membership/confirm?token=${encodeURIComponent(token)}`,
    };
    if (origin.kind === 'added') {
      await mail.add(joinBranchTemplate, record.email, params);
    } else {
      await mail.add(linkReplyTemplate, record.email, { ...params, what: origin.what });
    }
  }

  /**
   * The person confirms a provisional record is theirs (once): what it holds (replies,
   * certificates) moves to their own record and it goes; for a record an organiser added, their
   * membership also moves to that branch (with the branch's tags). Their own name, postcode and
   * consent stay as they are. If the address has no record of its own any more, this one becomes it.
   */
  async confirmLink(token: string): Promise<{ branch: string | null; moved: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (
        await manager
          .createQueryBuilder()
          .update(MemberToken)
          .set({ usedAt: () => 'now()' })
          .where(
            `token_hash = :hash AND purpose IN ('link-reply', 'join-branch') AND used_at IS NULL AND expires_at > now()`,
            { hash: hashToken(token) },
          )
          .returning(['memberId', 'purpose'])
          .execute()
      ).raw as Array<{ member_id: string; purpose: string }>;
      if (rows.length === 0) {
        throw new InvalidLinkError();
      }
      const record = await manager.findOne(Member, {
        where: { id: rows[0].member_id, provisional: true },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record || record.erasedAt) {
        throw new InvalidLinkError();
      }
      const branch = record.branchId ? await manager.findOneBy(Branch, { id: record.branchId }) : null;
      const move = rows[0].purpose === 'join-branch';
      const own = await manager.findOne(Member, {
        where: { email: record.email, provisional: false },
        lock: { mode: 'pessimistic_write' },
      });
      if (!own) {
        await manager.update(Member, record.id, { provisional: false, emailConfirmedAt: new Date() });
        await this.audit.record(
          { action: 'member.record-link', branchId: record.branchId, subjectId: record.id, detail: { move } },
          manager,
        );
        return { branch: branch?.name ?? null, moved: move };
      }
      await this.registry.merge(manager, { from: record.id, into: own.id });
      await manager.delete(Member, record.id);
      await manager
        .createQueryBuilder()
        .update(Member)
        .set({
          emailConfirmedAt: () => 'coalesce(email_confirmed_at, now())',
          ...(move
            ? {
                branchId: record.branchId,
                tags: () => `ARRAY(SELECT DISTINCT t FROM unnest(tags || :tags::text[]) AS t ORDER BY t)`,
              }
            : {}),
        })
        .where('id = :id', { id: own.id })
        .setParameter('tags', record.tags)
        .execute();
      await this.audit.record(
        { action: 'member.record-link', branchId: record.branchId, subjectId: own.id, detail: { move } },
        manager,
      );
      return { branch: branch?.name ?? null, moved: move };
    });
  }

  private async insert(
    manager: EntityManager,
    person: BranchPerson,
    branchId: string,
    provisional: boolean,
    options: BranchRecordOptions,
  ): Promise<Member | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Member)
      .values({
        email: person.email.trim(),
        fullName: person.fullName,
        postcode: person.postcode,
        branchId,
        emailOptIn: person.emailOptIn,
        provisional,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (!id) {
      return null;
    }
    await recordConsent(manager, id, person.emailOptIn, options.source, options.recordedById);
    return manager.findOneByOrFail(Member, { id });
  }

  /** A reply to a branch that already holds a provisional record: ask again if no link is live. */
  private async offerLinkUnlessPending(
    manager: EntityManager,
    mail: Mailbag,
    record: Member,
    origin: RecordOrigin,
  ): Promise<void> {
    const live = await manager
      .getRepository(MemberToken)
      .createQueryBuilder('t')
      .where(`t.member_id = :id AND t.purpose IN ('link-reply', 'join-branch')`, { id: record.id })
      .andWhere('t.used_at IS NULL AND t.expires_at > now()')
      .getExists();
    if (!live) {
      await this.offerLink(manager, mail, record, origin);
    }
  }
}
