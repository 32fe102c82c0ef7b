import { defineProject } from 'vitest/config';
import { singleGraphql } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias: singleGraphql },
  test: {
    name: 'platform',
    include: ['src/**/*.test.ts'],
    // tests on the real MariaDB and Redis wait on conditions with deadlines of their own; vitest's 5 s
    // default is shorter than those and flakes on a busy machine
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
