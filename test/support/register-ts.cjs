// Lets a child process run the apps from their TypeScript sources, as Jest does (swc, the
// tsconfig's @app/* paths), without a build: `node -r ./test/support/register-ts.cjs -e
// "require('./apps/worker/src/main.ts')"`. Used by tests that kill a real worker process.
const { join } = require('node:path');
const { addHook } = require('pirates');
const { transformSync } = require('@swc/core');
const tsconfigPaths = require('tsconfig-paths');

const root = join(__dirname, '..', '..');
const config = tsconfigPaths.loadConfig(root);
tsconfigPaths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });

addHook(
  (code, filename) =>
    transformSync(code, {
      filename,
      jsc: {
        parser: { syntax: 'typescript', decorators: true, tsx: filename.endsWith('.tsx') },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: true,
          react: { runtime: 'automatic', importSource: 'preact' },
        },
        target: 'es2023',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    }).code,
  { exts: ['.ts', '.tsx'], ignoreNodeModules: true },
);
