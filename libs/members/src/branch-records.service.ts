import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BranchRepository } from '@app/branches';
import { AddressMailCap, AppConfig, AuditService, hashToken, InvalidLinkError } from '@app/core';
import { Mailbag } from '@app/mail';
import { joinBranchTemplate, linkReplyTemplate } from './branch-records.templates';
import { ConsentSource } from './consent-record.entity';
import { MemberLinks } from './member-links';
import { MemberTokenPurpose } from './member-token.entity';
import { MemberTokenRepository } from './member-token.repository';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import { PersonalDataRegistry } from './personal-data.registry';

/** The links that ask whether a branch's provisional record is the person's. */
const LINK_PURPOSES: readonly MemberTokenPurpose[] = ['link-reply', 'join-branch'];

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
    private readonly members: MemberRepository,
    private readonly branches: BranchRepository,
    private readonly tokens: MemberTokenRepository,
    private readonly links: MemberLinks,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly registry: PersonalDataRegistry,
    private readonly mailCap: AddressMailCap,
  ) {}

  /** The branch's own record of the address (the person's own record first), or null. */
  inBranch(manager: EntityManager, email: string, branchId: string): Promise<Member | null> {
    return this.members.inBranch(manager, email, branchId);
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
    const own = await this.members.getOwn(manager, email);
    if (own.branchId === branchId) {
      return { member: own, created: false };
    }
    const provisional = await this.insert(manager, person, branchId, true, options);
    if (provisional) {
      await this.offerLink(manager, mail, provisional, options.origin);
      return { member: provisional, created: true };
    }
    return {
      member: await this.members.getProvisional(manager, email, branchId),
      created: false,
    };
  }

  /**
   * Emails the person behind a provisional record a link to confirm it is theirs, within the
   * per-address mail cap (kind `membership-link`): anyone can name an address in a reply, so this
   * mail counts like every other mail a caller's words send. Past the cap nothing is sent and no
   * link is made (the next reply or addition may offer one).
   */
  async offerLink(
    manager: EntityManager,
    mail: Mailbag,
    record: Member,
    origin: RecordOrigin,
  ): Promise<void> {
    if (!(await this.mailCap.allows('membership-link', record.email))) {
      return;
    }
    const branch = record.branchId ? await this.branches.findById(record.branchId, manager) : null;
    const purpose = origin.kind === 'added' ? 'join-branch' : 'link-reply';
    const token = await this.links.create(manager, record.id, purpose);
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
      const link = await this.tokens.redeem(manager, hashToken(token), LINK_PURPOSES, true);
      if (!link) {
        throw new InvalidLinkError();
      }
      const record = await this.members.lockProvisional(manager, link.memberId);
      if (!record || record.erasedAt) {
        throw new InvalidLinkError();
      }
      const branch = record.branchId ? await this.branches.findById(record.branchId, manager) : null;
      const move = link.purpose === 'join-branch';
      const own = await this.members.lockOwn(manager, record.email);
      if (!own) {
        await this.members.update(manager, record.id, { provisional: false, emailConfirmedAt: new Date() });
        await this.audit.record(
          { action: 'member.record-link', branchId: record.branchId, subjectId: record.id, detail: { move } },
          manager,
        );
        return { branch: branch?.name ?? null, moved: move };
      }
      await this.registry.merge(manager, { from: record.id, into: own.id });
      await this.members.delete(manager, record.id);
      await this.members.absorb(
        manager,
        own.id,
        move ? { branchId: record.branchId, tags: record.tags } : null,
      );
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
    return this.members.insertIfNewWithConsent(
      manager,
      {
        email: person.email.trim(),
        fullName: person.fullName,
        postcode: person.postcode,
        branchId,
        emailOptIn: person.emailOptIn,
        provisional,
      },
      { source: options.source, recordedById: options.recordedById },
    );
  }

  /** A reply to a branch that already holds a provisional record: ask again if no link is live. */
  private async offerLinkUnlessPending(
    manager: EntityManager,
    mail: Mailbag,
    record: Member,
    origin: RecordOrigin,
  ): Promise<void> {
    if (!(await this.tokens.hasLive(manager, record.id, LINK_PURPOSES))) {
      await this.offerLink(manager, mail, record, origin);
    }
  }
}
