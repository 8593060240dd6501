import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Branch } from '@app/branches';

export const PETITION_STATUSES = ['DRAFT', 'OPEN', 'CLOSED', 'DELIVERED'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** A petition to a named target. Branch-less petitions are national and belong to admins. */
@Entity('petition')
@Unique('petition_slug_key', ['slug'])
@Check('petition_goal', `"goal" > 0`)
export class Petition {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  slug!: string;

  @Column('text')
  title!: string;

  @Column('text')
  summary!: string;

  @Column('text')
  body!: string;

  @Column('text')
  targetName!: string;

  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'petition_branch_id_fkey' })
  branch?: Branch | null;

  @Column('int')
  goal!: number;

  @Column('timestamptz', { nullable: true })
  closesAt!: Date | null;

  @Column('text', { default: 'DRAFT' })
  status!: PetitionStatus;

  @Column('timestamptz', { nullable: true })
  openedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;

  @Column('text', { nullable: true })
  deliveryNote!: string | null;

  /** The highest of 25/50/75/100 % of the goal the organisers have been told about. */
  @Column('int', { default: 0 })
  lastMilestone!: number;

  @Column('uuid', { nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
