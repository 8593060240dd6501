// @ts-check
// ESLint flat config for the whole repo.
//   - TypeScript (apps, libs, migrations, test): typescript-eslint type-aware rules.
//   - Plain Node JS (scripts/*.mjs, this file, .dependency-cruiser.cjs): @eslint/js recommended only.
//   - eslint-config-prettier last, so formatting is left to Prettier.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

// No `globals` package installed: declare what plain Node scripts use.
const NODE_GLOBALS = /** @type {const} */ ({
  process: 'readonly',
  console: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  URL: 'readonly',
  Buffer: 'readonly',
});

// ---------------------------------------------------------------------------
// Import boundaries (no-restricted-imports). Flat config does not merge rule
// options across blocks, so each block below gets the full list it needs.
// ---------------------------------------------------------------------------

const DEEP_LIBRARY_IMPORT = {
  group: ['@app/*/**'],
  message:
    "Import a library through its index ('@app/core'), not a file inside it ('@app/core/errors/...'). " +
    'Export what you need from libs/<name>/src/index.ts.',
};

const CLIMB_OUT_MESSAGE =
  "Don't reach into another library or app with a relative path. " +
  "Import a library through its alias ('@app/core', '@app/mail', ...) and export what you need from its index.ts.";

const CLIMB_OUT_OF_PACKAGE = {
  group: ['**/libs/*/src/**', '../../libs/**', '../../apps/**'],
  message: CLIMB_OUT_MESSAGE,
};

// Closes the gaps of the group above: '../../../mail/src/x' (from a sub-folder of
// a library) or '../../../../apps/api/src/x'. Code inside a library or app never
// needs to climb above its own src/ folder, so any relative path that climbs and
// then enters a `src` folder crosses a package boundary.
const CLIMB_INTO_OTHER_SRC = {
  regex: String.raw`^(?:\.\./)+(?:[^/]+/)*src(?:/|$)`,
  message: CLIMB_OUT_MESSAGE,
};

// test/**: the same, except that tests may import an app's bootstrap
// (apps/api/src/bootstrap.ts documents createApi() as the entry point for the
// end-to-end tests; there is no @app/api alias).
const TEST_CLIMB_OUT = {
  group: ['**/libs/*/src/**', '../../libs/**'],
  message: CLIMB_OUT_MESSAGE,
};
const TEST_INTO_APPS = {
  regex: String.raw`^(?:\.\./)+(?!\.\./)(?!apps/[^/]+/src/bootstrap$)(?:[^/]+/)*(?:apps|src)(?:/|$)`,
  message:
    CLIMB_OUT_MESSAGE + ' From an app, tests may import only its bootstrap (../../apps/<app>/src/bootstrap).',
};

const LIBS_NOT_TO_MIGRATIONS = {
  group: ['@app/migrations', '@app/migrations/**'],
  message:
    'Libraries must not depend on migrations (migrations depend on libraries, not the other way round).',
};
const LIBS_NOT_TO_APPS_OR_MIGRATIONS = {
  regex: String.raw`^\.{1,2}/(?:[^/]+/)*(?:apps|migrations)(?:/|$)`,
  message: 'Libraries must not import from apps/ or migrations/; move the shared code into a library.',
};

const restrictImports = (...patterns) => ['error', { patterns }];

// The members library owns the member and member_role tables: other code asks it (MemberRepository,
// findOrAddPublicMember, …) rather than querying them. Entities may still name Member in relations.
const MEMBER_TABLES = {
  name: '@app/members',
  importNames: ['Member', 'MemberRole'],
  message:
    'The members library owns its tables: use MemberRepository (managersOf, getById, contactsByIds…) or ' +
    'another method it exports instead of querying Member/MemberRole (a type-only import is fine).',
  allowTypeImports: true,
};
// typescript-eslint's version of the rule, for allowTypeImports; the core rule is switched off there.
const restrictImportsAndMembers = (...patterns) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { paths: [MEMBER_TABLES], patterns }],
});

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'coverage/', 'var/', 'apps/dashboard/src/gql/']),

  // --- Plain Node ESM / CJS (no type information) -------------------------
  {
    name: 'repo/js',
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: NODE_GLOBALS,
    },
  },
  {
    name: 'repo/cjs',
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', __filename: 'readonly' },
    },
  },

  // --- TypeScript, type-aware ---------------------------------------------
  {
    name: 'repo/ts',
    files: TS_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Nest and Apollo hooks are async by contract; an await-less one is not a bug.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // class-transformer / GraphQL reflection needs explicit types on defaulted class fields.
      '@typescript-eslint/no-inferrable-types': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'all'],
    },
  },

  // --- Import boundaries ----------------------------------------------------
  {
    name: 'repo/boundaries/apps-migrations',
    files: ['apps/**', 'migrations/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        DEEP_LIBRARY_IMPORT,
        CLIMB_OUT_OF_PACKAGE,
        CLIMB_INTO_OTHER_SRC,
      ),
    },
  },
  {
    name: 'repo/boundaries/libs',
    files: ['libs/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        DEEP_LIBRARY_IMPORT,
        CLIMB_OUT_OF_PACKAGE,
        CLIMB_INTO_OTHER_SRC,
        LIBS_NOT_TO_MIGRATIONS,
        LIBS_NOT_TO_APPS_OR_MIGRATIONS,
      ),
    },
  },
  {
    name: 'repo/boundaries/member-tables/libs',
    files: ['libs/**'],
    ignores: ['libs/members/**', '**/*.entity.ts'],
    rules: restrictImportsAndMembers(
      DEEP_LIBRARY_IMPORT,
      CLIMB_OUT_OF_PACKAGE,
      CLIMB_INTO_OTHER_SRC,
      LIBS_NOT_TO_MIGRATIONS,
      LIBS_NOT_TO_APPS_OR_MIGRATIONS,
    ),
  },
  {
    name: 'repo/boundaries/member-tables/apps',
    files: ['apps/**'],
    rules: restrictImportsAndMembers(DEEP_LIBRARY_IMPORT, CLIMB_OUT_OF_PACKAGE, CLIMB_INTO_OTHER_SRC),
  },
  {
    name: 'repo/boundaries/test',
    files: ['test/**'],
    rules: {
      'no-restricted-imports': restrictImports(DEEP_LIBRARY_IMPORT, TEST_CLIMB_OUT, TEST_INTO_APPS),
    },
  },

  // --- Tests ------------------------------------------------------------------
  // Jest globals come from `types: ["jest"]` in tsconfig.json. No relaxations yet:
  // if `expect(obj.method).toHaveBeenCalled()` trips unbound-method, or mocks trip
  // no-unsafe-*, add a block here with files ['**/*.spec.ts', 'test/**/*.ts'] that relaxes them.

  // Must stay last: turns off rules that conflict with Prettier ...
  prettier,
  // ... except `curly`, which eslint-config-prettier switches off as a "special rule"
  // but documents as safe with 'all' (Prettier never removes braces).
  {
    name: 'repo/after-prettier',
    files: TS_FILES,
    rules: { curly: ['error', 'all'] },
  },
]);
