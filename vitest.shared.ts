import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node loads the CJS one, as do the CJS libraries
 * around it (@apollo/subgraph); Vite would pick the ESM one for our own imports, and two copies of graphql
 * cannot share a schema. Point every bare `graphql` import at the one Node uses.
 */
export const singleGraphql: Array<{ find: RegExp; replacement: string }> = [
  {
    find: /^graphql$/,
    replacement: require.resolve('graphql', { paths: [`${import.meta.dirname}/platform`] }),
  },
];
