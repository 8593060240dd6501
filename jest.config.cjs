/** Unit tests sit beside the code (*.spec.ts); end-to-end tests in test/e2e (*.e2e-spec.ts). */
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx },
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
  },
];

const libs = [
  'core',
  'web',
  'mail',
  'branches',
  'members',
  'auth',
  'events',
  'petitions',
  'pledges',
  'targets',
  'letters',
  'operations',
  'mailings',
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/scripts/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: { '^.+\\.ts$': swc(false), '^.+\\.tsx$': swc(true) },
  moduleNameMapper: Object.fromEntries([
    ...libs.map((lib) => [`^@app/${lib}$`, `<rootDir>/libs/${lib}/src`]),
    ['^@app/migrations$', '<rootDir>/migrations'],
    // Relative dynamic imports carry a .js extension (Node's ESM rules); the sources are .ts.
    ['^(\\.{1,2}/.*)\\.js$', '$1'],
  ]),
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  maxWorkers: 2,
  // The slowest files first when Jest has no timings of its own yet (see the file).
  testSequencer: '<rootDir>/test/support/test-sequencer.cjs',
};
