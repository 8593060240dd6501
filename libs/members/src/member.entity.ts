import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Branch } from '@app/branches';

/** A person the campaign knows. Sensitive: see DESIGN.md §5. */
@Entity('member')
@Unique('member_email_key', ['email'])
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** citext: unique and compared case-insensitively by Postgres itself. */
  @Column('citext')
  email!: string;

  @Column('text')
  fullName!: string;

  @Column('text', { nullable: true })
  postcode!: string | null;

  @Index('member_branch_id_idx')
  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'member_branch_id_fkey' })
  branch?: Branch | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
