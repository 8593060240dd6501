import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Branch } from '@app/branches';
import { Member } from '@app/members';
import { OutboxMessage } from '@app/mail';

export const MAILING_STATUSES = ['DRAFT', 'SCHEDULED', 'SENDING', 'PAUSED', 'SENT', 'CANCELLED'] as const;
export type MailingStatus = (typeof MAILING_STATUSES)[number];

/** Who a mailing goes to, within the people campaign email may go to (see `campaignMailConditions`). */
export interface MailingAudience {
  /** Everyone with all of these tags. */
  tags?: string[];
  /** Everyone with at least one of these tags. */
  anyTags?: string[];
  /** Joined (added, imported) after this moment (ISO 8601). */
  joinedAfter?: string;
  /** Postcode areas (the letters at the start: "DD", "G"). */
  postcodeAreas?: string[];
  /** People going to this event. */
  eventId?: string;
  /** Confirmed signers of this petition who opted in to campaign email. */
  petitionId?: string;
}

/**
 * An email from a branch's organisers to its members (or from admins to everyone: national, no
 * branch). DRAFT → SCHEDULED → SENDING → SENT, with PAUSED and CANCELLED.
 */
@Entity('mailing')
@Index('mailing_branch_created_idx', ['branchId', 'createdAt'])
@Index('mailing_due_idx', ['sendAt'], { where: `"status" = 'SCHEDULED'` })
export class Mailing {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'mailing_branch_id_fkey' })
  branch?: Branch | null;

  @Column('text')
  subject!: string;

  /** Markdown with placeholders ({{member.firstName}}); raw HTML is refused when saved. */
  @Column('text')
  body!: string;

  @Column('jsonb', { default: () => `'{}'` })
  audience!: MailingAudience;

  @Column('text', { default: 'DRAFT' })
  status!: MailingStatus;

  /** When a SCHEDULED mailing starts sending. */
  @Column('timestamptz', { nullable: true })
  sendAt!: Date | null;

  /** When sending started (the audience was fixed then). */
  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;

  /** Why it is PAUSED, when it paused itself (a run of failures); null when an organiser paused it. */
  @Column('text', { nullable: true })
  pauseReason!: string | null;

  /** Permanent failures in a row; any message sent sets it back to 0. */
  @Column('int', { default: 0 })
  consecutiveFailures!: number;

  @Column('uuid', { nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'mailing_created_by_id_fkey' })
  createdBy?: Member | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

export const RECIPIENT_STATUSES = ['PENDING', 'QUEUED', 'SENT', 'FAILED', 'BOUNCED', 'CANCELLED'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/**
 * One person a mailing goes to, written when sending starts (the audience is fixed then). The
 * primary key makes sure nobody gets the same mailing twice. PENDING → QUEUED (an outbox row is
 * written) → SENT, FAILED or BOUNCED; CANCELLED if the mailing is.
 */
@Entity('mailing_recipient')
@Index('mailing_recipient_status_idx', ['mailingId', 'status'])
@Index('mailing_recipient_member_idx', ['memberId'])
@Index('mailing_recipient_outbox_key', ['outboxMessageId'], { unique: true })
@Index('mailing_recipient_token_key', ['unsubscribeTokenHash'], { unique: true })
export class MailingRecipient {
  @PrimaryColumn('uuid')
  mailingId!: string;

  @ManyToOne(() => Mailing, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailing_id', foreignKeyConstraintName: 'mailing_recipient_mailing_id_fkey' })
  mailing?: Mailing;

  @PrimaryColumn('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'mailing_recipient_member_id_fkey' })
  member?: Member;

  @Column('text', { default: 'PENDING' })
  status!: RecipientStatus;

  @Column('uuid', { nullable: true })
  outboxMessageId!: string | null;

  @ManyToOne(() => OutboxMessage, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'outbox_message_id',
    foreignKeyConstraintName: 'mailing_recipient_outbox_message_id_fkey',
  })
  outboxMessage?: OutboxMessage | null;

  /** SHA-256 of the token in this person's unsubscribe link. */
  @Column('text', { nullable: true })
  unsubscribeTokenHash!: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  failedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  unsubscribedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
