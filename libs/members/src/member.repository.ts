import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MemberRole } from './member-role.entity';
import { Member } from './member.entity';

/** A person to write to: enough for a greeting and an address. */
export interface Contact {
  id: string;
  email: string;
  fullName: string;
}

/**
 * Members and their roles. The members library owns these tables: other libraries ask through the
 * methods here (exported), never by querying `Member` or `MemberRole` themselves.
 */
@Injectable()
export class MemberRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Who manages a branch: its organisers, or for national things (no branch) the admins. Erased
   * people are left out.
   */
  async managersOf(branchId: string | null, manager?: EntityManager): Promise<Contact[]> {
    const people = await this.manager(manager)
      .getRepository(Member)
      .createQueryBuilder('m')
      .innerJoin(MemberRole, 'r', 'r.member_id = m.id')
      .where(branchId ? `r.role = 'ORGANISER' AND r.branch_id = :branchId` : `r.role = 'ADMIN'`, { branchId })
      .andWhere('m.erased_at IS NULL')
      .orderBy('m.created_at')
      .getMany();
    return people.map(contactOf);
  }

  /** The member, or null. */
  findById(id: string, manager?: EntityManager): Promise<Member | null> {
    return this.manager(manager).findOneBy(Member, { id });
  }

  /** The member, who must exist (a foreign key says so). */
  getById(id: string, manager?: EntityManager): Promise<Member> {
    return this.manager(manager).findOneByOrFail(Member, { id });
  }

  async contactsByIds(ids: string[], manager?: EntityManager): Promise<Contact[]> {
    if (ids.length === 0) {
      return [];
    }
    return (await this.manager(manager).findBy(Member, { id: In(ids) })).map(contactOf);
  }

  // ---- for pledges: a venue owner confirming by the emailed link ----------------------------------

  /** The member's address is confirmed now, unless it was already (the first confirmation stands). */
  async confirmEmail(id: string, manager?: EntityManager): Promise<void> {
    await this.manager(manager)
      .createQueryBuilder()
      .update(Member)
      .set({ emailConfirmedAt: new Date() })
      .where('id = :id AND email_confirmed_at IS NULL', { id })
      .execute();
  }
}

function contactOf(member: Member): Contact {
  return { id: member.id, email: member.email, fullName: member.fullName };
}
