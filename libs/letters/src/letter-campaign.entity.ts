import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Branch } from '@app/branches';
import { Target } from '@app/targets';

export const LETTER_CAMPAIGN_STATUSES = ['DRAFT', 'OPEN', 'CLOSED'] as const;
export type LetterCampaignStatus = (typeof LETTER_CAMPAIGN_STATUSES)[number];

/** Who a letter campaign writes to. */
export const TARGETINGS = ['MY_MSPS', 'MY_CONSTITUENCY_MSP', 'MY_REGIONAL_MSPS', 'SELECTED_TARGETS'] as const;
export type Targeting = (typeof TARGETINGS)[number];

/** What happens to letters that copy others: sent one by one, or gathered in a daily digest. */
export const NEAR_COPY_HANDLINGS = ['DELIVER', 'DIGEST'] as const;
export type NearCopyHandling = (typeof NEAR_COPY_HANDLINGS)[number];

/**
 * "Mail your representative": a subject and body template and who it goes to. Branch-less campaigns
 * are national and belong to admins.
 */
@Entity('letter_campaign')
@Unique('letter_campaign_slug_key', ['slug'])
export class LetterCampaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  slug!: string;

  @Column('text')
  title!: string;

  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'letter_campaign_branch_id_fkey' })
  branch?: Branch | null;

  @Column('text')
  targeting!: Targeting;

  @Column('text')
  subjectTemplate!: string;

  @Column('text')
  bodyTemplate!: string;

  /** A body left as the template (ignoring whitespace) is refused. */
  @Column('boolean', { default: false })
  requirePersonalisation!: boolean;

  @Column('text', { default: 'DRAFT' })
  status!: LetterCampaignStatus;

  /** DIGEST: letters whose near-copy score is above the threshold wait for the daily digest. */
  @Column('text', { default: 'DELIVER' })
  nearCopies!: NearCopyHandling;

  @Column('real', { default: () => '0.8' })
  nearCopyThreshold!: number;

  @Column('uuid', { nullable: true })
  createdById!: string | null;

  @Column('timestamptz', { nullable: true })
  openedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** The fixed recipients of a SELECTED_TARGETS campaign. */
@Entity('letter_campaign_target')
export class LetterCampaignTarget {
  @PrimaryColumn('uuid')
  campaignId!: string;

  @PrimaryColumn('uuid')
  targetId!: string;

  @ManyToOne(() => LetterCampaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'letter_campaign_target_campaign_id_fkey' })
  campaign?: LetterCampaign;

  @ManyToOne(() => Target, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'letter_campaign_target_target_id_fkey' })
  target?: Target;
}
