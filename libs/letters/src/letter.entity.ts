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
import { Target } from '@app/targets';
import { LetterCampaign } from './letter-campaign.entity';

export const LETTER_STATUSES = ['AWAITING_CONFIRMATION', 'QUEUED', 'SENT', 'FAILED'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/**
 * One supporter's message to one target under a campaign: confirmed by the supporter by email, then
 * queued, sent and tracked. One per supporter, target and campaign (a database constraint).
 */
@Entity('letter')
@Unique('letter_campaign_target_email_key', ['campaignId', 'targetId', 'emailCanonical'])
@Unique('letter_outbox_message_key', ['outboxMessageId'])
@Index('letter_confirm_token_idx', ['confirmTokenHash'])
@Index('letter_status_key_idx', ['statusKeyHash'])
@Index('letter_campaign_status_idx', ['campaignId', 'status'])
@Index('letter_target_status_idx', ['targetId', 'status'])
@Index('letter_campaign_target_created_idx', ['campaignId', 'targetId', 'createdAt'])
// The near-copy check's sample of confirmed letters (LetterRepository.recentSignatures).
@Index('letter_confirmed_sample_idx', ['campaignId', 'targetId', 'createdAt'], {
  where: `"minhash" IS NOT NULL AND "status" <> 'AWAITING_CONFIRMATION'`,
})
@Index('letter_digest_waiting_idx', ['queuedAt'], {
  where: `"in_digest" AND "status" = 'QUEUED' AND "digest_message_id" IS NULL`,
})
@Index('letter_queued_writer_idx', ['campaignId', 'emailCanonical'], { where: `"status" = 'QUEUED'` })
@Index('letter_asked_writer_idx', ['campaignId', 'emailCanonical', 'questionnaireId'], {
  where: '"questionnaire_id" IS NOT NULL',
})
@Index('letter_questionnaire_due_idx', ['sentAt'], { where: '"questionnaire_id" IS NULL' })
export class Letter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  campaignId!: string;

  @ManyToOne(() => LetterCampaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'letter_campaign_id_fkey' })
  campaign?: LetterCampaign;

  @Column('uuid')
  targetId!: string;

  @ManyToOne(() => Target, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'letter_target_id_fkey' })
  target?: Target;

  @Column('text')
  fullName!: string;

  @Column('text')
  email!: string;

  /** Lower case; without dots and +tags where the provider ignores them. */
  @Column('text')
  emailCanonical!: string;

  @Column('text')
  postcode!: string;

  /** As sent: the supporter's words with the placeholders filled in for this target. */
  @Column('text')
  subject!: string;

  @Column('text')
  body!: string;

  /** How much of the body is the supporter's own words (0–1). */
  @Column('real', { default: 0 })
  personalisedShare!: number;

  /**
   * The MinHash signature of the body (near-copy.ts), compared with later letters to the same
   * recipient under the campaign; null for letters written before near-copy scores.
   */
  @Column('int', { array: true, nullable: true })
  minhash!: number[] | null;

  /** How close the body is to the closest earlier letter to the same recipient (0–1), when written. */
  @Column('real', { nullable: true })
  nearCopyScore!: number | null;

  /** Confirmed under a DIGEST campaign above its threshold: waits for the recipient's daily digest. */
  @Column('boolean', { default: false })
  inDigest!: boolean;

  /** The digest's outbox message, once the letter is in one (many letters share it). */
  @Column('uuid', { nullable: true })
  @Index('letter_digest_message_idx')
  digestMessageId!: string | null;

  /** Asked for campaign email: they become a member (with consent recorded) once they confirm. */
  @Column('boolean', { default: false })
  emailOptIn!: boolean;

  @Column('text', { default: 'AWAITING_CONFIRMATION' })
  status!: LetterStatus;

  /** Shared by the letters one writing created; cleared once confirmed. */
  @Column('text', { nullable: true })
  confirmTokenHash!: string | null;

  /**
   * Links mailed earlier for these same words, still good: writing the same letter again after
   * REPEAT_WINDOW_SECONDS mails a new link and the ones already sent keep working (changed words
   * drop them: a link sends only the words its email showed).
   */
  @Column('text', { array: true, default: () => `'{}'` })
  @Index('letter_earlier_token_hashes_idx', { synchronize: false }) // GIN, made by the migration
  earlierTokenHashes!: string[];

  /**
   * Set when confirmed: the hash of the key to this writing's delivery-status page, a key derived
   * from the confirmation link and shown only to the person who confirmed. Cleared on erasure.
   */
  @Column('text', { nullable: true })
  statusKeyHash!: string | null;

  /** "Already written" emails this letter has caused (capped). */
  @Column('int', { default: 0 })
  repeatMails!: number;

  @Column('uuid', { nullable: true })
  outboxMessageId!: string | null;

  /** The "did you get a reply?" questionnaire that asks about this letter, once sent. */
  @Column('uuid', { nullable: true })
  @Index('letter_questionnaire_idx')
  questionnaireId!: string | null;

  @Column('timestamptz', { nullable: true })
  queuedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  @Column('text', { nullable: true })
  smtpMessageId!: string | null;

  @Column('text', { nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
