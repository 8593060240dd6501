import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Member } from './member.entity';

export const MEMBER_TOKEN_PURPOSES = [
  'confirm-email',
  'data-export',
  'erasure',
  'unsubscribe',
  /** Keep a provisional record's replies (and certificates) with the person's own record. */
  'link-reply',
  /** As `link-reply`, and move the person's membership to the provisional record's branch. */
  'join-branch',
] as const;
export type MemberTokenPurpose = (typeof MEMBER_TOKEN_PURPOSES)[number];

/** A one-time link sent to a member (confirm the address, …), stored only as its SHA-256. */
@Entity('member_token')
@Unique('member_token_hash_key', ['tokenHash'])
export class MemberToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_token_member_id_fkey' })
  member?: Member;

  @Column('text')
  purpose!: MemberTokenPurpose;

  @Column('text')
  tokenHash!: string;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
