import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AppConfig, ConnectionShape, NotFoundError, paginate, withResponseFloor } from '@app/core';
import { OutboxService } from '@app/mail';
import { BranchRecordsService } from './branch-records.service';
import { ConsentRecord } from './consent-record.entity';
import { ConsentRepository } from './consent.repository';
import { CreateMemberInput, MembersArgs, TagMembersInput, UpdateMemberInput } from './dto/member-admin.input';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import { AddressErasedError, MemberExistsError, MemberScopeError } from './members.errors';
import { SuppressionRepository } from './suppression.repository';

/**
 * Organisers' tools over members. Every method starts by checking the branch scope; a member
 * outside the caller's branches is NOT_FOUND, never FORBIDDEN, so nothing about them leaks.
 */
@Injectable()
export class MemberDirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberRepository,
    private readonly consent: ConsentRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly outbox: OutboxService,
    private readonly records: BranchRecordsService,
    private readonly config: AppConfig,
  ) {}

  async list<T>(actor: Actor, args: MembersArgs, toNode: (member: Member) => T): Promise<ConnectionShape<T>> {
    if (args.branchId ? !actor.canManageBranch(args.branchId) : !actor.isAdmin) {
      throw new MemberScopeError('You can list only the members of branches you organise.');
    }
    return paginate(this.members.listQuery({ ...args.filter, branchId: args.branchId }), args, toNode);
  }

  /** A member the caller may see, or NOT_FOUND. */
  async get(actor: Actor, id: string, manager?: EntityManager, lock = false): Promise<Member> {
    const member =
      lock && manager ? await this.members.lock(manager, id) : await this.members.findById(id, manager);
    if (!member || member.erasedAt || !actor.canManageBranch(member.branchId)) {
      throw new NotFoundError('Member');
    }
    return member;
  }

  /** A member's consent history (what they agreed to, how and when), newest first. */
  async consentHistory(actor: Actor, memberId: string): Promise<ConsentRecord[]> {
    await this.get(actor, memberId);
    return (await this.consent.byMember(this.dataSource.manager, memberId)).reverse();
  }

  /**
   * Adds a person to the branch. An address the branch already holds is CONFLICT; any other is
   * added and answered alike, whether or not the campaign knows it elsewhere (then the branch gets
   * a provisional record of what was entered, and the person is asked by email whether to move
   * their membership here: see BranchRecordsService). Erased addresses are refused.
   */
  async create(actor: Actor, input: CreateMemberInput): Promise<Member> {
    this.requireBranch(actor, input.branchId);
    if (await this.suppressions.isSuppressed(input.email)) {
      throw new AddressErasedError();
    }
    // The same time either way, as for public forms: timing must not tell which kind of record it was.
    return withResponseFloor(this.config.publicResponseFloorMs, () => this.add(actor, input));
  }

  private add(actor: Actor, input: CreateMemberInput): Promise<Member> {
    return this.outbox.transaction(async (manager, mail) => {
      if (await this.records.inBranch(manager, input.email, input.branchId)) {
        throw new MemberExistsError();
      }
      const { member, created } = await this.records.findOrAdd(
        manager,
        mail,
        {
          email: input.email,
          fullName: input.fullName,
          postcode: input.postcode ?? null,
          emailOptIn: input.emailOptIn,
        },
        input.branchId,
        { source: 'organiser', recordedById: actor.memberId, origin: { kind: 'added' } },
      );
      if (!created) {
        throw new MemberExistsError();
      }
      return member;
    });
  }

  async update(actor: Actor, input: UpdateMemberInput): Promise<Member> {
    return this.dataSource.transaction(async (manager) => {
      const member = await this.get(actor, input.id, manager, true);
      if (input.branchId !== undefined && input.branchId !== member.branchId) {
        this.requireBranch(actor, input.branchId);
        member.branchId = input.branchId;
      }
      if (input.fullName !== undefined) {
        member.fullName = input.fullName;
      }
      if (input.postcode !== undefined) {
        member.postcode = input.postcode;
      }
      if (input.emailOptIn !== undefined && input.emailOptIn !== member.emailOptIn) {
        member.emailOptIn = input.emailOptIn;
        await this.consent.record(manager, {
          memberId: member.id,
          emailOptIn: input.emailOptIn,
          source: 'organiser',
          recordedById: actor.memberId,
        });
      }
      return this.members.save(member, manager);
    });
  }

  async tag(actor: Actor, input: TagMembersInput, add: boolean): Promise<Member[]> {
    const ids = [...new Set(input.memberIds)];
    const members = await this.members.findByIds(ids);
    if (
      members.length !== ids.length ||
      members.some((m) => m.erasedAt || !actor.canManageBranch(m.branchId))
    ) {
      throw new NotFoundError('Member');
    }
    const tags = [...new Set(input.tags)];
    await this.members.retag(ids, tags, add);
    return this.members.findByIdsByName(ids);
  }

  /** Archived members drop out of lists (unless asked for) but keep their history. */
  async archive(actor: Actor, id: string): Promise<Member> {
    const member = await this.get(actor, id);
    await this.members.archive(id);
    return this.members.getById(member.id);
  }

  private requireBranch(actor: Actor, branchId: string): void {
    if (!actor.canManageBranch(branchId)) {
      throw new MemberScopeError('You can add members only to branches you organise.');
    }
  }
}
