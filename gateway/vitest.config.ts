import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { singleGraphql } from '../vitest.shared.js';

export default defineProject({
  // one graphql for our sources and graphql-yoga alike: with two, the runtime would not recognise our
  // UNAUTHENTICATED errors as GraphQL errors and would mask them
  resolve: { alias: singleGraphql },
  test: {
    name: 'gateway',
    // so that `npx vitest run -c gateway/vitest.config.ts` from the repository root finds the tests too
    root: fileURLToPath(new URL('./', import.meta.url)),
    include: ['src/**/*.test.ts'],
    // each file starts real subgraphs and gateways on free ports
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
