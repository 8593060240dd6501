import { Client, ClientConfig } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type EntityList = NonNullable<DataSourceOptions['entities']>;
type MigrationList = NonNullable<DataSourceOptions['migrations']>;

/** How long the api and the worker wait on PostgreSQL (AppConfig.database). */
export interface DatabaseTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectTimeoutMs: number;
  /** PostgreSQL's statement_timeout; 0 for none (the CLI's migrations and imports). */
  statementTimeoutMs: number;
  /** PostgreSQL's idle_in_transaction_session_timeout; 0 for none. */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive: the first probe after this much silence. */
  keepAliveMs: number;
}

/**
 * How much longer than statement_timeout we wait for an answer. PostgreSQL itself cancels a slow
 * statement and answers; an answer that has still not come is lost in the network.
 */
export const READ_TIMEOUT_GRACE_MS = 1_000;

const READ_TIMEOUT = 'Query read timeout';

/**
 * node-postgres's Client, giving up on an answer after `readTimeoutMs` (its query_timeout, here only
 * for plain queries: a cursor streams for as long as its reader takes). A connection whose answer
 * timed out may answer later or never, so it is closed and leaves the pool; the next request gets a
 * fresh one.
 */
function clientWithReadTimeout(readTimeoutMs: number): typeof Client {
  return class ClientWithReadTimeout extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      const query = this.query.bind(this) as (...args: unknown[]) => unknown;
      this.query = ((...args: unknown[]) => {
        const [text, values, callback] = args;
        if (typeof text !== 'string' || typeof values === 'function' || callback !== undefined) {
          return query(...args);
        }
        const answer = query({ text, values, query_timeout: readTimeoutMs }) as Promise<unknown>;
        return answer.catch((error: unknown) => {
          if (error instanceof Error && error.message === READ_TIMEOUT) {
            this.connection.stream.destroy();
          }
          throw error;
        });
      }) as Client['query'];
    }
  };
}

/**
 * The pool settings for `timeouts`: a connect timeout (also for waiting on a busy pool), server-side
 * statement and idle-in-transaction timeouts, a client-side read timeout just past the statement
 * timeout, and TCP keepalive. A request that cannot reach the database fails within seconds.
 */
function poolOptions(timeouts: DatabaseTimeouts): Record<string, unknown> {
  return {
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveMs,
    ...(timeouts.statementTimeoutMs > 0
      ? {
          statement_timeout: timeouts.statementTimeoutMs,
          Client: clientWithReadTimeout(timeouts.statementTimeoutMs + READ_TIMEOUT_GRACE_MS),
        }
      : {}),
    ...(timeouts.idleInTransactionTimeoutMs > 0
      ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs }
      : {}),
  };
}

/** One definition of how we talk to Postgres, shared by the api, the worker, the CLI and the tests. */
export function dataSourceOptions(
  url: string,
  entities: EntityList,
  migrations: MigrationList = [],
  timeouts?: DatabaseTimeouts,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // gen_random_uuid() and citext are set up by the migrations, never on connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: 10, application_name: 'campaign-crm', ...(timeouts ? poolOptions(timeouts) : {}) },
  };
}
