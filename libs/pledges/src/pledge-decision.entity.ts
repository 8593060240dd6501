import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Pledge } from './pledge.entity';

/** Every step in a pledge's life, with who took it and when: the full history. */
@Entity('pledge_decision')
@Index('pledge_decision_pledge_idx', ['pledgeId', 'createdAt'])
export class PledgeDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  pledgeId!: string;

  @ManyToOne(() => Pledge, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pledge_id', foreignKeyConstraintName: 'pledge_decision_pledge_id_fkey' })
  pledge?: Pledge;

  /** REGISTERED, CONFIRMED, VERIFIED, REJECTED, CHANGES_REQUESTED, COMMITMENTS_CHANGED, RENEWED, LAPSED. */
  @Column('text')
  action!: string;

  /** The member who acted (owner or organiser); null for the system (lapsing). */
  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text', { default: '' })
  note!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
