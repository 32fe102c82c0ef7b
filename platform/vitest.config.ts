import { defineProject } from 'vitest/config';
import { singleGraphql } from '../vitest.shared.js';

export default defineProject({
  resolve: { alias: singleGraphql },
  test: { name: 'platform', include: ['src/**/*.test.ts'] },
});
