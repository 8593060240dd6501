import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { In, Repository } from 'typeorm';
import { Branch } from '@app/branches';
import { Actor, AuditService, byIds, groupedBy, LoaderRegistry, NotFoundError, RoleName } from '@app/core';
import { RoleInput } from './dto/role.input';
import { MemberRole } from './member-role.entity';
import { Member } from './member.entity';
import { LastAdminError, RoleScopeError } from './members.errors';

export interface MemberRoles {
  isAdmin: boolean;
  organiserOf: Set<string>;
}

@Injectable()
export class MembersService {
  constructor(
    @InjectRepository(Member) private readonly members: Repository<Member>,
    @InjectRepository(MemberRole) private readonly roles: Repository<MemberRole>,
    private readonly audit: AuditService,
  ) {}

  async byId(id: string): Promise<Member> {
    const member = await this.members.findOneBy({ id });
    if (!member) {
      throw new NotFoundError('Member');
    }
    return member;
  }

  /** The person's own record for an address; case-insensitive (the column is citext). */
  findByEmail(email: string): Promise<Member | null> {
    return this.members.findOneBy({ email: email.trim(), provisional: false });
  }

  loader(loaders: LoaderRegistry): DataLoader<string, Member | null> {
    return loaders.get('memberById', () => byIds((ids) => this.members.findBy({ id: In([...ids]) })));
  }

  rolesLoader(loaders: LoaderRegistry): DataLoader<string, MemberRole[]> {
    return loaders.get('rolesByMemberId', () =>
      groupedBy(
        (ids) => this.roles.find({ where: { memberId: In([...ids]) }, order: { createdAt: 'ASC' } }),
        (role) => role.memberId,
      ),
    );
  }

  async rolesOf(memberId: string): Promise<MemberRoles> {
    const rows = await this.roles.findBy({ memberId });
    return {
      isAdmin: rows.some((r) => r.role === 'ADMIN'),
      organiserOf: new Set(rows.filter((r) => r.role === 'ORGANISER').map((r) => r.branchId as string)),
    };
  }

  /**
   * Finds or creates the member with this email and makes them an ADMIN (for the CLI that lets a
   * new installation be entered). Safe to run twice.
   */
  async ensureAdmin(email: string, fullName: string): Promise<Member> {
    return this.members.manager.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Member)
        .values({ email: email.trim(), fullName: fullName.trim() })
        .orIgnore()
        .execute();
      const member = await manager.findOneByOrFail(Member, { email: email.trim(), provisional: false });
      await manager
        .createQueryBuilder()
        .insert()
        .into(MemberRole)
        .values({ memberId: member.id, role: 'ADMIN', branchId: null })
        .orIgnore()
        .execute();
      return member;
    });
  }

  /** Admins only (checked by the resolver). Granting a role someone already holds changes nothing. */
  async grantRole(actor: Actor, input: RoleInput): Promise<Member> {
    const branchId = this.checkScope(input.role, input.branchId);
    const member = await this.byId(input.memberId);
    if (branchId && !(await this.members.manager.existsBy(Branch, { id: branchId }))) {
      throw new NotFoundError('Branch');
    }
    await this.roles.manager.transaction(async (manager) => {
      const granted = await manager
        .createQueryBuilder()
        .insert()
        .into(MemberRole)
        .values({ memberId: member.id, role: input.role, branchId, grantedById: actor.memberId })
        .orIgnore()
        .returning(['id'])
        .execute();
      if ((granted.raw as unknown[]).length > 0) {
        await this.audit.record(
          {
            action: 'role.grant',
            actorId: actor.memberId,
            branchId,
            subjectId: member.id,
            detail: { role: input.role },
          },
          manager,
        );
      }
    });
    return member;
  }

  /** Admins only. The last admin cannot be removed, so the installation can always be managed. */
  async revokeRole(actor: Actor, input: RoleInput): Promise<Member> {
    const branchId = this.checkScope(input.role, input.branchId);
    const member = await this.byId(input.memberId);
    await this.roles.manager.transaction(async (manager) => {
      if (input.role === 'ADMIN') {
        const admins = await manager
          .getRepository(MemberRole)
          .createQueryBuilder('r')
          .setLock('pessimistic_write')
          .where(`r.role = 'ADMIN'`)
          .getMany();
        if (admins.length === 1 && admins[0].memberId === member.id) {
          throw new LastAdminError();
        }
      }
      const revoked = await manager.delete(MemberRole, {
        memberId: member.id,
        role: input.role,
        ...(branchId ? { branchId } : {}),
      });
      if (revoked.affected) {
        await this.audit.record(
          {
            action: 'role.revoke',
            actorId: actor.memberId,
            branchId,
            subjectId: member.id,
            detail: { role: input.role },
          },
          manager,
        );
      }
    });
    return member;
  }

  private checkScope(role: RoleName, branchId: string | null | undefined): string | null {
    if ((role === 'ADMIN') !== !branchId) {
      throw new RoleScopeError(role);
    }
    return branchId ?? null;
  }
}
