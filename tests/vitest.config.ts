import { defineProject } from 'vitest/config';
import { singleGraphql } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias: singleGraphql },
  test: {
    name: 'system',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    // each file boots the whole system (two subgraphs and the gateway as processes) on free ports
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
