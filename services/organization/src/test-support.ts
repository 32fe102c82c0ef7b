import type { testEnvironment } from '@pb/platform/testing';
import type { OrganizationConfig } from './config.js';

/** The subgraph's configuration for a test environment, with the coverage settings' defaults. */
export function testConfig(
  env: ReturnType<typeof testEnvironment>,
  overrides: Partial<OrganizationConfig> = {},
): OrganizationConfig {
  return {
    ...env.common,
    port: 0,
    database: env.database,
    consumerGroup: 'organization',
    syncDays: 30,
    instructorContactDays: 90,
    ...overrides,
  };
}
