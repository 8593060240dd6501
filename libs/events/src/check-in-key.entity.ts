import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CampaignEvent } from './event.entity';
import { Rsvp } from './rsvp.entity';

/**
 * A check-in (or walk-in) as the door phone sent it, by the idempotency key the phone made for it:
 * the primary key makes a replayed request the same check-in, answered with the same RSVP.
 */
@Entity('check_in_key')
@Index('check_in_key_rsvp_id_idx', ['rsvpId'])
export class CheckInKey {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'check_in_key_pkey' })
  idempotencyKey!: string;

  @Column('uuid')
  eventId!: string;

  @ManyToOne(() => CampaignEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'check_in_key_event_id_fkey' })
  event?: CampaignEvent;

  @Column('uuid')
  rsvpId!: string;

  @ManyToOne(() => Rsvp, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rsvp_id', foreignKeyConstraintName: 'check_in_key_rsvp_id_fkey' })
  rsvp?: Rsvp;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
