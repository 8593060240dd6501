import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';
import { ENTITIES, MIGRATIONS } from '@app/migrations';
import { createDatabase, dropDatabase } from '../support/test-system';

describe('migrations', () => {
  let database: { name: string; url: string };
  let db: DataSource;

  beforeAll(async () => {
    database = await createDatabase();
    db = new DataSource(dataSourceOptions(database.url, ENTITIES, MIGRATIONS));
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabase(database.name);
  });

  it('apply to an empty database, and the entities agree with them (no pending changes)', async () => {
    const applied = await db.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));

    const drift = await db.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert cleanly, and apply again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) {
      await db.undoLastMigration({ transaction: 'each' });
    }
    const tables = await db.query<Array<{ tablename: string }>>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'`,
    );
    expect(tables).toEqual([]);
    expect(await db.runMigrations({ transaction: 'each' })).toHaveLength(MIGRATIONS.length);
  });
});
