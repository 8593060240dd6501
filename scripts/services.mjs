// Makes sure PostgreSQL and Redis (and, for `npm start` under Docker, Mailpit)
// are reachable, and tells the caller which URLs to hand to child processes.
//
// Order for each service:
//   1. the URL from the environment (DATABASE_URL / REDIS_URL), used as is;
//   2. a server already answering on the standard local port;
//   3. `docker compose up -d --wait ...` when a Docker engine answers;
//   4. on Debian as root: apt-get install (when missing) and start it;
//   5. otherwise stop with a message that says what to install or set.
//
// Plain Node ESM; only node built-ins, plus `pg` (loaded lazily) in ensureDatabase.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, accessSync, constants as fsConstants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HOST = '127.0.0.1';
const PG_PORT = 5432;
const REDIS_PORT = 6379;
const SMTP_PORT = 1025;
const DEFAULT_DATABASE_URL = `postgres://postgres:postgres@${HOST}:${PG_PORT}/campaign_crm`;
const DEFAULT_REDIS_URL = `redis://${HOST}:${REDIS_PORT}`;
const MAILPIT_SMTP_URL = `smtp://${HOST}:${SMTP_PORT}`;
const MAILPIT_WEB_URL = 'http://localhost:8025';

const POLL_INTERVAL_MS = 250;
const WAIT_TIMEOUT_MS = 60_000;

export function log(message) {
  console.log(`[setup] ${message}`);
}

function fail(message) {
  for (const line of String(message).split('\n')) console.error(`[setup] ${line}`);
  process.exit(1);
}

/** A URL with any password replaced by `***`, safe to print. */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when a TCP connection to host:port succeeds within timeoutMs. */
export function tcpAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Polls host:port every 250 ms for up to 60 s; exits the process when it never answers. */
export async function waitForPort(name, host, port, timeoutMs = WAIT_TIMEOUT_MS) {
  log(`waiting for ${name} on ${host}:${port} ...`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tcpAnswers(host, port, 1000)) {
      log(`${name} answers on ${host}:${port}`);
      return;
    }
    if (Date.now() >= deadline) {
      fail(
        `${name} did not answer on ${host}:${port} within ${Math.round(timeoutMs / 1000)} s.\n` +
          `Check that it started (its logs) and that nothing else holds the port.`,
      );
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

/** Whether an executable called `name` is on PATH (or in the usual sbin dirs). */
function hasCommand(name) {
  const dirs = (process.env.PATH || '')
    .split(path.delimiter)
    .concat(['/usr/sbin', '/sbin', '/usr/local/sbin']);
  for (const dir of dirs) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, name), fsConstants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

/**
 * Runs a command with inherited stdio. `shown` is what gets printed instead of the
 * real command line (so secrets in arguments are never echoed).
 */
function run(command, args, { shown, env, allowFailure = false } = {}) {
  const display = [command, ...args]
    .map((a) => (a === '' ? '""' : /[\s"'$]/.test(a) ? JSON.stringify(a) : a))
    .join(' ');
  log(`$ ${shown ?? display}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env: env ?? process.env });
    child.once('error', (err) => {
      if (allowFailure) resolve(127);
      else fail(`could not run ${command}: ${err.message}`);
    });
    child.once('exit', (code, signal) => {
      const status = code ?? 1;
      if (status !== 0 && !allowFailure) {
        fail(`${shown ?? command} failed (${signal ? `signal ${signal}` : `exit code ${status}`})`);
      }
      resolve(status);
    });
  });
}

function dockerEngineAnswers() {
  if (!hasCommand('docker')) return false;
  const r = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 20_000 });
  return r.status === 0;
}

/** ['docker', 'compose'] or ['docker-compose'], whichever works. */
function composeCommand() {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0)
    return ['docker', 'compose'];
  if (
    hasCommand('docker-compose') &&
    spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0
  ) {
    return ['docker-compose'];
  }
  return null;
}

function postgresVersionDir() {
  if (!existsSync('/etc/postgresql')) return null;
  const versions = readdirSync('/etc/postgresql')
    .filter((d) => statSync(path.join('/etc/postgresql', d)).isDirectory())
    .sort((a, b) => Number(a) - Number(b));
  if (versions.length === 0) return null;
  if (versions.length > 1)
    log(`several PostgreSQL versions in /etc/postgresql (${versions.join(', ')}); using ${versions.at(-1)}`);
  return versions.at(-1);
}

function postgresInstalled() {
  return hasCommand('pg_ctlcluster') && postgresVersionDir() !== null;
}

async function startWithDocker(missing, withMailpit) {
  const compose = composeCommand();
  if (!compose) {
    return false;
  }
  const services = [...missing, ...(withMailpit ? ['mailpit'] : [])];
  log(`starting ${services.join(', ')} with Docker Compose (docker-compose.yml in ${REPO_ROOT})`);
  const [cmd, ...pre] = compose;
  await run(cmd, [...pre, 'up', '-d', '--wait', ...services]);
  if (missing.includes('postgres')) await waitForPort('PostgreSQL', HOST, PG_PORT);
  if (missing.includes('redis')) await waitForPort('Redis', HOST, REDIS_PORT);
  if (withMailpit) await waitForPort('Mailpit SMTP', HOST, SMTP_PORT);
  return true;
}

async function startWithApt(missing) {
  const packages = [];
  if (missing.includes('postgres') && !postgresInstalled()) packages.push('postgresql');
  if (missing.includes('redis') && !hasCommand('redis-server')) packages.push('redis-server');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (packages.length > 0) {
    log(`installing ${packages.join(' ')} with apt-get`);
    await run('apt-get', ['update'], { env: aptEnv });
    await run('apt-get', ['install', '-y', ...packages], { env: aptEnv });
  }

  if (missing.includes('postgres')) {
    const version = postgresVersionDir();
    if (!version) fail('PostgreSQL was installed but /etc/postgresql has no version directory.');
    if (!existsSync(path.join('/etc/postgresql', version, 'main'))) {
      log(`PostgreSQL ${version} has no "main" cluster; creating it`);
      await run('pg_createcluster', [version, 'main']);
    }
    log(`starting PostgreSQL ${version} (cluster main)`);
    const status = await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      allowFailure: true,
    });
    // exit code 2 means "already running"; anything else is reported but we still wait for the port.
    if (status !== 0) log(`pg_ctlcluster exited with code ${status}; waiting for the port anyway`);
    await waitForPort('PostgreSQL', HOST, PG_PORT);
    log('setting the password of database user "postgres" (to match the default DATABASE_URL)');
    await run('su', ['postgres', '-c', `psql -q -c "ALTER USER postgres PASSWORD 'postgres'"`], {
      shown: `su postgres -c "psql -c 'ALTER USER postgres PASSWORD ***'"`,
    });
  }

  if (missing.includes('redis')) {
    log('starting Redis (no persistence)');
    await run('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      HOST,
      '--port',
      String(REDIS_PORT),
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    await waitForPort('Redis', HOST, REDIS_PORT);
  }
}

function cannotStart(missing) {
  const what = missing.map((s) =>
    s === 'postgres' ? `PostgreSQL on ${HOST}:${PG_PORT}` : `Redis on ${HOST}:${REDIS_PORT}`,
  );
  fail(
    [
      `Not reachable: ${what.join(' and ')}; and neither Docker nor apt (as root on Debian/Ubuntu) is available to start them.`,
      'Do one of these, then run the command again:',
      '  - install and start PostgreSQL 15+ and Redis 7+ locally (listening on 127.0.0.1:5432 and 127.0.0.1:6379);',
      `  - install Docker with Compose v2 and start the engine (this script then runs \`docker compose up -d --wait\`);`,
      '  - or point the app at existing servers:',
      '      export DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/campaign_crm',
      '      export REDIS_URL=redis://HOST:6379',
    ].join('\n'),
  );
}

/**
 * @param {{ purpose: 'start' | 'test' }} options
 * @returns {Promise<{ env: Record<string,string>, mailpitWebUrl?: string }>}
 *   env: DATABASE_URL, REDIS_URL and (when Mailpit was started) SMTP_URL, to pass to children.
 *   mailpitWebUrl: set when this call started Mailpit.
 */
export async function ensureServices({ purpose } = {}) {
  if (purpose !== 'start' && purpose !== 'test')
    throw new Error(`ensureServices: purpose must be 'start' or 'test'`);
  const env = {};
  const missing = [];

  if (process.env.DATABASE_URL) {
    env.DATABASE_URL = process.env.DATABASE_URL;
    log(`PostgreSQL: using DATABASE_URL from the environment (${redactUrl(env.DATABASE_URL)})`);
  } else if (await tcpAnswers(HOST, PG_PORT)) {
    env.DATABASE_URL = DEFAULT_DATABASE_URL;
    log(`PostgreSQL: found a server on ${HOST}:${PG_PORT}; DATABASE_URL=${redactUrl(env.DATABASE_URL)}`);
  } else {
    log(`PostgreSQL: DATABASE_URL is not set and nothing answers on ${HOST}:${PG_PORT}`);
    missing.push('postgres');
  }

  if (process.env.REDIS_URL) {
    env.REDIS_URL = process.env.REDIS_URL;
    log(`Redis: using REDIS_URL from the environment (${redactUrl(env.REDIS_URL)})`);
  } else if (await tcpAnswers(HOST, REDIS_PORT)) {
    env.REDIS_URL = DEFAULT_REDIS_URL;
    log(`Redis: found a server on ${HOST}:${REDIS_PORT}; REDIS_URL=${env.REDIS_URL}`);
  } else {
    log(`Redis: REDIS_URL is not set and nothing answers on ${HOST}:${REDIS_PORT}`);
    missing.push('redis');
  }

  let mailpitWebUrl;
  if (missing.length > 0) {
    let started = false;
    if (dockerEngineAnswers()) {
      log('Docker engine answers');
      // Mailpit only matters for `npm start` without an SMTP server of the user's own.
      const withMailpit = purpose === 'start' && !process.env.SMTP_URL;
      started = await startWithDocker(missing, withMailpit);
      if (!started)
        log('Docker answers but neither `docker compose` nor `docker-compose` works; trying other ways');
      else if (withMailpit) {
        env.SMTP_URL = MAILPIT_SMTP_URL;
        mailpitWebUrl = MAILPIT_WEB_URL;
        log(`Mailpit started: SMTP_URL=${MAILPIT_SMTP_URL}; read the mail at ${MAILPIT_WEB_URL}`);
      }
    }
    if (
      !started &&
      existsSync('/etc/debian_version') &&
      typeof process.getuid === 'function' &&
      process.getuid() === 0
    ) {
      log('no usable Docker; using apt-get and starting the servers directly (Debian, running as root)');
      await startWithApt(missing);
      started = true;
    }
    if (!started) cannotStart(missing);
    if (missing.includes('postgres')) env.DATABASE_URL = DEFAULT_DATABASE_URL;
    if (missing.includes('redis')) env.REDIS_URL = DEFAULT_REDIS_URL;
    log(`services ready: DATABASE_URL=${redactUrl(env.DATABASE_URL)} REDIS_URL=${redactUrl(env.REDIS_URL)}`);
  }

  return mailpitWebUrl ? { env, mailpitWebUrl } : { env };
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates the database named in databaseUrl's path when it does not exist yet,
 * connecting to the same server's `postgres` database (or `template1`).
 */
export async function ensureDatabase(databaseUrl) {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`ensureDatabase: no database name in ${redactUrl(databaseUrl)}`);
  if (name.includes('\0')) throw new Error('ensureDatabase: database name contains a NUL byte');

  const { default: pg } = await import('pg');

  const connect = async (adminDb) => {
    const adminUrl = new URL(url);
    adminUrl.pathname = `/${adminDb}`;
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    return client;
  };

  let client;
  try {
    client = await connect('postgres');
  } catch (err) {
    if (err && err.code === '3D000')
      client = await connect('template1'); // no `postgres` database
    else
      throw new Error(`could not connect to PostgreSQL at ${redactUrl(databaseUrl)}: ${err.message}`, {
        cause: err,
      });
  }

  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount > 0) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      log(`created database ${name}`);
    } catch (err) {
      // 42P04 duplicate_database; 23505 when two creators race on pg_database's unique index.
      if (err && (err.code === '42P04' || err.code === '23505')) return;
      throw err;
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The browser tests drive Debian's Chromium (never a browser downloaded by a test tool). Finds it
 * (CHROMIUM_PATH, else /usr/bin/chromium); on Debian or Ubuntu as root, installs it with apt-get;
 * else stops and says what to install.
 */
export async function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(wanted)) {
    log(`Chromium: ${wanted}`);
    return wanted;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasCommand('apt-get')) {
    fail(`No Chromium at ${wanted}. Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log('installing chromium with apt-get (for the browser tests)');
  await run('apt-get', ['update'], { env: aptEnv });
  await run('apt-get', ['install', '-y', 'chromium'], { env: aptEnv });
  if (!existsSync(wanted)) fail(`apt-get installed chromium but ${wanted} is not there; set CHROMIUM_PATH.`);
  return wanted;
}
