import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { BranchRepository } from '@app/branches';
import { Actor, AuditService, byIds, groupedBy, LoaderRegistry, NotFoundError, RoleName } from '@app/core';
import { RoleInput } from './dto/role.input';
import { MemberRole } from './member-role.entity';
import { MemberRoleRepository } from './member-role.repository';
import { Member } from './member.entity';
import { MemberRepository } from './member.repository';
import { LastAdminError, RoleScopeError } from './members.errors';

export interface MemberRoles {
  isAdmin: boolean;
  organiserOf: Set<string>;
}

@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberRepository,
    private readonly roles: MemberRoleRepository,
    private readonly branches: BranchRepository,
    private readonly audit: AuditService,
  ) {}

  async byId(id: string): Promise<Member> {
    const member = await this.members.findById(id);
    if (!member) {
      throw new NotFoundError('Member');
    }
    return member;
  }

  /** The person's own record for an address; case-insensitive (the column is citext). */
  findByEmail(email: string): Promise<Member | null> {
    return this.members.findOwn(email);
  }

  loader(loaders: LoaderRegistry): DataLoader<string, Member | null> {
    return loaders.get('memberById', () => byIds((ids) => this.members.findByIds(ids)));
  }

  rolesLoader(loaders: LoaderRegistry): DataLoader<string, MemberRole[]> {
    return loaders.get('rolesByMemberId', () =>
      groupedBy(
        (ids) => this.roles.ofMembers(ids),
        (role) => role.memberId,
      ),
    );
  }

  async rolesOf(memberId: string): Promise<MemberRoles> {
    const rows = await this.roles.ofMember(memberId);
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
    return this.dataSource.transaction(async (manager) => {
      await this.members.insertIfNew(manager, { email: email.trim(), fullName: fullName.trim() });
      const member = await this.members.getOwn(manager, email.trim());
      await this.roles.grantIfNew(manager, { memberId: member.id, role: 'ADMIN', branchId: null });
      return member;
    });
  }

  /** Admins only (checked by the resolver). Granting a role someone already holds changes nothing. */
  async grantRole(actor: Actor, input: RoleInput): Promise<Member> {
    const branchId = this.checkScope(input.role, input.branchId);
    const member = await this.byId(input.memberId);
    if (branchId && !(await this.branches.exists(branchId))) {
      throw new NotFoundError('Branch');
    }
    await this.dataSource.transaction(async (manager) => {
      const granted = await this.roles.grantIfNew(manager, {
        memberId: member.id,
        role: input.role,
        branchId,
        grantedById: actor.memberId,
      });
      if (granted) {
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
    await this.dataSource.transaction(async (manager) => {
      if (input.role === 'ADMIN') {
        const admins = await this.roles.lockAdmins(manager);
        if (admins.length === 1 && admins[0].memberId === member.id) {
          throw new LastAdminError();
        }
      }
      if (await this.roles.revoke(manager, member.id, input.role, branchId)) {
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
