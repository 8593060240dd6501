/**
 * `npm run bench`: the public write path measured as deployed. Uses what `npm run build` left in
 * dist/ (it builds nothing): the api and the worker run as processes of their own in production mode
 * (NODE_ENV=production, TRUST_PROXY=1, PUBLIC_RESPONSE_FLOOR_MS=0 unless said otherwise) on a fresh
 * database and Redis prefix, mailing into an SMTP sink in another process; they are driven from
 * this process, each request from its own client address (X-Forwarded-For), after a warm-up: closed
 * loop (autocannon) for rates, open loop (open-loop.ts, evenly spaced) for the paced lines. The
 * baselines run in the same run with the same driver, each in its own process: a bare Apollo Server
 * mutation, a raw node-postgres transaction of the signing's inserts, raw pooled nodemailer to the same
 * sink and a bare BullMQ add → complete. Prints one table (rate, p50, p99, errors, ratio to baseline).
 *
 * BENCH_SECONDS (default 10) is each measurement's length, BENCH_CONNECTIONS (50) the closed-loop
 * connections; BENCH_PROFILE=<dir> stops after the first signPetition run, which it makes with the
 * api under `node --cpu-prof`, and leaves the profile there; BENCH_STOP_AFTER_DRAIN=1 stops after the
 * worker's drain (BENCH_WORKER_PROFILE=<dir> runs that worker under `node --cpu-prof`).
 * BENCH_ONLY=<label start>[,…] measures only those lines (and the baselines); with BENCH_PROFILE, the
 * profile then covers the api through the petition read, so mostly the chosen line: e.g.
 * `BENCH_ONLY=rsvp BENCH_PROFILE=/tmp/p npm run bench`.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLoop } from './open-loop';
import { benchDatabase } from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Math.max(2, Math.round(SECONDS / 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** BENCH_ONLY=<label start>[,<label start>…]: only the lines whose label starts so are measured (the baselines always). */
const ONLY = process.env.BENCH_ONLY;
const ROOT = process.cwd();

interface Row {
  label: string;
  perSecond: number;
  p50?: number;
  p99?: number;
  errors?: number;
  /** CPU time of the answering process per request, ms (user + system, from /proc). */
  cpuMs?: number;
  /** PostgreSQL's CPU time per request, ms (every postgres process, from /proc). */
  dbMs?: number;
  /** The load generator's (this process's) CPU time per request, ms. */
  generatorMs?: number;
  baseline?: { label: string; perSecond: number };
  note?: string;
  /** A row whose CPU per request this one's is compared with, in the note. */
  costOf?: Row;
}
const rows: Row[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A bench process (dist/bench/processes) that reports over IPC; resolves with its first message. */
function forkReporting<T>(script: string, args: string[]): { child: ChildProcess; first: Promise<T> } {
  const child = fork(`${ROOT}/dist/bench/processes/${script}.js`, args, {
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const first = new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited (${code})`)));
  });
  return { child, first };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))]);
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error('the api exited while starting');
    }
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) {
      return;
    }
    await sleep(250);
  }
  throw new Error('the api did not become healthy within 60 s');
}

/** The app's processes as production runs them (`npm run start:api`, `npm run start:worker`). */
function appEnv(smtpPort: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://bench.example.org',
    MAIL_FROM: 'Bench <bench@example.org>',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ADDRESS_HASH_KEY: 'bench-only-address-hash-key-0123456789',
    TRUST_PROXY: '1',
    PUBLIC_RESPONSE_FLOOR_MS: '0',
    // High enough not to be the limit: the drain measures how fast the path can go.
    MAIL_RATE_PER_SECOND: '100000',
    ...extra,
  };
}

async function startApi(
  smtpPort: number,
  extra: Record<string, string> = {},
  profileDir?: string,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const flags = profileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        '--require',
        `${ROOT}/dist/bench/processes/exit-on-sigterm.js`,
      ]
    : [];
  const child = spawn(process.execPath, [...flags, 'dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: appEnv(smtpPort, { PORT: String(port), ...extra }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(port, child);
  return { child, port };
}

async function startWorker(smtpPort: number): Promise<ChildProcess> {
  const profile = process.env.BENCH_WORKER_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, 'dist/apps/worker/src/main.js'], {
    cwd: ROOT,
    env: appEnv(smtpPort, { WORKER_HEALTH_PORT: String(await freePort()) }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Worker ready')) {
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the worker exited (${code})`)));
  });
  child.stdout.resume();
  return child;
}

/** User + system CPU time of a process so far, in clock ticks (1/100 s). */
function cpuTicks(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * User + system CPU time of every PostgreSQL process so far, by process id (server processes and
 * the connections' backends, which live as long as the pools keep them), in clock ticks.
 * PostgreSQL runs beside the bench on the same cores: what it spends per request is part of what a
 * request costs.
 */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

/** PostgreSQL's ticks since `before`, process by process (one that ended meanwhile is not counted). */
function postgresTicksSince(before: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, now] of postgresTicks()) {
    ticks += now - (before.get(pid) ?? 0);
  }
  return ticks;
}

const address = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
let sequence = 0;

interface Load {
  url: string;
  /** The process that answers, whose CPU time per request is reported. */
  server: ChildProcess;
  /** The JSON body of request number n (each n is used once in the whole run). */
  body?: (n: number) => object;
  /** Every answer must be exactly this, or it counts as an error. */
  expect: string;
  /** Closed loop (autocannon): this many connections, each sending again as soon as it is answered. */
  connections?: number;
  /** Open loop instead (open-loop.ts): this many requests per second, evenly spaced. */
  rate?: number;
}

async function cannon(load: Load, seconds: number): Promise<autocannon.Result & { wrong: number }> {
  let wrong = 0;
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    connections: load.connections ?? CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const n = sequence++;
          return {
            ...request,
            headers: { ...request.headers, 'x-forwarded-for': address(n) },
            body: load.body ? JSON.stringify(load.body(n)) : '{}',
          };
        },
        onResponse: (status, body) => {
          if (status === 200 && body !== load.expect) {
            wrong += 1;
          }
        },
      },
    ],
  });
  return { ...result, wrong };
}

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

async function closedLoop(load: Load, seconds: number): Promise<Run> {
  const result = await cannon(load, seconds);
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + result.wrong,
    total: result.requests.total,
  };
}

/** Open loop at `load.rate` (see open-loop.ts: evenly spaced, latency from when each was due). */
async function paced(load: Load, seconds: number): Promise<Run> {
  const result = await openLoop({
    url: load.url,
    rate: load.rate!,
    seconds,
    request: () => {
      const n = sequence++;
      return {
        body: load.body ? JSON.stringify(load.body(n)) : '{}',
        headers: { 'x-forwarded-for': address(n) },
      };
    },
    expect: load.expect,
  });
  return { ...result, total: Math.round(load.rate! * seconds) };
}

let lastChosen = true;

/** Warms up, then measures; the expected answer is checked first with one request of its own. */
async function measure(label: string, load: Load, baseline?: Row, note?: string): Promise<Row> {
  // An indented line ("  the same, paced…") goes with the line before it.
  const chosen = label.startsWith('  ')
    ? lastChosen
    : !ONLY ||
      ONLY.split(',').some((only) => label.startsWith(only)) ||
      label.startsWith('bare') ||
      label.startsWith('raw');
  lastChosen = chosen;
  if (!chosen) {
    return { label, perSecond: Number.NaN };
  }
  const probe = await fetch(load.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address(sequence) },
    body: load.body ? JSON.stringify(load.body(sequence++)) : '{}',
  });
  const text = await probe.text();
  if (text.trim() !== load.expect.trim()) {
    throw new Error(`${label}: expected ${load.expect}, got ${probe.status} ${text}`);
  }
  // Byte for byte as the server writes it (Apollo adds a newline).
  const exact = { ...load, expect: text };
  const run = load.rate === undefined ? closedLoop : paced;
  await run(exact, WARMUP);
  const cpuBefore = cpuTicks(load.server);
  const dbBefore = postgresTicks();
  const generatorBefore = process.cpuUsage();
  const result = await run(exact, SECONDS);
  const cpuMs = ((cpuTicks(load.server) - cpuBefore) * 10) / Math.max(1, result.total);
  const dbMs = (postgresTicksSince(dbBefore) * 10) / Math.max(1, result.total);
  const generator = process.cpuUsage(generatorBefore);
  const generatorMs = (generator.user + generator.system) / 1000 / Math.max(1, result.total);
  const row: Row = {
    label,
    perSecond: result.perSecond,
    p50: result.p50,
    p99: result.p99,
    errors: result.errors,
    cpuMs,
    dbMs,
    generatorMs,
    baseline: baseline ? { label: baseline.label, perSecond: baseline.perSecond } : undefined,
    note,
  };
  rows.push(row);
  console.log(`  ${format(row)}`);
  return row;
}

const fixed = (n: number | undefined, digits = 0): string =>
  n === undefined
    ? ''
    : n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const HEADER = [
  'what'.padEnd(58),
  'rate/s'.padStart(7),
  'p50'.padStart(8),
  'p99'.padStart(8),
  'errors'.padStart(6),
  'cpu/req'.padStart(8),
  'db/req'.padStart(8),
  'gen/req'.padStart(8),
  'ratio'.padEnd(30),
  'note',
].join(' | ');

function format(row: Row): string {
  return [
    row.label.padEnd(58),
    fixed(row.perSecond).padStart(7),
    (row.p50 === undefined ? '' : `${fixed(row.p50)} ms`).padStart(8),
    (row.p99 === undefined ? '' : `${fixed(row.p99)} ms`).padStart(8),
    fixed(row.errors).padStart(6),
    (row.cpuMs === undefined ? '' : `${fixed(row.cpuMs, 2)} ms`).padStart(8),
    (row.dbMs === undefined ? '' : `${fixed(row.dbMs, 2)} ms`).padStart(8),
    (row.generatorMs === undefined ? '' : `${fixed(row.generatorMs, 2)} ms`).padStart(8),
    // A baseline left out by BENCH_ONLY has no rate: no ratio then.
    (row.baseline && Number.isFinite(row.baseline.perSecond)
      ? `${fixed(row.perSecond / row.baseline.perSecond, 2)}× ${row.baseline.label}`
      : ''
    ).padEnd(30),
    [
      row.note,
      row.costOf?.cpuMs && row.cpuMs !== undefined
        ? `api CPU per request ${fixed(row.cpuMs / row.costOf.cpuMs, 2)}× ${row.costOf.label}`
        : undefined,
    ]
      .filter(Boolean)
      .join('; '),
  ].join(' | ');
}

const gql = (port: number): string => `http://127.0.0.1:${port}/graphql`;
const ok = (field: string, status: string): string => JSON.stringify({ data: { [field]: { status } } });

const SIGN = 'mutation($input: SignPetitionInput!) { signPetition(input: $input) { status } }';
const WRITE = 'mutation($input: WriteLettersInput!) { writeLetters(input: $input) { status } }';
const RSVP = 'mutation($input: RsvpInput!) { rsvp(input: $input) { status } }';
const JOIN = 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { status } }';
const READ =
  'query($slug: String!) { petition(slug: $slug) { signatureCount signaturesByConstituency { key count } } }';

const signing = ({ child, port }: { child: ChildProcess; port: number }, slug = 'bench'): Load => ({
  url: gql(port),
  server: child,
  expect: ok('signPetition', 'CONFIRMATION_SENT'),
  body: (n) => ({
    query: SIGN,
    variables: {
      input: {
        petitionSlug: slug,
        fullName: `Signer ${n}`,
        email: `signer${n}@bench.example.org`,
        postcode: 'DD1 1AA',
        emailOptIn: n % 3 === 0,
        showName: n % 2 === 0,
      },
    },
  }),
});

async function main(): Promise<void> {
  const { db, drop } = await benchDatabase();
  const children: ChildProcess[] = [];
  try {
    const sink = forkReporting<{ port: number }>('smtp-sink', []);
    children.push(sink.child);
    const smtpPort = (await sink.first).port;
    const sent = (): Promise<number> =>
      new Promise((resolve) => {
        sink.child.once('message', (m) => resolve((m as { count: number }).count));
        sink.child.send('count');
      });

    // The demo branches, the 2011 boundaries and made-up MSPs and the open letter campaign, as
    // `npm start -- --demo` seeds them; then a petition, an event and a petition with 100,000
    // confirmed signatures, by SQL.
    const seeded = spawnSync(process.execPath, ['dist/apps/cli/src/main.js', 'seed-demo', '--demo'], {
      cwd: ROOT,
      env: appEnv(smtpPort),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (seeded.status !== 0) {
      throw new Error('seed-demo failed');
    }
    const [{ id: branchId }] = await db.query<Array<{ id: string }>>(
      `SELECT id FROM branch WHERE slug = 'dundee'`,
    );
    for (const slug of ['bench', 'bench-floor', 'raw-baseline', 'big']) {
      await db.query(
        `INSERT INTO petition (slug, title, summary, body, target_name, branch_id, goal, status)
         VALUES ($1, 'Safer drug consumption facilities now', 's', 'b', 'The Scottish Government', $2, 1000000, 'OPEN')`,
        [slug, branchId],
      );
    }
    const [{ id: eventId }] = await db.query<Array<{ id: string }>>(
      `INSERT INTO event (branch_id, title, kind, starts_at, ends_at, location_name, status)
       VALUES ($1, 'Naloxone training', 'TRAINING', now() + interval '30 days', now() + interval '30 days 2 hours',
               'Community hall', 'PUBLISHED') RETURNING id`,
      [branchId],
    );
    const seedStarted = performance.now();
    await db.query(
      `INSERT INTO signature (petition_id, full_name, email, email_canonical, postcode, postcode_district, show_name,
         email_opt_in, status, confirmed_at, constituency_code)
       SELECT p.id, 'Signer ' || n, 'big' || n || '@bench.example.org', 'big' || n || '@bench.example.org', 'DD1 1AA',
              'DD1', n % 2 = 0, false, 'CONFIRMED', now() - (n || ' seconds')::interval,
              CASE WHEN n % 20 = 0 THEN NULL ELSE codes[1 + n % array_length(codes, 1)] END
       FROM petition p,
            (SELECT array_agg(c.code) AS codes FROM constituency c JOIN geography_set g ON g.id = c.set_id AND g.active) cs,
            generate_series(1, 100000) AS n
       WHERE p.slug = 'big'`,
    );
    await db.query(
      `INSERT INTO petition_count (petition_id, shard, count) SELECT id, 0, 100000 FROM petition WHERE slug = 'big'`,
    );
    // VACUUM as well: otherwise autovacuum takes up the 100,000 new rows (its insert threshold) in
    // the middle of whichever line runs then (it was seen reading millions of rows a second during
    // a signing run, which then measured a third slower).
    await db.query('VACUUM ANALYZE');
    const [{ body: letterBody, subject: letterSubject }] = await db.query<
      Array<{ body: string; subject: string }>
    >(
      `SELECT body_template AS body, subject_template AS subject FROM letter_campaign WHERE slug = 'drug-checking-now'`,
    );
    console.log(
      `Seeded (demo branches, 2011 boundaries, 129 MSPs, 100,000 signatures) in ${fixed((performance.now() - seedStarted) / 1000, 1)} s`,
    );
    console.log(
      `The public write path as deployed: ${SECONDS} s per measurement after ${WARMUP} s of warm-up, ${CONNECTIONS} connections (Node ${process.version})`,
    );
    console.log(`  ${HEADER}`);

    // Baselines first, on a quiet machine, each in its own process.
    const apollo = forkReporting<{ port: number }>('baseline', ['apollo']);
    children.push(apollo.child);
    const bare = await measure('bare Apollo Server mutation (own process)', {
      url: gql((await apollo.first).port),
      server: apollo.child,
      body: () => ({ query: 'mutation { sign(name: "x") }' }),
      expect: JSON.stringify({ data: { sign: 'x' } }),
    });
    // What the open-loop driver shows for a server with nothing to do: the floor of the paced lines.
    await measure('  the same, paced at 200 req/s (open loop)', {
      url: gql((await apollo.first).port),
      server: apollo.child,
      body: () => ({ query: 'mutation { sign(name: "x") }' }),
      expect: JSON.stringify({ data: { sign: 'x' } }),
      rate: 200,
    });
    await stop(apollo.child);
    const pg = forkReporting<{ port: number }>('baseline', ['pg']);
    children.push(pg.child);
    const raw = await measure('raw pg transaction of the inserts (over HTTP)', {
      url: `http://127.0.0.1:${(await pg.first).port}/`,
      server: pg.child,
      expect: '{"ok":true}',
    });
    await stop(pg.child);
    const rawMessages = Math.max(2000, SECONDS * 300);
    const mailer = forkReporting<{ perSecond: number }>('baseline', [
      'nodemailer',
      String(smtpPort),
      String(rawMessages),
    ]);
    const rawMail: Row = {
      label: 'raw pooled nodemailer → sink (own process)',
      perSecond: (await mailer.first).perSecond,
    };
    rows.push(rawMail);
    console.log(`  ${format(rawMail)}`);
    const bull = forkReporting<{ perSecond: number }>('baseline', ['bullmq', String(rawMessages)]);
    const bullRow: Row = {
      label: 'bare BullMQ add → complete (own process)',
      perSecond: (await bull.first).perSecond,
    };
    rows.push(bullRow);
    console.log(`  ${format(bullRow)}`);

    // signPetition with the api alone (the worker stopped): its confirmations wait in the queue,
    // and become the backlog whose drain the worker is timed on.
    let api = await startApi(smtpPort, {}, PROFILE_DIR);
    children.push(api.child);
    // What the api's own stack costs (HTTP, middleware, Nest, Apollo) for an answer that does no work.
    await measure(
      'the api with no work to do: { __typename }',
      {
        url: gql(api.port),
        server: api.child,
        body: () => ({ query: '{ __typename }' }),
        expect: JSON.stringify({ data: { __typename: 'Query' } }),
      },
      bare,
    );
    const signAlone = await measure('signPetition, floor 0 (worker stopped)', signing(api), bare);
    if (lastChosen) {
      rows.push({
        ...signAlone,
        label: '  the same',
        baseline: { label: 'raw pg', perSecond: raw.perSecond },
      });
      console.log(`  ${format(rows[rows.length - 1])}`);
    }
    if (PROFILE_DIR && !ONLY) {
      await stop(api.child);
      console.log(`The api's CPU profile of that run is in ${PROFILE_DIR} (open it in Chrome DevTools).`);
      return;
    }

    /** Waits (up to 2 minutes) until the worker has sent every unpaced message written so far. */
    const drained = async (): Promise<void> => {
      const started = performance.now();
      for (;;) {
        const [{ waiting }] = await db.query<Array<{ waiting: number }>>(
          `SELECT count(*)::int AS waiting FROM outbox_message WHERE status = 'PENDING' AND pace_key IS NULL`,
        );
        if (waiting === 0 || performance.now() - started > 120_000 || ONLY) {
          console.log(
            `  (the worker's backlog: ${waiting} unpaced messages left after ${fixed((performance.now() - started) / 1000, 1)} s)`,
          );
          return;
        }
        await sleep(500);
      }
    };
    const [{ backlog }] = await db.query<Array<{ backlog: number }>>(
      `SELECT count(*)::int AS backlog FROM outbox_message WHERE status = 'PENDING'`,
    );
    const before = await sent();
    const worker = await startWorker(smtpPort);
    children.push(worker);
    let first = 0;
    let firstCpu = 0;
    let firstCount = before;
    const drainDeadline = performance.now() + Math.max(20, SECONDS * 3) * 1000;
    let last = before;
    while (performance.now() < drainDeadline && last - before < backlog) {
      await sleep(100);
      last = await sent();
      if (!first && last > before) {
        first = performance.now();
        firstCount = last;
        firstCpu = cpuTicks(worker);
      }
    }
    const drainSeconds = (performance.now() - first) / 1000;
    const drain: Row = {
      label: 'worker drain of confirmation mail → sink',
      perSecond: first ? (last - firstCount) / drainSeconds : 0,
      // The worker's CPU per message sent, over the same span as the rate (its boot left out).
      cpuMs: ((cpuTicks(worker) - firstCpu) * 10) / Math.max(1, last - firstCount),
      baseline: { label: 'raw nodemailer', perSecond: rawMail.perSecond },
      note: `${last - before} of ${backlog} queued sent in ${fixed(drainSeconds, 1)} s`,
    };
    if (!ONLY || ONLY.split(',').some((only) => drain.label.startsWith(only))) {
      rows.push(drain);
      console.log(`  ${format(drain)}`);
    }
    if (process.env.BENCH_STOP_AFTER_DRAIN) {
      return;
    }

    // The rest as deployed: api and worker side by side, mail going out while the requests come in.
    // The other writes are compared with signings made in the same conditions (the worker sending
    // beside the api on the same two cores costs the api CPU per request too), just before and just
    // after each: this machine's speed drifts by tens of per cent between minutes, so a signing
    // measured once, minutes earlier, made the ratios swing as much as the changes being measured.
    const perSign = await measure('signPetition, floor 0 (worker sending beside)', signing(api), bare);
    let signBefore = perSign;
    const compared = async (label: string, load: Load): Promise<void> => {
      const row = await measure(label, load, perSign);
      const after = await measure('  signPetition just after (for the comparison)', signing(api), bare);
      if (row.cpuMs !== undefined && signBefore.cpuMs !== undefined && after.cpuMs !== undefined) {
        row.costOf = {
          label: "a signing's (the mean of those just before and after)",
          perSecond: Number.NaN,
          cpuMs: (signBefore.cpuMs + after.cpuMs) / 2,
        };
        console.log(`    ${label.split(',')[0]}: ${format(row).split(' | ').pop()}`);
      }
      signBefore = after;
    };
    await compared('writeLetters, 8 MSPs, floor 0', {
      url: gql(api.port),
      server: api.child,
      expect: ok('writeLetters', 'CONFIRMATION_SENT'),
      body: (n) => ({
        query: WRITE,
        variables: {
          input: {
            campaignSlug: 'drug-checking-now',
            fullName: `Writer ${n}`,
            email: `writer${n}@bench.example.org`,
            // Aberdeen Central: one constituency MSP and seven for North East Scotland.
            postcode: 'AB2 1DD',
            subject: letterSubject,
            body: `${letterBody}\n\nI have seen what naloxone does; this matters to me (${n}).`,
            emailOptIn: false,
          },
        },
      }),
    });
    await compared('rsvp, floor 0', {
      url: gql(api.port),
      server: api.child,
      expect: ok('rsvp', 'GOING'),
      body: (n) => ({
        query: RSVP,
        variables: {
          input: {
            eventId,
            fullName: `Guest ${n}`,
            email: `guest${n}@bench.example.org`,
            postcode: 'DD1 1AA',
            emailOptIn: false,
          },
        },
      }),
    });
    await compared('joinCampaign, floor 0', {
      url: gql(api.port),
      server: api.child,
      expect: ok('joinCampaign', 'CONFIRMATION_SENT'),
      body: (n) => ({
        query: JOIN,
        variables: {
          input: {
            branchSlug: 'dundee',
            fullName: `Joiner ${n}`,
            email: `joiner${n}@bench.example.org`,
            postcode: 'DD1 1AA',
            emailOptIn: true,
          },
        },
      }),
    });
    // The writes above leave the worker thousands of messages to send (8 letters per writeLetters);
    // the reads and the floor run below measure the api with the worker sending only what they
    // cause, as it would in a steady state, so that backlog is let go out first (paced letters,
    // which wait for their turn without work, are left).
    await drained();
    const readLoad = (rate?: number): Load => ({
      url: gql(api.port),
      server: api.child,
      body: () => ({ query: READ, variables: { slug: 'big' } }),
      expect: '',
      rate,
    });
    const readProbe = await fetch(gql(api.port), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(readLoad().body!(0)),
    });
    const readExpect = await readProbe.text();
    if (!readExpect.includes('"signatureCount":100000')) {
      throw new Error(`petition read: ${readExpect}`);
    }
    await measure('petition page read, 100,000 signatures', { ...readLoad(), expect: readExpect }, bare);
    await measure(
      '  the same, paced at 200 req/s',
      { ...readLoad(200), expect: readExpect },
      undefined,
      'aim: p99 ≤ 50 ms',
    );
    await stop(api.child);
    if (PROFILE_DIR) {
      console.log(`The api's CPU profile of the runs up to here is in ${PROFILE_DIR}.`);
      return;
    }

    // With the response floor every public write has by default (300 ms), open loop at 100 req/s
    // (each request sent when due, however many are waiting: the floor never limits the rate).
    api = await startApi(smtpPort, { PUBLIC_RESPONSE_FLOOR_MS: '300' });
    children.push(api.child);
    await measure(
      'signPetition, floor 300 ms, paced at 100 req/s',
      { ...signing(api, 'bench-floor'), rate: 100 },
      undefined,
      'aim: p99 ≤ 450 ms, no errors',
    );
    await stop(api.child);
    await stop(worker);

    console.log('\nSummary (rate: requests/s or messages/s; latencies from the load generator):');
    console.log(`  ${HEADER}`);
    for (const row of rows) {
      console.log(`  ${format(row)}`);
    }
  } finally {
    for (const child of children) {
      await stop(child);
    }
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
