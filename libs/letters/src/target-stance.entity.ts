import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Target } from '@app/targets';
import { LetterCampaign } from './letter-campaign.entity';
import type { Stance } from './letter-questionnaire.entity';

/**
 * Where a target stands on a campaign, as an organiser verified it (a reply, a vote, a statement),
 * with its source and date. Append-only: the latest by `statedAt` is the target's stance, the rest
 * its history.
 */
@Entity('target_stance')
@Index('target_stance_campaign_target_idx', ['campaignId', 'targetId', 'statedAt'])
export class TargetStance {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  campaignId!: string;

  @ManyToOne(() => LetterCampaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'target_stance_campaign_id_fkey' })
  campaign?: LetterCampaign;

  @Column('uuid')
  targetId!: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'target_stance_target_id_fkey' })
  target?: Target;

  @Column('text')
  stance!: Stance;

  /** Where it was stated: "Reply to the campaign, 3 March", "Holyrood debate", a link… */
  @Column('text')
  source!: string;

  @Column('text', { default: '' })
  note!: string;

  @Column('timestamptz')
  statedAt!: Date;

  /** The organiser who recorded it (a member id; kept if they leave). */
  @Column('uuid', { nullable: true })
  recordedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
