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

/** Proof that a person attended a training, valid for a number of months. */
@Entity('certificate')
@Unique('certificate_member_event_key', ['memberId', 'eventId'])
@Index('certificate_valid_until_idx', ['validUntil'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'certificate_member_id_fkey' })
  member?: Member;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => CampaignEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'certificate_event_id_fkey' })
  event?: CampaignEvent;

  @Column('text')
  trainingKind!: string;

  /** The training's date in Europe/London. */
  @Column('date')
  issuedOn!: string;

  @Column('date')
  validUntil!: string;

  @Column('timestamptz', { nullable: true })
  refresherSentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
