import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Branch } from '@app/branches';

export const TARGET_KINDS = [
  'MSP_CONSTITUENCY',
  'MSP_REGIONAL',
  'MP',
  'COUNCILLOR',
  'INSTITUTION',
  'INDUSTRY_BODY',
  'VENUE',
] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export const DELIVERY_STATUSES = ['OK', 'BOUNCING', 'BLOCKED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const MSP_KINDS: readonly TargetKind[] = ['MSP_CONSTITUENCY', 'MSP_REGIONAL'];

/** Seats per constituency and per region of the Scottish Parliament. */
export const MSP_SEATS = { MSP_CONSTITUENCY: 1, MSP_REGIONAL: 7 } as const;

/**
 * Someone the campaign writes to. Re-importing updates by email + kind. A constituency has one
 * active MSP (the database refuses a second); a region's seven are kept by the imports (MspSeats).
 */
@Entity('target')
@Unique('target_email_kind_key', ['email', 'kind'])
@Index('target_constituency_idx', ['kind', 'constituencyCode'])
@Index('target_one_constituency_msp', ['constituencyCode'], {
  unique: true,
  where: `"active" AND "kind" = 'MSP_CONSTITUENCY'`,
})
@Index('target_region_idx', ['kind', 'regionCode'])
export class Target {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  kind!: TargetKind;

  @Column('text')
  name!: string;

  @Column('text', { default: '' })
  title!: string;

  @Column('text', { default: '' })
  organisation!: string;

  @Column('citext')
  email!: string;

  @Column('text', { nullable: true })
  party!: string | null;

  @Column('text', { nullable: true })
  constituencyCode!: string | null;

  @Column('text', { nullable: true })
  regionCode!: string | null;

  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'target_branch_id_fkey' })
  branch?: Branch | null;

  @Column('boolean', { default: true })
  active!: boolean;

  /** So one bad address never stalls a queue: bouncing and blocked addresses are not written to. */
  @Column('text', { default: 'OK' })
  deliveryStatus!: DeliveryStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
