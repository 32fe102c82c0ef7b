import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the wall's operations (`pnpm --filter @pb/dashboard codegen`), from the composed
 * supergraph the operations are checked against. The output is committed, so a build needs no codegen;
 * `src/graphql/__tests__/generated.test.ts` fails when it no longer matches the `.graphql` files.
 */
const config: CodegenConfig = {
  schema: '../schema/supergraph.graphql',
  documents: ['src/graphql/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: {
        // the panels read fragment fields straight off the result: one document serves several panels
        fragmentMasking: false,
        // the documents are imported from graphql.ts; the `graphql()` tag and its index go unused
        gqlTagName: 'graphql',
        skipIndexFile: true,
      },
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        // a wall outlives deploys: a kind the server adds later must not break the types' promise
        futureProofEnums: true,
      },
    },
  },
};

export default config;
