import type { QueryRunner } from 'typeorm';

/**
 * Lifts statement_timeout on one connection, for an export streamed through a cursor: PostgreSQL
 * counts the whole cursor as one statement, and it lasts as long as the reader takes. Returns what
 * puts the limit back; call it before releasing the runner.
 */
export async function liftStatementTimeout(runner: QueryRunner): Promise<() => Promise<void>> {
  await runner.query('SET statement_timeout = 0');
  return async () => {
    // A connection that broke mid-stream leaves the pool anyway.
    await runner.query('RESET statement_timeout').catch(() => undefined);
  };
}
