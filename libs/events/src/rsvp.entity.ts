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

/**
 * One person's place (or place in the queue) at an event, with what they gave when they replied
 * (or were registered at the door): that is what the event's organisers see, never the member
 * record's own name. One reply per person and event, the address compared in canonical form.
 */
@Entity('rsvp')
@Unique('rsvp_event_member_key', ['eventId', 'memberId'])
@Unique('rsvp_event_email_key', ['eventId', 'emailCanonical'])
@Unique('rsvp_cancel_token_key', ['cancelTokenHash'])
@Unique('rsvp_check_in_code_key', ['checkInCodeHash'])
@Index('rsvp_event_status_idx', ['eventId', 'status', 'queuedAt'])
export class Rsvp {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => CampaignEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'rsvp_event_id_fkey' })
  event?: CampaignEvent;

  /**
   * The event's branch's record of the person (BranchRecordsService); another branch's only once
   * the person confirmed by email that the reply is theirs.
   */
  @Column('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'rsvp_member_id_fkey' })
  member?: Member;

  /** The name given with this reply. */
  @Column('text')
  fullName!: string;

  /** The address given with this reply, as given; the event's mail about it goes here. */
  @Column('citext')
  email!: string;

  /** `canonicalEmail(email)`: the same person replying twice gets one reply. */
  @Column('text')
  emailCanonical!: string;

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

  /**
   * SHA-256 of the check-in code in the QR of the "you are going" email (null until one is mailed).
   * Only an organiser of the event's branch can check someone in with it.
   */
  @Column('text', { nullable: true })
  checkInCodeHash!: string | null;

  @Column('boolean', { default: false })
  walkIn!: boolean;

  @Column('timestamptz', { nullable: true })
  checkedInAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  reminderSentAt!: Date | null;

  /** Emails sent to say "you had already replied" (at most three, so nobody can flood an inbox). */
  @Column('integer', { default: 0 })
  repeatNotices!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
