// `npm run bench`: runs the benchmarks compiled in dist/bench against what `npm run build` left in
// dist/ (it builds nothing: run `npm run build` first). Without an argument, the public path
// (public-path.bench.js, a few minutes; BENCH_SECONDS shortens it); with one, the benchmarks whose
// file name starts with it (`import-members`, `send-mailing`: these take longer).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { ensureServices, log, REPO_ROOT } from './services.mjs';

if (!existsSync(`${REPO_ROOT}/dist/bench`) || !existsSync(`${REPO_ROOT}/dist/apps/api/src/main.js`)) {
  console.error(
    '[bench] nothing built: run `npm run build` first (the benchmarks measure dist/ as deployed)',
  );
  process.exit(1);
}
const { env: serviceEnv } = await ensureServices({ purpose: 'test' });
const env = { ...process.env, ...serviceEnv };
const only = process.argv[2] ?? 'public-path';
for (const file of readdirSync(`${REPO_ROOT}/dist/bench`).filter(
  (f) => f.endsWith('.bench.js') && f.startsWith(only),
)) {
  log(`benchmark ${file}`);
  const run = spawnSync(process.execPath, [`dist/bench/${file}`], { cwd: REPO_ROOT, env, stdio: 'inherit' });
  if (run.status !== 0) {
    process.exit(run.status ?? 1);
  }
}
