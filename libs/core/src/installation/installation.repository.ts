import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Every statement about the `installation` table. Raw: the CLI reads it before `migrate` has made
 * the table, and raw SQL works without the entity's metadata being checked against it.
 */
@Injectable()
export class InstallationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The oldest installation's id (the one that counts when, oddly, there are several). */
  async oldestId(): Promise<string | undefined> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM installation ORDER BY created_at, id LIMIT 1',
    );
    return row?.id;
  }

  /** Adds a row with a new id (the columns' defaults). */
  async add(): Promise<void> {
    await this.dataSource.query('INSERT INTO installation DEFAULT VALUES');
  }
}
