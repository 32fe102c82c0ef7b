import { defineConfig } from 'vitest/config';

/** One test run over every package; each package's own vitest.config.ts says how its tests run. */
export default defineConfig({
  test: {
    projects: [
      'platform',
      'tools/demo-data',
      'services/organization',
      'services/party-work',
      'gateway',
      'dashboard',
      'schema',
      'tests',
    ],
    // CI also keeps a machine-readable report, from which .ci/run prints its closing count
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'tests/artifacts/vitest-report.json' },
  },
});
