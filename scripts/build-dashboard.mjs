// Builds the organisers' dashboard (apps/dashboard, React + Vite) into dist/dashboard, which the api
// serves at /organise. Run by `npm run build` (so by `npm start` and the Docker build) and `npm test`.

import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from './services.mjs';

await build({ configFile: join(REPO_ROOT, 'apps/dashboard/vite.config.mts'), logLevel: 'warn' });
