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
import { Venue } from './venue.entity';

export const PLEDGE_STATUSES = [
  'AWAITING_CONFIRMATION',
  'SUBMITTED',
  'VERIFIED',
  'CHANGES_REQUESTED',
  'REJECTED',
  'LAPSED',
] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** A venue's pledge: the commitments it makes, and where verification stands. One per venue. */
@Entity('pledge')
@Unique('pledge_venue_key', ['venueId'])
@Unique('pledge_confirm_token_key', ['confirmTokenHash'])
@Index('pledge_status_expires_idx', ['status', 'expiresAt'])
export class Pledge {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  venueId!: string;

  @ManyToOne(() => Venue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id', foreignKeyConstraintName: 'pledge_venue_id_fkey' })
  venue?: Venue;

  @Column('text')
  status!: PledgeStatus;

  /** Codes from the commitment catalogue. */
  @Column('text', { array: true })
  commitments!: string[];

  @Column('text', { default: '' })
  notes!: string;

  @Column('text', { nullable: true })
  confirmTokenHash!: string | null;

  @Column('timestamptz', { nullable: true })
  verifiedAt!: Date | null;

  /** A verified pledge lasts a year unless renewed. */
  @Column('timestamptz', { nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  reminded30At!: Date | null;

  @Column('timestamptz', { nullable: true })
  reminded7At!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
