import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The api `npm run dev` forwards GraphQL and the CSV endpoints to (`npm start` runs it on 3000). */
const api = process.env.DASHBOARD_API_URL ?? 'http://localhost:3000';

/**
 * The organisers' dashboard: built by `npm run build` into dist/dashboard and served by the api at
 * /organise. Vite compiles the TSX itself (oxc), so no plugin is needed: React's automatic runtime.
 */
export default defineConfig({
  root,
  base: '/organise/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: ['es2022', 'safari15'],
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': api,
      '/branches': api,
      '/sign-in': api,
      '/petitions': api,
      '/venues': api,
      '/write': api,
    },
  },
});
