import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to personal data, when, and how many rows. Never holds personal data itself. */
@Entity('audit_event')
@Index('audit_event_created_idx', ['createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** e.g. member.export, member.import, member.erase, role.grant, data-rights.access-request. */
  @Column('text')
  action!: string;

  /** The signed-in member who acted; null for a request by a member of the public. */
  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('uuid', { nullable: true })
  branchId!: string | null;

  /** The member (or other record) acted on, by id. */
  @Column('uuid', { nullable: true })
  subjectId!: string | null;

  @Column('int', { nullable: true })
  rowCount!: number | null;

  /** Counts and ids only (never names, emails or postcodes). */
  @Column('jsonb', { default: () => `'{}'` })
  detail!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
