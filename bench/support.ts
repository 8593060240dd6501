import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/core';
import { ENTITIES, MIGRATIONS } from '@app/migrations';

/** A fresh, migrated database and Redis prefix for one benchmark run; `drop` removes both. */
export async function benchDatabase(): Promise<{ db: DataSource; drop: () => Promise<void> }> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  const name = `crm_bench_${randomBytes(4).toString('hex')}`;
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  server.pathname = `/${name}`;
  process.env.DATABASE_URL = server.toString();
  process.env.REDIS_PREFIX = `crmbench-${name}`;
  const db = new DataSource(dataSourceOptions(server.toString(), ENTITIES, MIGRATIONS));
  await db.initialize();
  await db.runMigrations();
  return {
    db,
    drop: async () => {
      await db.destroy();
      await dropRedisPrefix(process.env.REDIS_PREFIX!);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * Drives `send` from `clients` concurrent loops for `seconds` and reports the rate and latency
 * (milliseconds) of the requests that succeeded.
 */
export async function drive(
  clients: number,
  seconds: number,
  send: (n: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let sequence = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const n = sequence++;
        const t0 = performance.now();
        const ok = await send(n).catch(() => false);
        if (ok) {
          latencies.push(performance.now() - t0);
        } else {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  };
}

export function describe(label: string, r: LoadResult): string {
  return `  ${label}: ${Math.round(r.perSecond).toLocaleString('en-GB')}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.requests} ok, ${r.errors} failed)`;
}

/** Deletes the run's keys (rate limits, mail caps kept a day, queues), so runs do not pile up in Redis. */
async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) {
        await redis.unlink(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
}
