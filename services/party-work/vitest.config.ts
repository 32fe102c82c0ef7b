import { defineProject } from 'vitest/config';
import { singleGraphql } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: singleGraphql },
  test: {
    name: 'party-work',
    include: ['src/**/*.test.ts'],
    // each test file creates and drops a database of its own on the real MariaDB
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
