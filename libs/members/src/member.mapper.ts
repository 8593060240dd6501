import { Member } from './member.entity';
import { MemberRole } from './member-role.entity';
import { MemberModel, RoleAssignmentModel } from './member.model';

export function toMemberModel(member: Member): MemberModel {
  return {
    id: member.id,
    email: member.email,
    fullName: member.fullName,
    postcode: member.postcode,
    emailOptIn: member.emailOptIn,
    emailConfirmed: member.emailConfirmedAt !== null,
    tags: member.tags,
    joinedAt: member.createdAt,
    archived: member.archivedAt !== null,
    branchId: member.branchId,
  };
}

export function toRoleAssignmentModel(role: MemberRole): RoleAssignmentModel {
  return { role: role.role, branchId: role.branchId };
}
