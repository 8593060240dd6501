// `npm run bench`: make sure PostgreSQL and Redis run, build, then run every benchmark in dist/bench.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureServices, log, REPO_ROOT } from './services.mjs';

const { env: serviceEnv } = await ensureServices({ purpose: 'test' });
const env = { ...process.env, ...serviceEnv };
const build = spawnSync('npm', ['run', 'build'], {
  cwd: REPO_ROOT,
  env,
  stdio: 'inherit',
});
if (build.status !== 0) {
  process.exit(build.status ?? 1);
}
const only = process.argv[2];
for (const file of readdirSync(`${REPO_ROOT}/dist/bench`).filter(
  (f) => f.endsWith('.bench.js') && (!only || f.startsWith(only)),
)) {
  log(`benchmark ${file}`);
  const run = spawnSync(process.execPath, [`dist/bench/${file}`], { cwd: REPO_ROOT, env, stdio: 'inherit' });
  if (run.status !== 0) {
    process.exit(run.status ?? 1);
  }
}
