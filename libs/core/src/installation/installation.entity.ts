import { CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Which installation this database belongs to: one row, made by the migration. Its id goes with
 * every job the installation queues, so a worker of another installation that shares the Redis
 * (and key prefix) by mistake never takes its work.
 */
@Entity('installation')
export class Installation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
