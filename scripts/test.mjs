// `npm test [-- jest args]`: make sure PostgreSQL and Redis run, then run Jest
// (ESM mode) with DATABASE_URL / REDIS_URL set and NODE_ENV=test.

import { spawn } from 'node:child_process';
import os from 'node:os';
import { ensureChromium, ensureServices, log, REPO_ROOT } from './services.mjs';

const JEST_BIN = 'node_modules/jest/bin/jest.js';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) log(`warning: running on Node ${process.versions.node}; this project needs Node 24 or newer`);

const { env: serviceEnv } = await ensureServices({ purpose: 'test' });
// The supporter pages' stylesheet and scripts, which the browser tests load, and the browser.
await import('./build-assets.mjs');
// The organisers' dashboard, which the api serves at /organise (its browser tests load it).
await import('./build-dashboard.mjs');
const chromium = await ensureChromium();
const env = { ...process.env, ...serviceEnv, NODE_ENV: 'test', CHROMIUM_PATH: chromium };
const args = process.argv.slice(2);

log(`running jest${args.length ? ` ${args.join(' ')}` : ''}`);
const jest = spawn(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', JEST_BIN, ...args],
  { cwd: REPO_ROOT, env, stdio: 'inherit' },
);

// Jest shares our terminal's process group, so it gets Ctrl-C itself; we just wait
// for it. A SIGTERM/SIGHUP sent to us alone is passed on.
process.on('SIGINT', () => {});
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => jest.kill(sig));

jest.once('error', (err) => {
  console.error(`[setup] could not start jest: ${err.message}`);
  process.exit(1);
});
jest.once('exit', (code, signal) => {
  if (typeof code === 'number') process.exit(code);
  process.exit(signal && os.constants.signals[signal] ? 128 + os.constants.signals[signal] : 1);
});
