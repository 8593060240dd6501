import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The id of this installation, from its database: read once, when first needed. */
@Injectable()
export class InstallationIdentity {
  private cached?: Promise<string>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Read lazily: the CLI builds this before `migrate` has made the table. */
  id(): Promise<string> {
    this.cached ??= this.load().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  private async load(): Promise<string> {
    const read = () =>
      this.dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM installation ORDER BY created_at, id LIMIT 1',
      );
    const [row] = await read();
    if (row) {
      return row.id;
    }
    // The migration makes the row; should it be gone, any new id will do (the oldest one wins).
    await this.dataSource.query('INSERT INTO installation DEFAULT VALUES');
    return (await read())[0].id;
  }
}

/** An id short enough for a log line and still telling installations apart. */
export function shortInstallationId(id: string): string {
  return id.slice(0, 8);
}
