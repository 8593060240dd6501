import { Client, ClientConfig, DatabaseError, QueryConfig } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

type EntityList = NonNullable<DataSourceOptions['entities']>;
type MigrationList = NonNullable<DataSourceOptions['migrations']>;

/** How long the api and the worker wait on PostgreSQL (AppConfig.database). */
export interface DatabaseTimeouts {
  /** Opening a connection, and the check whether the server can be reached at all. */
  connectTimeoutMs: number;
  /** Waiting for a free connection while every pooled one is busy. */
  poolWaitMs: number;
  /** PostgreSQL's statement_timeout; 0 for none (the CLI's migrations and imports). */
  statementTimeoutMs: number;
  /** PostgreSQL's idle_in_transaction_session_timeout; 0 for none. */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive: the first probe after this much silence. */
  keepAliveMs: number;
}

/**
 * A query unanswered this long makes us ask whether the server can be reached at all. A slow
 * answer (a lock wait in a burst) is waited for; a lost one (a network partition) is not.
 */
export const REACHABILITY_CHECK_AFTER_MS = 2_000;

/** How much longer than statement_timeout we wait for an answer from a server that can be reached. */
export const READ_TIMEOUT_GRACE_MS = 1_000;

const READ_TIMEOUT = 'Query read timeout';
/** What a request sees when the reachability check has just failed (classified as SERVICE_UNAVAILABLE). */
export const DATABASE_UNREACHABLE = 'Connection terminated: the database cannot be reached';

/**
 * Whether PostgreSQL answers at all, asked on a fresh connection of its own (a pooled one may be
 * the one that hangs). One check at a time per pool; its answer holds for a second.
 */
class Reachability {
  private last?: { at: number; reachable: boolean };
  private pending?: Promise<boolean>;
  /** When the server last answered (a connection opened, a query came back): it outranks a check that began before it. */
  private reachedAt = 0;

  constructor(
    private readonly config: ClientConfig,
    private readonly timeoutMs: number,
  ) {}

  get recentlyUnreachable(): boolean {
    return this.last !== undefined && !this.last.reachable && Date.now() - this.last.at < 1_000;
  }

  /** The server just answered: it can be reached, whatever a check still running finds. */
  reached(): void {
    this.reachedAt = Date.now();
    if (this.last && !this.last.reachable) {
      this.last = { at: this.reachedAt, reachable: true };
    }
  }

  check(): Promise<boolean> {
    if (this.last && Date.now() - this.last.at < 1_000) {
      return Promise.resolve(this.last.reachable);
    }
    if (!this.pending) {
      const startedAt = Date.now();
      this.pending = this.probe().then((found) => {
        // A check that began in a partition may end after it healed; a connection since then wins.
        const reachable = found || this.reachedAt >= startedAt;
        this.last = { at: Date.now(), reachable };
        this.pending = undefined;
        return reachable;
      });
    }
    return this.pending;
  }

  private async probe(): Promise<boolean> {
    const client = new Client({
      ...this.config,
      connectionTimeoutMillis: this.timeoutMs,
      query_timeout: this.timeoutMs,
      keepAlive: false,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      void client.end().catch(() => undefined);
      return true;
    } catch (error) {
      client.connection.stream.destroy();
      // A server that answers, even with an error (too many connections, starting up), is there.
      return error instanceof DatabaseError;
    }
  }
}

/**
 * node-postgres's Client for one pool: it connects within `connectTimeoutMs`, and a plain query
 * (not a cursor, which streams for as long as its reader takes) that has no answer after
 * REACHABILITY_CHECK_AFTER_MS is checked on: if the server cannot be reached, or no answer came
 * within `readTimeoutMs` (statement_timeout and a grace), the connection is closed (the query fails,
 * the pool replaces it). While the server was just found unreachable, new connections fail at once.
 */
function guardedClient(timeouts: DatabaseTimeouts, readTimeoutMs: number): typeof Client {
  let reachability: Reachability | undefined;
  return class GuardedClient extends Client {
    private readonly reachability: Reachability;

    constructor(config?: string | ClientConfig) {
      const own = { ...(typeof config === 'string' ? { connectionString: config } : config) };
      super({ ...own, connectionTimeoutMillis: timeouts.connectTimeoutMs });
      this.reachability = reachability ??= new Reachability(own, timeouts.connectTimeoutMs);
      const query = this.query.bind(this) as (...args: unknown[]) => unknown;
      this.query = ((...args: unknown[]) => {
        const [first, values, callback] = args;
        // Text and values, or a plain statement's settings (a named one: preparedQuery); not a
        // cursor (it has `submit`) and not with a callback.
        const plain =
          typeof first === 'string'
            ? { text: first, values }
            : typeof first === 'object' &&
                first !== null &&
                typeof (first as { text?: unknown }).text === 'string' &&
                !('submit' in first) &&
                values === undefined
              ? (first as QueryConfig)
              : undefined;
        if (plain === undefined || typeof values === 'function' || callback !== undefined) {
          return query(...args);
        }
        return this.watched(
          query({
            ...plain,
            ...(readTimeoutMs > 0 ? { query_timeout: readTimeoutMs } : {}),
          }) as Promise<unknown>,
        );
      }) as Client['query'];
      const connect = this.connect.bind(this) as (callback?: (err: Error) => void) => unknown;
      this.connect = ((callback?: (err: Error) => void) => {
        if (!this.reachability.recentlyUnreachable) {
          if (callback) {
            return connect((err) => {
              if (!err) {
                this.reachability.reached();
              }
              callback(err);
            });
          }
          return (connect() as Promise<unknown>).then((result) => {
            this.reachability.reached();
            return result;
          });
        }
        const error = new Error(DATABASE_UNREACHABLE);
        if (callback) {
          process.nextTick(() => callback(error));
          return undefined;
        }
        return Promise.reject(error);
      }) as Client['connect'];
    }

    private async watched(answer: Promise<unknown>): Promise<unknown> {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const watch = () => {
        timer = setTimeout(() => {
          void this.reachability.check().then((reachable) => {
            if (settled) {
              return;
            }
            if (reachable) {
              watch();
            } else {
              this.connection.stream.destroy();
            }
          });
        }, REACHABILITY_CHECK_AFTER_MS);
        timer.unref();
      };
      watch();
      try {
        const result = await answer;
        this.reachability.reached();
        return result;
      } catch (error) {
        if (error instanceof Error && error.message === READ_TIMEOUT) {
          // The answer may still come, or never: this connection cannot be trusted again.
          this.connection.stream.destroy();
        }
        throw error;
      } finally {
        settled = true;
        clearTimeout(timer);
      }
    }
  };
}

/**
 * The pool settings for `timeouts`: connect and pool-wait timeouts, server-side statement and
 * idle-in-transaction timeouts, lost answers detected (guardedClient), and TCP keepalive. A request
 * that cannot reach the database fails within seconds; a busy one is waited for.
 */
function poolOptions(timeouts: DatabaseTimeouts): Record<string, unknown> {
  const readTimeoutMs =
    timeouts.statementTimeoutMs > 0 ? timeouts.statementTimeoutMs + READ_TIMEOUT_GRACE_MS : 0;
  return {
    // pg-pool's own limit is on waiting for a free connection; a new one connects within its own.
    connectionTimeoutMillis: timeouts.poolWaitMs,
    Client: guardedClient(timeouts, readTimeoutMs),
    keepAlive: true,
    keepAliveInitialDelayMillis: timeouts.keepAliveMs,
    ...(timeouts.statementTimeoutMs > 0 ? { statement_timeout: timeouts.statementTimeoutMs } : {}),
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
