import { demoUscc, seededRandom, usccCheckCharacter } from '@pb/platform';
import { type GraphQLResult, postGraphQL, testEnvironment } from '@pb/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganizationApp, type OrganizationApp } from '../app.js';
import { testConfig } from '../test-support.js';

const env = testEnvironment('organization');
let app: OrganizationApp;
let url: string;
const random = seededRandom(7);

const REGISTER = `mutation ($input: RegisterSocialOrganizationInput!) {
  registerSocialOrganization(input: $input) { id uscc name type status registeredAt region { code name } }
}`;

function input(overrides: Record<string, unknown> = {}) {
  const regionCode = (overrides.regionCode as string | undefined) ?? '330106';
  return {
    uscc: demoUscc(random, '1', regionCode),
    name: `测试网络协会${Math.floor(random() * 1e6)}`,
    type: 'SOCIAL_ASSOCIATION',
    regionCode,
    registeredAt: '2025-03-01',
    registrationAuthority: '杭州市西湖区民政局',
    staffCount: 12,
    ...overrides,
  };
}

async function as<T>(
  role: Parameters<typeof env.token>[0],
  query: string,
  variables = {},
  region: string | null = null,
) {
  return postGraphQL<T>(url, await env.token(role, region), query, variables);
}

function errorOf(result: GraphQLResult<unknown>) {
  return { code: result.errors?.[0]?.extensions?.code, message: result.errors?.[0]?.message ?? '' };
}

beforeAll(async () => {
  app = await createOrganizationApp(testConfig(env));
  url = (await app.start(0)).url;
});
afterAll(async () => {
  await app?.stop();
  await env.cleanUp();
});

describe('registering a social organization', () => {
  it('stores it and returns it with its region', async () => {
    const values = input();
    const result = await as<{ registerSocialOrganization: Record<string, unknown> }>('operator', REGISTER, {
      input: values,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerSocialOrganization).toMatchObject({
      uscc: values.uscc,
      name: values.name,
      type: 'SOCIAL_ASSOCIATION',
      status: 'ACTIVE',
      registeredAt: '2025-03-01',
      region: { code: '330106', name: '西湖区' },
    });
    const [row] = await app.dataSource.query(
      'SELECT name, region_code FROM social_organization WHERE uscc = ?',
      [values.uscc],
    );
    expect(row).toEqual({ name: values.name, region_code: '330106' });
  });

  it('rejects a mistyped USCC naming the field and the expected check character', async () => {
    const values = input();
    const wrong = values.uscc.slice(0, 17) + (values.uscc[17] === '0' ? '1' : '0');
    const result = await as('operator', REGISTER, { input: { ...values, uscc: wrong } });
    const error = errorOf(result);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('input.uscc');
    expect(error.message).toContain(`"${usccCheckCharacter(values.uscc.slice(0, 17))}"`);
  });

  it('rejects an unknown region code', async () => {
    const result = await as('operator', REGISTER, { input: input({ regionCode: '339999' }) });
    expect(errorOf(result)).toMatchObject({ code: 'NOT_FOUND' });
    expect(errorOf(result).message).toContain('input.regionCode');
  });

  it('rejects a duplicate USCC as CONFLICT naming the existing organization', async () => {
    const values = input();
    await as('operator', REGISTER, { input: values });
    const result = await as('operator', REGISTER, { input: { ...values, name: '另一个名字' } });
    expect(errorOf(result).code).toBe('CONFLICT');
    expect(errorOf(result).message).toContain(values.name);
  });

  it('lets an operator register only in its own region, and never an analyst', async () => {
    const outside = await as('operator', REGISTER, { input: input({ regionCode: '440106' }) }, '330000');
    expect(errorOf(outside).code).toBe('FORBIDDEN');
    const analyst = await as('analyst', REGISTER, { input: input() });
    expect(errorOf(analyst).code).toBe('FORBIDDEN');
  });
});

describe('listing social organizations', () => {
  beforeAll(async () => {
    for (const regionCode of ['330106', '330108', '330212', '440106', '440305']) {
      await as('operator', REGISTER, { input: input({ regionCode }) });
    }
  });

  it('filters a region with every region below it, and pages with stable cursors', async () => {
    const query = `query ($region: ID, $after: String) {
      socialOrganizations(filter: { regionCode: $region }, first: 2, after: $after) {
        totalCount edges { cursor node { uscc region { code } } } pageInfo { hasNextPage endCursor }
      }
    }`;
    type Page = {
      socialOrganizations: {
        totalCount: number;
        edges: Array<{ node: { uscc: string; region: { code: string } } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const [expected] = await app.dataSource.query(
      "SELECT COUNT(*) AS n FROM social_organization WHERE region_code LIKE '33%'",
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GraphQLResult<Page> = await as<Page>('analyst', query, { region: '330000', after });
      expect(page.errors).toBeUndefined();
      const connection = page.data!.socialOrganizations;
      expect(connection.totalCount).toBe(Number(expected.n));
      for (const edge of connection.edges) {
        expect(edge.node.region.code.startsWith('33')).toBe(true);
        seen.push(edge.node.uscc);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(Number(expected.n));
  });

  it('shows a regional analyst only its region, by default and by id', async () => {
    const result = await as<{
      socialOrganizations: {
        totalCount: number;
        edges: Array<{ node: { id: string; region: { code: string } } }>;
      };
    }>(
      'analyst',
      '{ socialOrganizations(first: 500) { totalCount edges { node { id region { code } } } } }',
      {},
      '440000',
    );
    const codes = result.data!.socialOrganizations.edges.map((e) => e.node.region.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('44'))).toBe(true);
    const [zhejiang] = await app.dataSource.query(
      "SELECT id FROM social_organization WHERE region_code LIKE '33%' LIMIT 1",
    );
    const hidden = await as<{ socialOrganization: unknown }>(
      'analyst',
      'query ($id: ID) { socialOrganization(id: $id) { id } }',
      { id: zhejiang.id },
      '440000',
    );
    expect(hidden.data?.socialOrganization).toBeNull();
  });

  it('rejects a page size over the cap', async () => {
    const result = await as('analyst', '{ socialOrganizations(first: 501) { totalCount } }');
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(result).message).toContain('first must be from 0 to 500');
  });
});

describe('coverage statistics', () => {
  it('counts active organizations in a region and below, equal to the rows', async () => {
    for (const region of [null, '330000', '330100', '440000']) {
      const result = await as<{ coverageStats: { organizations: number; version: string } }>(
        'wall',
        'query ($region: ID) { coverageStats(regionCode: $region) { organizations version } }',
        { region },
      );
      const [row] = await app.dataSource.query(
        `SELECT COUNT(*) AS n FROM social_organization WHERE status = 'ACTIVE' ${region ? 'AND region_code LIKE ?' : ''}`,
        region ? [`${region.replace(/(00)+$/, '')}%`] : [],
      );
      expect(result.data?.coverageStats.organizations).toBe(Number(row.n));
      expect(BigInt(result.data!.coverageStats.version)).toBeGreaterThan(0n);
    }
  });

  it('masks internal errors and never shows SQL', async () => {
    const result = await as(
      'analyst',
      '{ socialOrganizations(filter: { regionCode: "33" }) { totalCount } }',
    );
    expect(errorOf(result).code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result)).not.toMatch(/SELECT|stack/i);
  });
});
