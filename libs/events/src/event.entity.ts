import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Branch } from '@app/branches';

export const EVENT_KINDS = ['ACTION', 'MEETING', 'TRAINING', 'STALL', 'SOCIAL'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_STATUSES = ['DRAFT', 'PUBLISHED', 'CANCELLED'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** An action, meeting, training, stall or social run by a branch. Times are UTC. */
@Entity('event')
@Index('event_branch_starts_idx', ['branchId', 'startsAt'])
@Check('event_times', `"ends_at" > "starts_at"`)
@Check('event_capacity', `"capacity" IS NULL OR "capacity" >= 0`)
@Check('event_certificate', `"certificate_valid_months" IS NULL OR "certificate_valid_months" > 0`)
export class CampaignEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  branchId!: string;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'event_branch_id_fkey' })
  branch?: Branch;

  @Column('text')
  title!: string;

  @Column('text', { default: '' })
  description!: string;

  @Column('text')
  kind!: EventKind;

  /** For trainings: what is taught ("naloxone", "overdose-response"), which certificates record. */
  @Column('text', { nullable: true })
  trainingKind!: string | null;

  @Column('timestamptz')
  startsAt!: Date;

  @Column('timestamptz')
  endsAt!: Date;

  @Column('text', { nullable: true })
  locationName!: string | null;

  @Column('text', { nullable: true })
  locationAddress!: string | null;

  @Column('text', { nullable: true })
  locationPostcode!: string | null;

  @Column('text', { nullable: true })
  onlineUrl!: string | null;

  /** Places; null means no limit. */
  @Column('int', { nullable: true })
  capacity!: number | null;

  /** RSVPs close at this time, or at the start when null. */
  @Column('timestamptz', { nullable: true })
  rsvpClosesAt!: Date | null;

  @Column('boolean', { default: false })
  isTraining!: boolean;

  @Column('int', { nullable: true })
  certificateValidMonths!: number | null;

  @Column('text', { default: 'DRAFT' })
  status!: EventStatus;

  @Column('text', { nullable: true })
  cancelMessage!: string | null;

  @Column('uuid', { nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
