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
import { CampaignEvent } from './event.entity';

export const RSVP_STATUSES = ['GOING', 'WAITLISTED', 'CANCELLED'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** One person's place (or place in the queue) at an event. */
@Entity('rsvp')
@Unique('rsvp_event_member_key', ['eventId', 'memberId'])
@Unique('rsvp_cancel_token_key', ['cancelTokenHash'])
@Index('rsvp_event_status_idx', ['eventId', 'status', 'queuedAt'])
export class Rsvp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => CampaignEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'rsvp_event_id_fkey' })
  event?: CampaignEvent;

  @Column('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'rsvp_member_id_fkey' })
  member?: Member;

  @Column('text')
  status!: RsvpStatus;

  /** When the person asked: the waitlist is served in this order. */
  @Column('timestamptz')
  queuedAt!: Date;

  /** SHA-256 of the token in the cancel link. */
  @Column('text')
  cancelTokenHash!: string;

  /**
   * Cancel links mailed earlier for this same reply, still good (moving up from the waitlist mails
   * a new one; the "you are on the waiting list" email's link keeps working).
   */
  @Column('text', { array: true, default: () => `'{}'` })
  @Index('rsvp_earlier_cancel_token_hashes_idx', { synchronize: false }) // GIN, made by the migration
  earlierCancelTokenHashes!: string[];

  @Column('boolean', { default: false })
  walkIn!: boolean;

  @Column('timestamptz', { nullable: true })
  checkedInAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  reminderSentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
