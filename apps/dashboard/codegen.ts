import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The dashboard's operations, typed from the api's committed schema (`npm run codegen`). `npm run
 * lint` runs this with --check: it fails when src/gql/ is stale or an operation does not match the
 * schema. Paths are from the repository's root (where npm runs scripts).
 */
const config: CodegenConfig = {
  schema: 'apps/api/schema.gql',
  documents: ['apps/dashboard/src/**/*.{ts,tsx}', '!apps/dashboard/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'apps/dashboard/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
