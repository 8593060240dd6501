/**
 * The baselines of `npm run bench`, each in a process of its own (never the bench's or the api's),
 * started by public-path.bench.ts with one argument:
 * - `apollo`: a bare Apollo Server (Express integration, as the api uses) answering one mutation;
 * - `pg`: a bare node:http server whose every POST runs the signing's inserts (the signature and its
 *   outbox row) in one raw node-postgres transaction, with a pool as large as the api's;
 * - `nodemailer <port> <count>`: raw pooled nodemailer sending `count` confirmation-sized messages
 *   to the SMTP sink, as fast as it goes;
 * - `bullmq <count>`: a bare BullMQ queue and worker, `count` adds and their completions.
 * Servers tell the parent their port over IPC ({ port }); measurements report { perSecond }.
 */
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { Queue, QueueEvents, Worker } from 'bullmq';
import express from 'express';
import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { Pool } from 'pg';

const report = (message: object): void => {
  process.send?.(message);
};

function listening(server: Server): void {
  server.listen(0, '127.0.0.1', () => report({ port: (server.address() as AddressInfo).port }));
}

async function apollo(): Promise<void> {
  const server = new ApolloServer({
    typeDefs: 'type Query { hello: String } type Mutation { sign(name: String!): String }',
    resolvers: {
      Query: { hello: () => 'hello' },
      Mutation: { sign: (_: unknown, { name }: { name: string }) => name },
    },
  });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(server));
  listening(createServer(app));
}

/** The signing's two inserts in one transaction; the petition is the bench's `raw-baseline` one. */
async function rawPg(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const [{ id: petitionId }] = (
    await pool.query<{ id: string }>(`SELECT id FROM petition WHERE slug = 'raw-baseline'`)
  ).rows;
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const i = n++;
      const email = `raw${i}-${process.pid}@bench.example.org`;
      void (async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO signature (petition_id, full_name, email, email_canonical, postcode, postcode_district,
               show_name, email_opt_in, status, ip_hash, confirm_token_hash)
             VALUES ($1, $2, $3, $3, 'DD1 1AA', 'DD1', false, false, 'PENDING', $4, $5)
             ON CONFLICT DO NOTHING`,
            [
              petitionId,
              `Signer ${i}`,
              email,
              randomBytes(16).toString('hex'),
              randomBytes(32).toString('hex'),
            ],
          );
          await client.query(
            // Written as already sent, so the worker's sweep leaves the baseline's rows alone.
            `INSERT INTO outbox_message (template, to_address, subject, text_body, html_body, status)
             VALUES ('confirm-signature', $1, 'Please confirm your signature', $2, $3, 'SENT')`,
            [email, 'Confirm: https://bench.example.org/x', '<p>Confirm</p>'],
          );
          await client.query('COMMIT');
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          res.writeHead(500).end(String(error));
        } finally {
          client.release();
        }
      })();
    });
  });
  listening(server);
}

async function rawNodemailer(port: number, count: number): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    pool: true,
    maxConnections: 5,
  });
  const text = `Hello Signer,\n\nPlease confirm your signature: https://bench.example.org/petitions/confirm?token=${'x'.repeat(43)}\n`;
  const html = `<p>${text.replace(/\n/g, '<br>')}</p>`.repeat(3);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({
          from: 'Bench <bench@example.org>',
          to: `raw${i}@bench.example.org`,
          subject: 'Please confirm your signature',
          text,
          html,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  report({ perSecond: count / seconds });
}

async function bareBullmq(count: number): Promise<void> {
  const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
  const prefix = `${process.env.REDIS_PREFIX}:baseline`;
  const queue = new Queue('baseline', { connection, prefix });
  const events = new QueueEvents('baseline', { connection, prefix });
  await events.waitUntilReady();
  let completed = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const worker = new Worker('baseline', async () => undefined, { connection, prefix, concurrency: 5 });
  worker.on('completed', () => {
    completed += 1;
    if (completed === count) {
      resolveAll();
    }
  });
  await worker.waitUntilReady();
  const started = performance.now();
  // One add per job from 20 concurrent callers, as requests would; removeOnComplete as the outbox does.
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < count) {
        const i = next++;
        await queue.add('deliver', { outboxId: `job-${i}` }, { jobId: `job-${i}`, removeOnComplete: true });
      }
    }),
  );
  await all;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  report({ perSecond: count / seconds });
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === 'apollo') {
    await apollo();
  } else if (mode === 'pg') {
    await rawPg();
  } else if (mode === 'nodemailer') {
    await rawNodemailer(Number(a), Number(b));
    process.exit(0);
  } else if (mode === 'bullmq') {
    await bareBullmq(Number(a));
    process.exit(0);
  } else {
    throw new Error(`unknown baseline ${mode}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
