// `npm start`: make sure PostgreSQL and Redis run, build, migrate, seed demo data,
// then run the API and the worker side by side until we are told to stop (one that
// crashes is restarted: see supervise.mjs).

import { spawn } from 'node:child_process';
import { ensureServices, ensureDatabase, log, redactUrl, REPO_ROOT } from './services.mjs';
import { supervise } from './supervise.mjs';

// Entry points of the built apps (relative to the repo root).
const CLI_ENTRY = 'dist/apps/cli/src/main.js';
const API_ENTRY = 'dist/apps/api/src/main.js';
const WORKER_ENTRY = 'dist/apps/worker/src/main.js';

const MAIL_CAPTURE_DIR_DEFAULT = './var/mail';

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
  log(`organisers' dashboard: http://localhost:${port}/organise`);
  log(`GraphQL: http://localhost:${port}/graphql`);
  if (env.SMTP_URL) {
    log(`mail is sent to ${redactUrl(env.SMTP_URL)}`);
    if (mailpitWebUrl) log(`read it in Mailpit at ${mailpitWebUrl}`);
  } else {
    log(
      `mail is written as .eml files to ${env.MAIL_CAPTURE_DIR || MAIL_CAPTURE_DIR_DEFAULT} (MAIL_CAPTURE_DIR)`,
    );
  }
  log('starting api and worker (Ctrl-C stops both; either is restarted if it crashes)');
  supervise(
    [
      { name: 'api', args: [API_ENTRY] },
      { name: 'worker', args: [WORKER_ENTRY] },
    ],
    // Each closes within SHUTDOWN_TIMEOUT_SECONDS (25 s unless set) on its own; a little after that it is killed.
    { cwd: REPO_ROOT, env, log, killAfterMs: (Number(env.SHUTDOWN_TIMEOUT_SECONDS) || 25) * 1000 + 5_000 },
  );
}

main().catch((err) => {
  console.error(`[setup] ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
