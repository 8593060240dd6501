import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Member } from './member.entity';

export const CONSENT_SOURCES = [
  'join',
  'rsvp',
  'petition',
  'letter',
  'pledge',
  'organiser',
  'import',
  'unsubscribe',
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/**
 * One change of a member's email consent: what they were shown, what they chose, how, when.
 * Append-only: the database refuses updates (a trigger); rows go only when the member is erased.
 */
@Entity('consent_record')
@Index('consent_record_member_idx', ['memberId', 'createdAt'])
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  memberId!: string;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'consent_record_member_id_fkey' })
  member?: Member;

  @Column('boolean')
  emailOptIn!: boolean;

  /** The words the person agreed to (or the organiser recorded), as shown. */
  @Column('text')
  wording!: string;

  @Column('text')
  wordingVersion!: string;

  @Column('text')
  source!: ConsentSource;

  /** The organiser who recorded it, for organiser edits and imports. */
  @Column('uuid', { nullable: true })
  recordedById!: string | null;

  /** The mailing whose unsubscribe link made the change (source "unsubscribe" from a mailing). */
  @Column('uuid', { nullable: true })
  mailingId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
