import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Target } from '@app/targets';
import { Petition } from './petition.entity';

/**
 * A petition's briefing emailed to one MSP: at most one row per petition and MSP (the primary key),
 * so a briefing sent twice by accident goes once; re-sending on purpose updates the row.
 */
@Entity('petition_briefing')
export class PetitionBriefing {
  @PrimaryColumn('uuid')
  petitionId!: string;

  @PrimaryColumn('uuid')
  targetId!: string;

  @ManyToOne(() => Petition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'petition_id', foreignKeyConstraintName: 'petition_briefing_petition_id_fkey' })
  petition?: Petition;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id', foreignKeyConstraintName: 'petition_briefing_target_id_fkey' })
  target?: Target;

  /** The signers counted in the MSP's constituency or region when it was last sent. */
  @Column('int')
  signers!: number;

  /** The outbox message that carries (or carried) the latest sending. */
  @Column('uuid', { nullable: true })
  outboxMessageId!: string | null;

  @Column('int', { default: 1 })
  sendings!: number;

  @Column('uuid', { nullable: true })
  sentById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  firstSentAt!: Date;

  @Column('timestamptz')
  lastSentAt!: Date;
}
