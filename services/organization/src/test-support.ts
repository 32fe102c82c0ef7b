import { demoUscc, seededRandom } from '@pb/demo-data';
import { type GraphQLResult, testEnvironment } from '@pb/platform/testing';
import type { Role } from '@pb/platform/viewer';
import { createOrganizationApp, type OrganizationApp } from './app.js';
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
    partyWorkUrl: 'http://127.0.0.1:4002/graphql',
    ...overrides,
  };
}

/** The code and message of a result's first error. */
export function errorOf(result: GraphQLResult<unknown>) {
  const error = result.errors?.[0];
  return {
    code: error?.extensions?.code,
    rule: error?.extensions?.rule,
    message: error?.message ?? '',
  };
}

/**
 * A running organization subgraph on a database of its own, with a GraphQL client per role and a
 * registration helper. Call `start` in `beforeAll` and `stop` in `afterAll`.
 */
export function testSubgraph(seed = 7) {
  const env = testEnvironment('organization');
  const random = seededRandom(seed);
  const harness = {
    env,
    random,
    app: undefined as unknown as OrganizationApp,
    url: '',
    async start(overrides: Partial<OrganizationConfig> = {}) {
      harness.app = await createOrganizationApp(testConfig(env, overrides));
      harness.url = (await harness.app.start(0)).url;
    },
    async stop() {
      await harness.app?.stop();
      await env.cleanUp();
    },
    /** Sends an operation as a viewer of `role` in `region` (national when null). */
    async as<T = Record<string, unknown>>(
      role: Role,
      query: string,
      variables: Record<string, unknown> = {},
      region: string | null = null,
    ): Promise<GraphQLResult<T>> {
      return env.asViewer<T>(harness.url, role, region, query, variables);
    },
    /** A valid registration input in `regionCode`, with overrides. */
    registration(regionCode = '330106', overrides: Record<string, unknown> = {}) {
      return {
        uscc: demoUscc(random, '1', regionCode),
        name: `测试网络协会${Math.floor(random() * 1e9)}`,
        type: 'SOCIAL_ASSOCIATION',
        regionCode,
        registeredAt: '2025-03-01',
        registrationAuthority: '杭州市西湖区民政局',
        staffCount: 12,
        ...overrides,
      };
    },
    /** Registers an organization as an operator and returns its id. */
    async register(regionCode = '330106', overrides: Record<string, unknown> = {}): Promise<string> {
      const result = await harness.as<{ registerSocialOrganization: { id: string } }>(
        'operator',
        'mutation ($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id } }',
        { input: harness.registration(regionCode, overrides) },
      );
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return result.data.registerSocialOrganization.id;
    },
  };
  return harness;
}
