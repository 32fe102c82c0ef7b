import { defineProject } from 'vitest/config';
import { singleGraphql } from '../../vitest.shared.js';

export default defineProject({
  resolve: { alias: singleGraphql },
  test: {
    name: 'organization',
    include: ['src/**/*.test.ts'],
    // type-graphql's decorators need the polyfill before any class is defined; the servers load it first
    setupFiles: ['reflect-metadata'],
    // each test file creates and drops a database of its own on the real MariaDB
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
