import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Branch } from '@app/branches';
import { Member } from '@app/members';

export const VENUE_KINDS = ['CLUB', 'BAR', 'LIVE_MUSIC', 'FESTIVAL', 'STUDENT_UNION', 'OTHER'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

/** A club, bar, festival or student union, registered by its owner or manager. */
@Entity('venue')
@Index('venue_branch_idx', ['branchId'])
@Index('venue_owner_idx', ['ownerId'])
export class Venue {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: VenueKind;

  @Column('text')
  address!: string;

  @Column('text')
  postcode!: string;

  /** The public area of the venue ("EH1"). */
  @Column('text')
  postcodeDistrict!: string;

  @Column('text', { nullable: true })
  website!: string | null;

  @Column('text', { nullable: true })
  licenceNumber!: string | null;

  /**
   * The venue's public contact address: the one letter campaigns write to when they target venues.
   * Never the owner's own address unless they give it here.
   */
  @Column('text', { nullable: true })
  publicEmail!: string | null;

  /** The branch whose area covers the postcode (null: none yet; admins handle those). */
  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'venue_branch_id_fkey' })
  branch?: Branch | null;

  /** The person who registered it: a member, who signs in to manage the venue. */
  @Column('uuid')
  ownerId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'venue_owner_id_fkey' })
  owner?: Member;

  /** Their role at the venue ("owner", "general manager"). */
  @Column('text')
  ownerRole!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
