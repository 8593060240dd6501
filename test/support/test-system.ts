import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';
import { ENTITIES, MIGRATIONS } from '@app/migrations';
import { MailSink } from './mail-sink';

export const PUBLIC_URL = 'http://crm.test';
/** The ADDRESS_HASH_KEY every test system runs with, unless its env says otherwise. */
export const TEST_ADDRESS_HASH_KEY = 'test-address-hash-key-0123456789abcdef';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; reason?: string; fields?: Array<{ field: string }> };
  }>;
}

/** The server every test database lives on (from DATABASE_URL, set by `npm test`). */
function serverUrl(database: string): string {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL. */
export async function createDatabase(): Promise<{ name: string; url: string }> {
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return { name, url: serverUrl(name) };
}

/** Held while a template is made, so two test files starting together make it once. */
const TEMPLATE_LOCK = 4_200_417;

/** The migrations' sources, hashed: a changed or added migration means a template of its own. */
function migrationsHash(): string {
  const dir = join(__dirname, '..', '..', 'migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.ts')) {
      hash.update(file).update(readFileSync(join(dir, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Creates a database with every migration applied and returns its URL: a copy of a template
 * database (`crm_template_<hash of migrations/>`) that the first test file to need it migrates,
 * under an advisory lock. Copying takes a fraction of the time of migrating an empty database in
 * every file; the caller still runs the migrations, which finds none pending. Templates of older
 * migrations are left alone (another checkout's tests may be copying them) and may be dropped by
 * hand.
 */
export async function createMigratedDatabase(): Promise<{ name: string; url: string }> {
  const template = `crm_template_${migrationsHash()}`;
  await admin(async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (found.rowCount === 0) {
        // Made under another name and renamed once migrated: a template is whole or absent.
        const building = `${template}_building`;
        await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await client.query(`CREATE DATABASE "${building}"`);
        const db = new DataSource(dataSourceOptions(serverUrl(building), ENTITIES, MIGRATIONS));
        await db.initialize();
        try {
          await db.runMigrations({ transaction: 'each' });
        } finally {
          await db.destroy();
        }
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  // Each copy is an installation of its own, as a database migrated from empty is: the id the
  // migration drew is the template's (two systems sharing it would be one installation to Redis).
  const copy = new Client({ connectionString: serverUrl(name) });
  await copy.connect();
  try {
    await copy.query('UPDATE installation SET id = gen_random_uuid()');
  } finally {
    await copy.end();
  }
  return { name, url: serverUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * The whole system for one test file: a fresh database with every migration applied, the real api
 * (over HTTP through supertest), the real worker, real Redis under a key prefix of its own, and an
 * in-process SMTP server the worker sends to.
 */
export class TestSystem {
  api!: NestExpressApplication;
  worker?: INestApplicationContext;
  db!: DataSource;
  readonly mail = new MailSink();
  private database!: { name: string; url: string };
  private redisPrefix = `crmtest-${randomBytes(4).toString('hex')}`;
  /** The environment the system was started with (the apps read it when they are created). */
  private environment: Record<string, string> = {};

  /**
   * @param options.redisPrefix a key prefix to use instead of one of its own: two systems given the
   *   same one are two installations sharing a Redis by mistake
   * @param options.databaseUrl how the api and worker reach the test's database (e.g. through a
   *   proxy a fault test controls); the test's own `db` always connects directly.
   */
  static async start(
    options: {
      env?: Record<string, string>;
      worker?: boolean;
      redisPrefix?: string;
      databaseUrl?: (url: string) => string;
    } = {},
  ): Promise<TestSystem> {
    const system = new TestSystem();
    if (options.redisPrefix) {
      system.redisPrefix = options.redisPrefix;
    }
    await system.boot(options.env ?? {}, options.worker ?? true, options.databaseUrl ?? ((url) => url));
    return system;
  }

  private async boot(
    env: Record<string, string>,
    withWorker: boolean,
    databaseUrl: (url: string) => string,
  ): Promise<void> {
    this.database = await createMigratedDatabase();
    await this.mail.start();
    this.environment = {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(this.database.url),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: this.redisPrefix,
      SMTP_URL: `smtp://127.0.0.1:${this.mail.port}`,
      PUBLIC_URL,
      MAIL_FROM: 'Campaign <hello@campaign.test>',
      // Required in production mode; any secret of 32 characters or more.
      ADDRESS_HASH_KEY: TEST_ADDRESS_HASH_KEY,
      MAIL_RETRY_DELAY_MS: '100',
      MAIL_RETRY_ATTEMPTS: '4',
      MAIL_RATE_PER_SECOND: '1000',
      OUTBOX_SWEEP_INTERVAL_MS: '60000',
      OUTBOX_GRACE_MS: '0',
      RATE_LIMIT_PUBLIC: '1000',
      RATE_LIMIT_DEFAULT: '10000',
      PUBLIC_RESPONSE_FLOOR_MS: '50',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...env,
    };
    Object.assign(process.env, this.environment);
    this.db = new DataSource(dataSourceOptions(this.database.url, ENTITIES, MIGRATIONS));
    await this.db.initialize();
    await this.db.runMigrations({ transaction: 'each' });
    // Imported only now: the api's configuration is read from process.env when its module loads.
    const { createApi } = await import('../../apps/api/src/bootstrap.js');
    this.api = await createApi();
    if (withWorker) {
      await this.startWorker();
    }
  }

  /**
   * Starts the worker with the system's environment (so with several systems in one file, each
   * worker joins its own), changed by `env`.
   */
  async startWorker(env: Record<string, string> = {}): Promise<void> {
    Object.assign(process.env, this.environment, env);
    const { createWorker } = await import('../../apps/worker/src/bootstrap.js');
    this.worker = await createWorker();
  }

  async stopWorker(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }

  private readonly processes = new Set<ChildProcess>();

  /**
   * Starts a worker in a process of its own, from the sources (swc, as Jest runs them; no build),
   * with the system's environment changed by `env`: for a test that kills it (`kill('SIGKILL')`).
   * Resolves once it is ready; the system's `stop` kills any still running.
   */
  startWorkerProcess(env: Record<string, string> = {}): Promise<ChildProcess> {
    return this.startProcess('apps/worker/src/main.ts', 'Worker ready', env);
  }

  /**
   * The same for the api (on a port of its own, `PORT` 0 unless `env` says which), for a test of the
   * process itself (its signals); the system's own api stays in the test's process.
   */
  startApiProcess(env: Record<string, string> = {}): Promise<ChildProcess> {
    return this.startProcess('apps/api/src/main.ts', 'GraphQL API ready', { PORT: '0', ...env });
  }

  private async startProcess(
    main: string,
    ready: string,
    env: Record<string, string>,
  ): Promise<ChildProcess> {
    const root = join(__dirname, '..', '..');
    const child = spawn(
      process.execPath,
      ['-r', join(__dirname, 'register-ts.cjs'), '-e', `require('./${main}')`],
      {
        cwd: root,
        env: { ...process.env, ...this.environment, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.processes.add(child);
    child.once('exit', () => this.processes.delete(child));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${main} not ready in time:\n${output}`)), 60_000);
      const read = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes(ready)) {
          clearTimeout(timer);
          resolve();
        }
        if (output.length > 100_000) {
          output = output.slice(-10_000);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${main} exited (${code}):\n${output}`));
      });
    });
    return child;
  }

  http() {
    return request(this.api.getHttpServer());
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphqlResponse<T>> {
    const req = this.http().post('/graphql').set('Content-Type', 'application/json');
    if (token) {
      req.set('Authorization', `Bearer ${token}`);
    }
    const res = await req.send({ query, variables });
    return { status: res.status, ...(res.body as Omit<GraphqlResponse<T>, 'status'>) };
  }

  /** Polls until `check` returns a value that is not undefined/false, or fails after the timeout. */
  async eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error('Condition not met in time');
      }
      await sleep(50);
    }
  }

  /** Removes every Redis key this system wrote (queues and rate-limit counters). */
  flushRedis(): Promise<void> {
    return flushRedisPrefix(this.redisPrefix);
  }

  async stop(): Promise<void> {
    for (const child of this.processes) {
      child.kill('SIGKILL');
    }
    // Each step is bounded: a close that waits on a connection which lived through a fault (a Redis
    // outage, a partition) must not hang the file's teardown; the next steps still clean up, and
    // the step that waited is named.
    await bounded('stopping the worker', () => this.stopWorker());
    await bounded('closing the api', async () => this.api?.close());
    await bounded('closing the database pool', async () => this.db?.destroy());
    await bounded('stopping the mail sink', () => this.mail.stop());
    await this.flushRedis();
    await dropDatabase(this.database.name);
  }
}

/** Runs a teardown step, giving up on it (with a warning) after `ms`. */
async function bounded(step: string, run: () => Promise<unknown>, ms = 20_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    if ((await Promise.race([run(), late])) === 'late') {
      console.warn(`TestSystem.stop: ${step} took over ${ms} ms; going on without it`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Removes every Redis key under `prefix` (a test's queues and counters). */
export async function flushRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** The token of the link to `path` (e.g. "/sign-in") in an email body. */
export function tokenFromMail(text: string, path = '/sign-in'): string {
  const token = new RegExp(`${path.replace(/[/?]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];
  if (!token) {
    throw new Error(`No ${path} link in this email`);
  }
  return token;
}
