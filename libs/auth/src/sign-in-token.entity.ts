import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Member } from '@app/members';

/** A one-time sign-in link, stored only as the SHA-256 of its token. */
@Entity('sign_in_token')
@Unique('sign_in_token_hash_key', ['tokenHash'])
@Index('sign_in_token_member_created_idx', ['memberId', 'createdAt'])
export class SignInToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'sign_in_token_member_id_fkey' })
  member?: Member;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
