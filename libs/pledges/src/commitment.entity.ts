import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One harm-reduction commitment a venue can pledge. Retired ones stay on the pledges that have them. */
@Entity('pledge_commitment')
export class Commitment {
  @PrimaryColumn('text')
  code!: string;

  @Column('text')
  title!: string;

  @Column('text')
  description!: string;

  @Column('int', { default: 0 })
  sortOrder!: number;

  @Column('timestamptz', { nullable: true })
  retiredAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
