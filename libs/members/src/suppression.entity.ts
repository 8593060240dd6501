import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Addresses whose owners had their data erased, kept only as a SHA-256 of the lower-cased address,
 * so an import cannot bring them back.
 */
@Entity('suppression')
export class Suppression {
  @PrimaryColumn('text')
  emailHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
