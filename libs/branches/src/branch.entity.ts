import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A local group of the campaign, covering some postcode areas or districts. */
@Entity('branch')
@Unique('branch_slug_key', ['slug'])
@Check('branch_slug_format', `"slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
export class Branch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  slug!: string;

  @Column('text')
  name!: string;

  /** Postcode areas ("DD") or districts ("KY16") the branch covers, upper case. */
  @Column('text', { array: true, default: () => `'{}'` })
  postcodeAreas!: string[];

  @Column('text', { nullable: true })
  contactEmail!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
