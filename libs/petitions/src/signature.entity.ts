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
import { Petition } from './petition.entity';

export const SIGNATURE_STATUSES = ['PENDING', 'CONFIRMED', 'SUSPECT'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

/**
 * One person's signature. It counts only once CONFIRMED by the emailed link; SUSPECT ones (over the
 * per-address limits) are kept, never counted and never confirmable.
 */
@Entity('signature')
@Unique('signature_petition_email_key', ['petitionId', 'emailCanonical'])
@Unique('signature_confirm_token_key', ['confirmTokenHash'])
@Index('signature_petition_status_idx', ['petitionId', 'status', 'confirmedAt'])
@Index('signature_petition_ip_idx', ['petitionId', 'ipHash', 'createdAt'])
export class Signature {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  petitionId!: string;

  @ManyToOne(() => Petition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'petition_id', foreignKeyConstraintName: 'signature_petition_id_fkey' })
  petition?: Petition;

  @Column('text')
  fullName!: string;

  @Column('text')
  email!: string;

  /** Lower case; without dots and +tags where the provider ignores them. One signature each. */
  @Column('text')
  emailCanonical!: string;

  @Column('text', { nullable: true })
  postcode!: string | null;

  /** "EH1": public in counts, and with the first name when the person chose to be shown. */
  @Column('text', { nullable: true })
  postcodeDistrict!: string | null;

  /**
   * The Scottish Parliament constituency of the postcode, looked up on confirming; null when the
   * postcode is outside Scotland or unknown, or the lookup failed. Kept when the signer is erased.
   */
  @Column('text', { nullable: true })
  constituencyCode!: string | null;

  @Column('boolean', { default: false })
  showName!: boolean;

  /** Asked for campaign email: they become a member (with consent recorded) once they confirm. */
  @Column('boolean', { default: false })
  emailOptIn!: boolean;

  @Column('text', { default: 'PENDING' })
  status!: SignatureStatus;

  /**
   * HMAC-SHA-256 (keyed with ADDRESS_HASH_KEY) of the client address's group, for the fraud limits
   * only; forgotten after a week.
   */
  @Column('text', { nullable: true })
  ipHash!: string | null;

  @Column('text', { nullable: true })
  confirmTokenHash!: string | null;

  /**
   * Links mailed earlier for this signature, still good: a repeat after REPEAT_WINDOW_SECONDS
   * mails a new link, and the ones already sent keep working until one is used.
   */
  @Column('text', { array: true, default: () => `'{}'` })
  @Index('signature_earlier_token_hashes_idx', { synchronize: false }) // GIN, made by the migration
  earlierTokenHashes!: string[];

  @Column('int', { default: 0 })
  alreadySignedMails!: number;

  @Column('timestamptz', { nullable: true })
  confirmedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
