import { createHash } from 'node:crypto';
import { DatabaseError, type Pool, type QueryResultRow } from 'pg';
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
 * Not for use through a pooler in transaction mode that does not track prepared statements. A
 * migration that changes the columns such a statement returns needs the api and worker restarted
 * after it (as a deploy does): a prepared statement's result columns cannot change under it.
 */
export async function preparedQuery<T extends QueryResultRow>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const name = nameOf(text);
  // On a client of its own, not Pool.query: that passes a callback, which the pool's guarded
  // client (dataSourceOptions) does not watch for lost answers.
  const client = await pool.connect();
  // A connection that breaks while held says so as an 'error' event too (the query fails with it):
  // heard here, or it would be unhandled. The pool listens again once it is back.
  const broken = (): void => undefined;
  client.on('error', broken);
  try {
    const result = await client.query<T>(name === undefined ? { text, values } : { name, text, values });
    client.removeListener('error', broken);
    client.release();
    return result.rows;
  } catch (error) {
    client.removeListener('error', broken);
    // PostgreSQL's refusal leaves the connection as it was; anything else (an answer lost, the
    // connection closed) and the pool must not hand it out again.
    client.release(error instanceof DatabaseError ? undefined : (error as Error));
    throw error;
  }
}
