import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { singleGraphql } from '../vitest.shared.js';

export default defineProject({
  // inspector, composition and our checks must share one graphql, or a schema is not a schema to them
  resolve: { alias: singleGraphql },
  test: {
    name: 'schema',
    root: fileURLToPath(new URL('./', import.meta.url)),
    include: ['test/**/*.test.ts'],
    // one test runs the command itself, which loads the TypeScript compiler and composes twice
    testTimeout: 20_000,
  },
});
