import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, IsNull } from 'typeorm';
import {
  Actor,
  AppConfig,
  BadUserInputError,
  ConnectionShape,
  ForbiddenError,
  NotFoundError,
  paginate,
  withResponseFloor,
} from '@app/core';
import { OutboxService } from '@app/mail';
import { BranchRecordsService } from './branch-records.service';
import { suppressionKey } from './suppression.repository';
import { Suppression } from './suppression.entity';
import { recordConsent } from './consent';
import { MemberExistsError } from './members.errors';
import { CreateMemberInput, MembersArgs, TagMembersInput, UpdateMemberInput } from './dto/member-admin.input';
import { Member } from './member.entity';

const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Organisers' tools over members. Every method starts by checking the branch scope; a member
 * outside the caller's branches is NOT_FOUND, never FORBIDDEN, so nothing about them leaks.
 */
@Injectable()
export class MemberDirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly records: BranchRecordsService,
    private readonly config: AppConfig,
  ) {}

  async list<T>(actor: Actor, args: MembersArgs, toNode: (member: Member) => T): Promise<ConnectionShape<T>> {
    if (args.branchId ? !actor.canManageBranch(args.branchId) : !actor.isAdmin) {
      throw new ForbiddenError('You can list only the members of branches you organise.');
    }
    const query = this.dataSource.getRepository(Member).createQueryBuilder('m').where('m.erased_at IS NULL');
    if (args.branchId) {
      query.andWhere('m.branch_id = :branchId', { branchId: args.branchId });
    }
    const filter = args.filter;
    if (!filter?.includeArchived) {
      query.andWhere('m.archived_at IS NULL');
    }
    if (filter?.search) {
      const pattern = likePattern(filter.search);
      query.andWhere(
        new Brackets((q) =>
          q.where('m.full_name ILIKE :pattern', { pattern }).orWhere('m.email ILIKE :pattern'),
        ),
      );
    }
    if (filter?.tag) {
      query.andWhere(':tag = ANY(m.tags)', { tag: filter.tag });
    }
    if (filter?.optedIn === true) {
      query.andWhere('m.email_opt_in AND m.email_confirmed_at IS NOT NULL');
    } else if (filter?.optedIn === false) {
      query.andWhere('NOT (m.email_opt_in AND m.email_confirmed_at IS NOT NULL)');
    }
    if (filter?.joinedAfter) {
      query.andWhere('m.created_at > :joinedAfter', { joinedAfter: filter.joinedAfter });
    }
    return paginate(query, args, toNode);
  }

  /** A member the caller may see, or NOT_FOUND. */
  async get(
    actor: Actor,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Member> {
    const member = await manager.findOne(Member, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!member || member.erasedAt || !actor.canManageBranch(member.branchId)) {
      throw new NotFoundError('Member');
    }
    return member;
  }

  /**
   * Adds a person to the branch. An address the branch already holds is CONFLICT; any other is
   * added and answered alike, whether or not the campaign knows it elsewhere (then the branch gets
   * a provisional record of what was entered, and the person is asked by email whether to move
   * their membership here: see BranchRecordsService). Erased addresses are refused.
   */
  async create(actor: Actor, input: CreateMemberInput): Promise<Member> {
    this.requireBranch(actor, input.branchId);
    if (
      await this.dataSource.getRepository(Suppression).existsBy({ emailHash: suppressionKey(input.email) })
    ) {
      throw new BadUserInputError('This address cannot be added: its owner asked us to erase their data.', [
        { field: 'email', message: "was erased at its owner's request" },
      ]);
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
        await recordConsent(manager, member.id, input.emailOptIn, 'organiser', actor.memberId);
      }
      return manager.save(member);
    });
  }

  async tag(actor: Actor, input: TagMembersInput, add: boolean): Promise<Member[]> {
    const ids = [...new Set(input.memberIds)];
    const members = await this.dataSource.getRepository(Member).findBy({ id: In(ids) });
    if (
      members.length !== ids.length ||
      members.some((m) => m.erasedAt || !actor.canManageBranch(m.branchId))
    ) {
      throw new NotFoundError('Member');
    }
    const tags = [...new Set(input.tags)];
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
    return this.dataSource.getRepository(Member).find({ where: { id: In(ids) }, order: { fullName: 'ASC' } });
  }

  /** Archived members drop out of lists (unless asked for) but keep their history. */
  async archive(actor: Actor, id: string): Promise<Member> {
    const member = await this.get(actor, id);
    await this.dataSource
      .getRepository(Member)
      .update({ id, archivedAt: IsNull() }, { archivedAt: new Date() });
    return this.dataSource.getRepository(Member).findOneByOrFail({ id: member.id });
  }

  private requireBranch(actor: Actor, branchId: string): void {
    if (!actor.canManageBranch(branchId)) {
      throw new ForbiddenError('You can add members only to branches you organise.');
    }
  }
}
