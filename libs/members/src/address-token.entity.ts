import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const ADDRESS_TOKEN_PURPOSES = ['data-export', 'erasure'] as const;
export type AddressTokenPurpose = (typeof ADDRESS_TOKEN_PURPOSES)[number];

/**
 * A data-rights link for an address with no member record of its own (a petition signer or letter
 * writer who never joined), stored only as its SHA-256. It holds the address for the link's 24
 * hours; the retention job removes it once expired.
 */
@Entity('address_token')
@Unique('address_token_hash_key', ['tokenHash'])
export class AddressToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  purpose!: AddressTokenPurpose;

  @Column('text')
  tokenHash!: string;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
