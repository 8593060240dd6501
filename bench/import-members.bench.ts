/**
 * `npm run bench`: imports 100,000 members (BENCH_ROWS) through the real HTTP endpoint into a fresh
 * database, then the same file again (every row an update), and prints rows per second and memory.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuthService } from '@app/auth';
import { Branch } from '@app/branches';
import { dataSourceOptions } from '@app/core';
import { Member, MemberRole } from '@app/members';
import { ENTITIES, MIGRATIONS } from '@app/migrations';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

function* csvLines(rows: number): Generator<string> {
  yield 'email,full_name,postcode,email_opt_in,tags\n';
  for (let i = 0; i < rows; i += 1) {
    yield `person${i}@bench.example.org,Person ${i},EH${1 + (i % 17)} ${1 + (i % 9)}AB,${i % 3 === 0 ? 'yes' : 'no'},${i % 5 === 0 ? 'volunteer' : ''}\n`;
  }
}

function csvStream(rows: number): Readable {
  const lines = csvLines(rows);
  return new Readable({
    read() {
      let chunk = '';
      for (let n = 0; n < 500; n += 1) {
        const next = lines.next();
        if (next.done) {
          this.push(chunk || null);
          if (chunk) {
            this.push(null);
          }
          return;
        }
        chunk += next.value;
      }
      this.push(chunk);
    },
  });
}

function post(
  port: number,
  path: string,
  token: string,
  body: Readable,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

async function main(): Promise<void> {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres');
  const name = `crm_bench_${randomBytes(4).toString('hex')}`;
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  server.pathname = `/${name}`;
  Object.assign(process.env, {
    DATABASE_URL: server.toString(),
    REDIS_PREFIX: `crmbench-${name}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
  });
  const db = new DataSource(dataSourceOptions(server.toString(), ENTITIES, MIGRATIONS));
  try {
    await db.initialize();
    await db.runMigrations();
    const { createApi } = await import('../apps/api/src/bootstrap.js');
    const app = await createApi();
    await app.listen(0);
    const port = (app.getHttpServer().address() as AddressInfo).port;
    try {
      const branch = await db
        .getRepository(Branch)
        .save({ slug: 'bench', name: 'Bench', postcodeAreas: ['EH'] });
      const organiser = await db
        .getRepository(Member)
        .save({ email: 'organiser@bench.example.org', fullName: 'Organiser' });
      await db
        .getRepository(MemberRole)
        .save({ memberId: organiser.id, role: 'ORGANISER', branchId: branch.id });
      const auth = app.get(AuthService);
      const { link } = await auth.createSignInLink(organiser);
      const session = await auth.signIn(new URL(link).searchParams.get('token')!);

      console.log(`Importing ${ROWS.toLocaleString('en-GB')} members over HTTP (Node ${process.version}):`);
      for (const label of ['first import (all new)', 'second import (all updates)']) {
        const rssBefore = process.memoryUsage().rss;
        let peak = rssBefore;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
        const started = performance.now();
        const res = await post(port, `/branches/${branch.id}/members/import`, session.token, csvStream(ROWS));
        const seconds = (performance.now() - started) / 1000;
        clearInterval(sampler);
        const report = JSON.parse(res.body) as { created: number; updated: number; rejectedCount: number };
        console.log(
          `  ${label}: ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString('en-GB')} rows/s ` +
            `(created ${report.created}, updated ${report.updated}, rejected ${report.rejectedCount}); ` +
            `peak RSS ${Math.round(peak / 2 ** 20)} MiB (+${Math.round((peak - rssBefore) / 2 ** 20)} MiB)`,
        );
      }
    } finally {
      await app.close();
    }
  } finally {
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
