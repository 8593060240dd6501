/**
 * `npm run bench:mailing`: a mailing to 100,000 members (BENCH_MAILING_ROWS) into an SMTP sink on
 * this machine. Prints the time to fix the audience (one INSERT … SELECT), the sending rate through
 * the real path (batches into the outbox, the mail queue, the worker) as a ratio of raw pooled
 * nodemailer to the same sink measured in the same run, and the worker process's peak memory.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { Branch } from '@app/branches';
import { Mailing, MailingRepository } from '@app/mailings';
import { benchDatabase } from './support';

const ROWS = Number(process.env.BENCH_MAILING_ROWS ?? 100_000);
const RAW_MESSAGES = Number(process.env.BENCH_RAW_MESSAGES ?? 5_000);
const BODY = `Hello {{member.firstName}},

**Naloxone training** this Saturday at the community hall, 10:00 to 12:00. Everyone welcome: you
will learn to recognise an opioid overdose and to give naloxone, and take a kit home.

[Tell us you are coming](https://example.org/events/naloxone)

The {{branch.name}} organisers`;

/**
 * An SMTP server that takes every message and counts it, and the people it was for: how many
 * different ones, and how many who are not in the audience (addresses beginning `other`).
 */
async function sink(): Promise<{
  port: number;
  count: () => number;
  people: Set<string>;
  excluded: () => number;
  close: () => Promise<void>;
}> {
  let received = 0;
  let excluded = 0;
  const people = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // No reverse DNS lookup of each client: it would measure this machine's resolver, not the path.
    disableReverseLookup: true,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        for (const { address } of session.envelope.rcptTo) {
          people.add(address);
          if (address.startsWith('other')) {
            excluded += 1;
          }
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    count: () => received,
    people,
    excluded: () => excluded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Raw nodemailer with a connection pool, as fast as it goes: the ceiling for this machine and sink. */
async function rawRate(port: number, html: string, text: string): Promise<number> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    pool: true,
    maxConnections: 5,
  });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < RAW_MESSAGES) {
        const n = next++;
        await transport.sendMail({
          from: 'hello@campaign.test',
          to: `person${n}@bench.example.org`,
          subject: `News for Person ${n}`,
          text,
          html,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return RAW_MESSAGES / seconds;
}

function peakRssMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

async function main(): Promise<void> {
  const { db, drop } = await benchDatabase();
  const smtp = await sink();
  let worker: ChildProcess | undefined;
  try {
    const branch = await db
      .getRepository(Branch)
      .save({ slug: 'bench', name: 'Bench', postcodeAreas: ['DD'] });
    await db.query(
      `INSERT INTO member (email, full_name, postcode, branch_id, email_opt_in, email_confirmed_at, tags)
       SELECT 'person' || n || '@bench.example.org', 'Person ' || n, 'DD1 ' || (n % 9 + 1) || 'AB', $1, true, now(),
              CASE WHEN n % 5 = 0 THEN '{volunteer}'::text[] ELSE '{}' END
       FROM generate_series(1, $2) AS n`,
      [branch.id, ROWS],
    );
    // Some who must not get it: opted out, unconfirmed.
    await db.query(
      `INSERT INTO member (email, full_name, branch_id, email_opt_in, email_confirmed_at)
       SELECT 'other' || n || '@bench.example.org', 'Other ' || n, $1, n % 2 = 0, CASE WHEN n % 2 = 1 THEN now() END
       FROM generate_series(1, 10000) AS n`,
      [branch.id],
    );
    await db.query('ANALYZE member');
    const mailing = await db.getRepository(Mailing).save({
      branchId: branch.id,
      subject: 'Naloxone training for {{member.firstName}}',
      body: BODY,
      audience: {},
    });

    const html = `<p>${BODY.replace(/\n\n/g, '</p><p>')}</p>`.repeat(2);
    const raw = await rawRate(smtp.port, html, BODY);
    const sinkStart = smtp.count();
    smtp.people.clear();

    const env = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      PUBLIC_URL: 'http://crm.bench',
      MAIL_FROM: 'Campaign <hello@campaign.test>',
      // High enough not to be the limit: this measures how fast the path can go.
      MAIL_RATE_PER_SECOND: process.env.BENCH_MAIL_RATE ?? '100000',
    };
    worker = spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // The worker is ready when its mailing processor is: start the mailing through the real path.
    await sleep(4000);

    // Fixing the audience: the repository call sendMailing makes, in a transaction of its own here.
    const repository = new MailingRepository(db);
    const fixStarted = performance.now();
    const count = await db.transaction((manager) => repository.fixAudience(mailing, manager));
    const fixSeconds = (performance.now() - fixStarted) / 1000;
    await db.query(
      `UPDATE mailing SET status = 'SENDING', started_at = now(), send_at = now() WHERE id = $1`,
      [mailing.id],
    );
    const { Queue } = await import('bullmq');
    const queue = new Queue('mailing', {
      connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      prefix: `${process.env.REDIS_PREFIX}:bull`,
    });
    const started = performance.now();
    await queue.add('send', { mailingId: mailing.id }, { jobId: `mailing-${mailing.id}` });
    let lastReport = 0;
    for (;;) {
      await sleep(500);
      const sent = smtp.count() - sinkStart;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        console.log(`  … ${sent.toLocaleString('en-GB')} sent`);
      }
      const [row] = await db.query<Array<{ status: string }>>('SELECT status FROM mailing WHERE id = $1', [
        mailing.id,
      ]);
      if (row.status === 'SENT' && sent >= count) {
        break;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = count / seconds;
    const peak = peakRssMiB(worker);
    await queue.close();
    console.log(`Mailing to ${count.toLocaleString('en-GB')} members (Node ${process.version}):`);
    console.log(`  audience fixed (one INSERT … SELECT): ${fixSeconds.toFixed(2)} s`);
    console.log(`  raw pooled nodemailer to the same sink: ${Math.round(raw)} messages/s`);
    console.log(
      `  mailing (outbox, queue, worker): ${seconds.toFixed(1)} s, ${Math.round(rate)} messages/s, ` +
        `ratio ${(rate / raw).toFixed(2)}×; worker peak RSS ${peak} MiB`,
    );
    const sent = smtp.count() - sinkStart;
    console.log(
      `  ${smtp.people.size.toLocaleString('en-GB')} different people got it ` +
        `(${(sent - smtp.people.size).toLocaleString('en-GB')} copies more than one each); ` +
        `people left out (opted out or unconfirmed) who got it: ${smtp.excluded()}`,
    );
    if (smtp.excluded() > 0 || smtp.people.size !== count) {
      throw new Error('The mailing did not go to exactly its audience');
    }
  } finally {
    worker?.kill('SIGTERM');
    await smtp.close();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
