import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A row as PostgreSQL returned it (`RETURNING *`, snake_case column names) as the entity TypeORM
 * would have loaded, each column converted as TypeORM converts it when it reads (dates, arrays,
 * transformers). For a write that returns its row rather than reading it back in a second
 * statement. Columns the row lacks are left unset.
 */
export function returnedEntity<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in row) {
      column.setEntityValue(
        entity,
        manager.connection.driver.prepareHydratedValue(row[column.databaseName], column),
      );
    }
  }
  return entity;
}
