import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Beyond this many different statements, the rest run unnamed (text that varies must not pile up). */
const MAX_NAMED = 500;

const names = new Map<string, string>();

/** The prepared statement's name for `text`: the same text, the same name, in every process. */
function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `crm_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs one statement as a named prepared statement on the pool's connection (node-postgres parses
 * it once per connection and afterwards sends only its name and values), and returns its rows.
 *
 * For the public actions' hot statements, run many times a second with the same text: an unnamed
 * statement is sent, parsed, analysed and planned by PostgreSQL every time, which was a fifth of
 * PostgreSQL's CPU for a signing (docs/performance.md, the sixth round). The text must not carry
 * values (they go in `values`); a text that varies from call to call gets a name of its own each
 * time, up to MAX_NAMED, and then runs unnamed. Rows are as node-postgres returns them (no entity
 * conversion), as `DataSource.query` returns them for a SELECT or a statement with RETURNING.
 *
 * Not for use through a pooler in transaction mode that does not track prepared statements.
 */
export async function preparedQuery<T extends QueryResultRow>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const name = nameOf(text);
  const result = await pool.query<T>(name === undefined ? { text, values } : { name, text, values });
  return result.rows;
}
