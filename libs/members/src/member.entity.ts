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

/**
 * A person the campaign knows. Sensitive: see DESIGN.md §5.
 *
 * Each address has one record of its own (`provisional` false). A branch can also hold a
 * provisional record of an address the campaign already knows elsewhere: made when its organisers
 * add, import or register someone at the door, or someone replies to its event, with that address.
 * It holds only what was given there, so nothing of the person's own record is revealed or changed,
 * and it looks to the branch like anybody new. It joins the person's own record only when they
 * confirm by email (`BranchRecordsService`).
 */
@Entity('member')
@Index('member_email_key', ['email'], { unique: true, where: 'NOT "provisional"' })
@Index('member_provisional_key', ['branchId', 'email'], { unique: true, where: '"provisional"' })
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** citext: unique and compared case-insensitively by Postgres itself. */
  @Column('citext')
  email!: string;

  @Column('text')
  fullName!: string;

  @Column('text', { nullable: true })
  postcode!: string | null;

  @Index('member_branch_id_idx')
  @Column('uuid', { nullable: true })
  branchId!: string | null;

  @ManyToOne(() => Branch, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'member_branch_id_fkey' })
  branch?: Branch | null;

  /** Wants campaign email. Every change is also a ConsentRecord. Mail goes only once confirmed. */
  @Column('boolean', { default: false })
  emailOptIn!: boolean;

  /** When the person proved the address is theirs (null for organiser-added people). */
  @Column('timestamptz', { nullable: true })
  emailConfirmedAt!: Date | null;

  /**
   * When a mail server refused the address outright (SMTP 5xx to RCPT TO on a campaign email): no
   * further campaign email goes to it.
   */
  @Column('timestamptz', { nullable: true })
  emailBouncingAt!: Date | null;

  /** A branch's separate record of an address known elsewhere (see above). Never shown in the API. */
  @Column('boolean', { default: false })
  provisional!: boolean;

  /** Free labels organisers use to group people ("volunteer", "naloxone-trained"), lower case. */
  @Column('text', { array: true, default: () => `'{}'` })
  tags!: string[];

  @Column('timestamptz', { nullable: true })
  archivedAt!: Date | null;

  /** Set when the person had their data erased: the row stays (so counts stay right), anonymised. */
  @Column('timestamptz', { nullable: true })
  erasedAt!: Date | null;

  /** Joined, added or imported at. */
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
