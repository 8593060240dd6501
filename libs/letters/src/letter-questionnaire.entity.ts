import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { LetterCampaign } from './letter-campaign.entity';
import { Letter } from './letter.entity';

export const REPLIED = ['YES', 'NOT_YET', 'NO'] as const;
export type Replied = (typeof REPLIED)[number];

export const STANCES = ['SUPPORTIVE', 'OPPOSED', 'NON_COMMITTAL'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * "Did you get a reply?": one per supporter per campaign, mailed once their letters have been sent
 * (LETTER_QUESTIONNAIRE_AFTER), reminded once if unanswered. It holds no personal data: the letters
 * it asks about point to it, and the address it was mailed to is theirs. Its links are stored hashed;
 * the reminder carries a link of its own, and both stay good so an answer can be changed later.
 */
@Entity('letter_questionnaire')
@Index('letter_questionnaire_token_idx', ['tokenHash'])
@Index('letter_questionnaire_reminder_token_idx', ['reminderTokenHash'])
@Index('letter_questionnaire_reminder_due_idx', ['createdAt'], {
  where: '"answered_at" IS NULL AND "reminder_sent_at" IS NULL',
})
export class LetterQuestionnaire {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  campaignId!: string;

  @ManyToOne(() => LetterCampaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'letter_questionnaire_campaign_id_fkey' })
  campaign?: LetterCampaign;

  @Column('text')
  tokenHash!: string;

  @Column('text', { nullable: true })
  reminderTokenHash!: string | null;

  @Column('timestamptz', { nullable: true })
  reminderSentAt!: Date | null;

  /** When last answered (an answer can be changed while the link is good). */
  @Column('timestamptz', { nullable: true })
  answeredAt!: Date | null;

  /** When the first email was queued. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A supporter's answer about one letter: whether the recipient replied, what they said, and the
 * reply's words if the supporter chose to share them (never public; scrubbed with the letter).
 */
@Entity('letter_answer')
export class LetterAnswer {
  @PrimaryColumn('uuid')
  letterId!: string;

  @ManyToOne(() => Letter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'letter_id', foreignKeyConstraintName: 'letter_answer_letter_id_fkey' })
  letter?: Letter;

  @Column('text')
  replied!: Replied;

  @Column('text', { nullable: true })
  stance!: Stance | null;

  @Column('text', { nullable: true })
  replyText!: string | null;

  @Column('timestamptz')
  answeredAt!: Date;
}
