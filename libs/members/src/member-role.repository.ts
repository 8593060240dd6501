import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { RoleName } from '@app/core';
import { MemberRole } from './member-role.entity';

/** Every statement about the `member_role` table (who may manage what). */
@Injectable()
export class MemberRoleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A member's roles. */
  ofMember(memberId: string): Promise<MemberRole[]> {
    return this.dataSource.getRepository(MemberRole).findBy({ memberId });
  }

  /** The roles of several members, oldest first (for the per-request loader). */
  ofMembers(memberIds: readonly string[]): Promise<MemberRole[]> {
    return this.dataSource
      .getRepository(MemberRole)
      .find({ where: { memberId: In([...memberIds]) }, order: { createdAt: 'ASC' } });
  }

  /** A member's roles with their branches (for the person's data download). */
  withBranches(manager: EntityManager, memberId: string): Promise<MemberRole[]> {
    return manager.find(MemberRole, { where: { memberId }, relations: { branch: true } });
  }

  /** Grants the role unless the member holds it already; true if granted now. */
  async grantIfNew(
    manager: EntityManager,
    values: { memberId: string; role: RoleName; branchId: string | null; grantedById?: string | null },
  ): Promise<boolean> {
    const granted = await manager
      .createQueryBuilder()
      .insert()
      .into(MemberRole)
      .values(values)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (granted.raw as unknown[]).length > 0;
  }

  /** Every ADMIN role, locked for the rest of the transaction (so the last admin stays). */
  lockAdmins(manager: EntityManager): Promise<MemberRole[]> {
    return manager
      .getRepository(MemberRole)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where(`r.role = 'ADMIN'`)
      .getMany();
  }

  /** Revokes the role (in one branch, or every branch when none is given); true if one went. */
  async revoke(
    manager: EntityManager,
    memberId: string,
    role: RoleName,
    branchId: string | null,
  ): Promise<boolean> {
    const revoked = await manager.delete(MemberRole, { memberId, role, ...(branchId ? { branchId } : {}) });
    return !!revoked.affected;
  }

  async deleteFor(manager: EntityManager, memberId: string): Promise<void> {
    await manager.delete(MemberRole, { memberId });
  }
}
