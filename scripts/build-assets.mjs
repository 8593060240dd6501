// Builds the supporter pages' assets into dist/assets: the island scripts bundled and minified with
// esbuild (one small ES module), and the stylesheet minified. Run by `npm run build` and `npm test`.

import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './services.mjs';

const out = join(REPO_ROOT, 'dist/assets');
await mkdir(out, { recursive: true });
await build({
  entryPoints: [
    { in: join(REPO_ROOT, 'libs/web/islands/site.ts'), out: 'site' },
    { in: join(REPO_ROOT, 'libs/web/assets/site.css'), out: 'site' },
  ],
  outdir: out,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'safari14'],
  legalComments: 'none',
  logLevel: 'warning',
});
