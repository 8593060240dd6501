import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Branch } from '@app/branches';
import type { RoleName } from '@app/core';
import { Member } from './member.entity';

/** A role held by a member: ADMIN (national) or ORGANISER of one branch. */
@Entity('member_role')
@Check(
  'member_role_scope',
  `("role" = 'ADMIN' AND "branch_id" IS NULL) OR ("role" = 'ORGANISER' AND "branch_id" IS NOT NULL)`,
)
@Index('member_role_admin_key', ['memberId'], { unique: true, where: `"role" = 'ADMIN'` })
@Index('member_role_organiser_key', ['memberId', 'branchId'], { unique: true, where: `"role" = 'ORGANISER'` })
export class MemberRole {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_role_member_id_fkey' })
  member?: Member;

  @Column('text')
  role!: RoleName;

  @Index('member_role_branch_id_idx')
  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'member_role_branch_id_fkey' })
  branch?: Branch | null;

  @Column('uuid', { nullable: true })
  grantedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
