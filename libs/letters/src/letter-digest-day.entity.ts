import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A recipient's digest for a campaign on one digest day (Europe/London): the mark that makes it one
 * a day. A scheduled run leaves a group that already has today's mark for the next day's digest.
 */
@Entity('letter_digest_day')
export class LetterDigestDay {
  @PrimaryColumn('uuid')
  campaignId!: string;

  @PrimaryColumn('uuid')
  targetId!: string;

  /** The London date of the digest time the digest was made for. */
  @PrimaryColumn('date')
  day!: string;

  /** The digest's outbox message; the mark goes if the digest is cancelled (an erasure). */
  @Column('uuid', { nullable: true })
  digestMessageId!: string | null;
}
