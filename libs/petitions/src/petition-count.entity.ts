import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Petition } from './petition.entity';

/**
 * Confirmed signatures, counted in several rows per petition so that thousands of confirmations a
 * minute do not queue on one row: each confirmation adds one to a random shard; the count is the sum.
 */
@Entity('petition_count')
export class PetitionCount {
  @PrimaryColumn('uuid')
  petitionId!: string;

  @PrimaryColumn('smallint')
  shard!: number;

  @ManyToOne(() => Petition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'petition_id', foreignKeyConstraintName: 'petition_count_petition_id_fkey' })
  petition?: Petition;

  @Column('int', { default: 0 })
  count!: number;
}

export const COUNT_SHARDS = 16;
