// `npm start`: make sure PostgreSQL and Redis run, build, migrate, seed demo data,
// then run the API and the worker side by side until either stops or we are told to.

import { spawn } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import { ensureServices, ensureDatabase, log, redactUrl, REPO_ROOT } from './services.mjs';

// Entry points of the built apps (relative to the repo root).
const CLI_ENTRY = 'dist/apps/cli/src/main.js';
const API_ENTRY = 'dist/apps/api/src/main.js';
const WORKER_ENTRY = 'dist/apps/worker/src/main.js';

const MAIL_CAPTURE_DIR_DEFAULT = './var/mail';
const KILL_AFTER_MS = 10_000;

const NODE = process.execPath;

function warnOldNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24)
    log(`warning: running on Node ${process.versions.node}; this project needs Node 24 or newer`);
}

/** Runs a command with inherited stdio; exits with its code when it fails. */
function runStep(label, command, args, env) {
  log(`${label}: ${[command === NODE ? 'node' : command, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
    child.once('error', (err) => {
      console.error(`[setup] ${label} could not start: ${err.message}`);
      process.exit(1);
    });
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve();
      console.error(`[setup] ${label} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`);
      process.exit(code || 1);
    });
  });
}

/** `npm run build`, with the same npm that runs us when there is one. */
function npmRunBuild(env) {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) return runStep('build', NODE, [npmCli, 'run', 'build'], env);
  return runStep('build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], env);
}

function exitCodeOf(code, signal) {
  if (typeof code === 'number') return code;
  if (signal && os.constants.signals[signal]) return 128 + os.constants.signals[signal];
  return 1;
}

function pipeLines(stream, out, prefix) {
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  rl.on('line', (line) => out.write(`${prefix}${line}\n`));
}

async function main() {
  warnOldNode();
  process.chdir(REPO_ROOT);

  const { env: serviceEnv, mailpitWebUrl } = await ensureServices({ purpose: 'start' });
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development', ...serviceEnv };

  await npmRunBuild(process.env);
  await ensureDatabase(env.DATABASE_URL);
  await runStep('migrate', NODE, [CLI_ENTRY, 'migrate'], env);
  // The made-up MSPs and demo campaign only in development, or when asked (`npm start -- --demo`,
  // SEED_DEMO=1); seed-demo decides and says what it did.
  const demo = process.argv.slice(2).includes('--demo') ? ['--demo'] : [];
  await runStep('seed demo data', NODE, [CLI_ENTRY, 'seed-demo', ...demo], env);

  const port = env.PORT || 3000;
  log(`supporter pages: http://localhost:${port}/`);
  log(`GraphQL: http://localhost:${port}/graphql`);
  if (env.SMTP_URL) {
    log(`mail is sent to ${redactUrl(env.SMTP_URL)}`);
    if (mailpitWebUrl) log(`read it in Mailpit at ${mailpitWebUrl}`);
  } else {
    log(
      `mail is written as .eml files to ${env.MAIL_CAPTURE_DIR || MAIL_CAPTURE_DIR_DEFAULT} (MAIL_CAPTURE_DIR)`,
    );
  }
  log('starting api and worker (Ctrl-C stops both)');

  const children = new Map(); // name -> { child, exited }
  let firstExit = null;
  let stopping = false;
  let killTimer = null;

  const stopAll = (signal) => {
    for (const [, c] of children) {
      if (!c.exited) c.child.kill(signal);
    }
  };

  const beginShutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    stopAll(signal);
    killTimer = setTimeout(() => {
      log(`still running after ${KILL_AFTER_MS / 1000} s; killing`);
      stopAll('SIGKILL');
    }, KILL_AFTER_MS);
    killTimer.unref();
  };

  const onExit = (name, code, signal) => {
    const entry = children.get(name);
    if (entry.exited) return;
    entry.exited = true;
    const status = exitCodeOf(code, signal);
    if (!firstExit) {
      firstExit = { name, status };
      if (!stopping)
        log(`${name} exited (${signal ? `signal ${signal}` : `code ${code}`}); stopping the others`);
      beginShutdown('SIGTERM');
    }
    if ([...children.values()].every((c) => c.exited)) {
      if (killTimer) clearTimeout(killTimer);
      // Let pending output drain, then leave with the first child's code.
      process.exitCode = firstExit.status;
      setTimeout(() => process.exit(firstExit.status), 1000).unref();
    }
  };

  const startChild = (name, entry) => {
    // Own process group: a Ctrl-C in the terminal reaches only us, and we forward it once.
    const child = spawn(NODE, [entry], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    children.set(name, { child, exited: false });
    pipeLines(child.stdout, process.stdout, `[${name}] `);
    pipeLines(child.stderr, process.stderr, `[${name}] `);
    child.once('error', (err) => {
      console.error(`[setup] ${name} could not start: ${err.message}`);
      onExit(name, 1, null);
    });
    // 'close' comes after the child's stdout/stderr have ended, so no last lines are lost.
    child.once('close', (code, signal) => onExit(name, code, signal));
  };

  let signalsSeen = 0;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      signalsSeen += 1;
      if (signalsSeen === 1) {
        log(`${sig} received; stopping api and worker`);
        beginShutdown(sig === 'SIGHUP' ? 'SIGTERM' : sig);
      } else {
        log(`${sig} received again; killing api and worker`);
        stopAll('SIGKILL');
      }
    });
  }
  // Last resort: never leave children behind when we exit for any other reason.
  process.on('exit', () => stopAll('SIGKILL'));

  startChild('api', API_ENTRY);
  startChild('worker', WORKER_ENTRY);
}

main().catch((err) => {
  console.error(`[setup] ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
