import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A public request seen lately, as a keyed hash of what it asked (see `isFirstRequest`). Kept only
 * for REPEAT_WINDOW_SECONDS: the worker forgets older ones.
 */
@Entity('recent_request')
@Index('recent_request_seen_at_idx', ['seenAt'])
export class RecentRequest {
  @PrimaryColumn('text')
  key!: string;

  @Column('timestamptz', { default: () => 'now()' })
  seenAt!: Date;
}
