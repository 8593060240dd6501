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

/**
 * A named set of Scottish Parliament boundaries (e.g. "sp2011", "sp2026"). Boundaries change after
 * reviews, so they are data; one set is active at a time.
 */
@Entity('geography_set')
@Unique('geography_set_name_key', ['name'])
@Index('geography_set_one_active', ['active'], { unique: true, where: '"active"' })
export class GeographySet {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('boolean', { default: false })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('region')
@Unique('region_set_code_key', ['setId', 'code'])
export class Region {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  setId!: string;

  @ManyToOne(() => GeographySet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id', foreignKeyConstraintName: 'region_set_id_fkey' })
  set?: GeographySet;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;
}

@Entity('constituency')
@Unique('constituency_set_code_key', ['setId', 'code'])
export class Constituency {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  setId!: string;

  @ManyToOne(() => GeographySet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id', foreignKeyConstraintName: 'constituency_set_id_fkey' })
  set?: GeographySet;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('uuid')
  regionId!: string;

  @ManyToOne(() => Region, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'constituency_region_id_fkey' })
  region?: Region;
}

/** Which constituency a postcode lies in, within one geography set. */
@Entity('postcode_constituency')
export class PostcodeConstituency {
  @Column('uuid', { primary: true })
  setId!: string;

  @Column('text', { primary: true })
  postcode!: string;

  @ManyToOne(() => GeographySet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id', foreignKeyConstraintName: 'postcode_constituency_set_id_fkey' })
  set?: GeographySet;

  @Column('text')
  constituencyCode!: string;
}
