import { demoUscc, seededRandom } from '@pb/demo-data';
import { type DomainEvent, eventStream, publishDomainEvent } from '@pb/platform/events';
import { type GraphQLResult, testEnvironment, untilWatched } from '@pb/platform/testing';
import { usccCheckCharacter } from '@pb/platform/uscc';
import { Viewer } from '@pb/platform/viewer';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganizationApp, type OrganizationApp } from '../app.js';
import { SOCIAL_ORGANIZATION_REGISTERED } from '../events/announcer.js';
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
  return env.asViewer<T>(url, role, region, query, variables);
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

async function registered(overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await as<{ registerSocialOrganization: { id: string } }>('operator', REGISTER, {
    input: input(overrides),
  });
  return result.data!.registerSocialOrganization.id;
}

describe('the lifecycle of an organization', () => {
  const END = `mutation ($id: ID!, $on: String!) { deregisterSocialOrganization(id: $id, on: $on, reason: "自行解散") {
    status statusChangedAt version history { kind effectiveOn } } }`;

  it('updates descriptive fields as a dated change, and never in the future', async () => {
    const id = await registered();
    const UPDATE = `mutation ($input: UpdateSocialOrganizationInput!) {
      updateSocialOrganization(input: $input) { name staffCount category version history { kind effectiveOn details } }
    }`;
    const result = await as<{ updateSocialOrganization: Record<string, unknown> }>('operator', UPDATE, {
      input: {
        id,
        effectiveOn: '2025-06-01',
        name: '改名后的网络协会',
        staffCount: 30,
        category: '行业协会',
      },
    });
    expect(result.data?.updateSocialOrganization).toMatchObject({
      name: '改名后的网络协会',
      staffCount: 30,
      category: '行业协会',
      version: 2,
      history: [
        { kind: 'REGISTERED', effectiveOn: '2025-03-01' },
        { kind: 'UPDATED', effectiveOn: '2025-06-01' },
      ],
    });
    const early = await as('operator', UPDATE, { input: { id, effectiveOn: '2024-01-01', staffCount: 3 } });
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(early).message).toContain(
      'input.effectiveOn (2024-01-01) cannot be before the registration date',
    );
  });

  it('deregisters once, dated and kept in the history; a second time is a CONFLICT naming the date', async () => {
    const id = await registered();
    const done = await as<{ deregisterSocialOrganization: Record<string, unknown> }>('operator', END, {
      id,
      on: '2025-08-01',
    });
    expect(done.data?.deregisterSocialOrganization).toEqual({
      status: 'DEREGISTERED',
      statusChangedAt: '2025-08-01',
      version: 2,
      history: [
        { kind: 'REGISTERED', effectiveOn: '2025-03-01' },
        { kind: 'DEREGISTERED', effectiveOn: '2025-08-01' },
      ],
    });
    const twice = await as('operator', END, { id, on: '2025-08-02' });
    expect(errorOf(twice).code).toBe('CONFLICT');
    expect(twice.errors?.[0]?.extensions?.rule).toBe('ALREADY_DEREGISTERED');
    expect(errorOf(twice).message).toContain('already deregistered on 2025-08-01');
    const revoke = await as(
      'operator',
      'mutation ($id: ID!) { revokeSocialOrganization(id: $id, on: "2025-09-01") { status } }',
      { id },
    );
    expect(errorOf(revoke).code).toBe('CONFLICT');
  });

  it('refuses an end dated before the registration', async () => {
    const id = await registered();
    const result = await as('operator', END, { id, on: '2025-01-01' });
    expect(errorOf(result).code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.rule).toBe('DATES_OUT_OF_ORDER');
    expect(errorOf(result).message).toContain(
      'on (2025-01-01) cannot be before the registration date (2025-03-01)',
    );
  });

  it('records the charter clause with the date it changed', async () => {
    const id = await registered();
    const SET = `mutation ($id: ID!, $clause: CharterClause!, $on: String!) {
      setCharterClause(socialOrganizationId: $id, clause: $clause, changedOn: $on) { charterClause charterChangedAt }
    }`;
    const set = await as<{ setCharterClause: unknown }>('operator', SET, {
      id,
      clause: 'FULL_LEADERSHIP',
      on: '2025-05-01',
    });
    expect(set.data?.setCharterClause).toEqual({
      charterClause: 'FULL_LEADERSHIP',
      charterChangedAt: '2025-05-01',
    });
    const older = await as('operator', SET, { id, clause: 'BASIC', on: '2025-04-01' });
    expect(errorOf(older).message).toContain(
      'changedOn (2025-04-01) cannot be before the last charter change',
    );
  });

  it('streams each registration to socialOrganizationRegistered subscribers of its region', async () => {
    const stream = app.services.socialOrganizationQueries.subscribeRegistered(
      '330100',
      new Viewer('a', ['analyst'], null),
    );
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();
    await untilWatched(app.pubSub, SOCIAL_ORGANIZATION_REGISTERED, ['330100']);
    const id = await registered({ name: '订阅测试网络协会' });
    const { value } = await next;
    expect(value).toMatchObject({ id, name: '订阅测试网络协会', regionCode: '330106' });
    await iterator.return?.();
  });

  it('publishes SocialOrganizationChanged with a version that grows with each change', async () => {
    const redis = new Redis(env.common.redisUrl);
    try {
      const id = await registered();
      await as('operator', END, { id, on: '2025-08-01' });
      const entries = (await redis.xrange(
        eventStream(env.common.redisNamespace, 'organization'),
        '-',
        '+',
      )) as Array<[string, string[]]>;
      const events = entries
        .map(([, f]) => JSON.parse(f[1]!) as DomainEvent)
        .filter((e) => e.aggregateId === id);
      expect(events.map((e) => [e.type, e.version, e.data.status])).toEqual([
        ['SocialOrganizationChanged', 1, 'ACTIVE'],
        ['SocialOrganizationChanged', 2, 'DEREGISTERED'],
      ]);
      expect(events[0]!.data).toMatchObject({ id, regionCode: '330106', type: 'SOCIAL_ASSOCIATION' });
    } finally {
      redis.disconnect();
    }
  });
});

describe('eligibility from the full-member counts party-work reports', () => {
  const ELIGIBLE =
    'query ($id: ID) { socialOrganization(id: $id) { eligible reportedFullMemberCount fullMemberCountReportedAt } }';
  type Eligible = { socialOrganization: { eligible: boolean; reportedFullMemberCount: number } };

  it('applies reports in version order, ignoring older and repeated ones', async () => {
    const id = await registered();
    const service = app.services.fullMemberCounts;
    expect(await service.reportFullMemberCount(id, 4, 2, '2026-01-02T00:00:00Z')).toBe(true);
    expect(await service.reportFullMemberCount(id, 1, 1, '2026-01-01T00:00:00Z')).toBe(false);
    expect(await service.reportFullMemberCount(id, 9, 2, '2026-01-03T00:00:00Z')).toBe(false);
    const result = await as<Eligible>('analyst', ELIGIBLE, { id });
    expect(result.data?.socialOrganization).toEqual({
      eligible: true,
      reportedFullMemberCount: 4,
      fullMemberCountReportedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(await service.reportFullMemberCount(id, 2, 3, '2026-01-04T00:00:00Z')).toBe(true);
    expect((await as<Eligible>('analyst', ELIGIBLE, { id })).data?.socialOrganization.eligible).toBe(false);
  });

  it('moves the coverage figures exactly when a report crosses the threshold of 3', async () => {
    const id = await registered();
    const service = app.services.fullMemberCounts;
    const region = (
      await as<{ socialOrganization: { region: { code: string } } }>(
        'analyst',
        'query ($id: ID) { socialOrganization(id: $id) { region { code } } }',
        { id },
      )
    ).data!.socialOrganization.region.code;
    const eligible = async () =>
      (
        await as<{ coverageStats: { eligible: number } }>(
          'analyst',
          'query ($r: ID) { coverageStats(regionCode: $r) { eligible } }',
          { r: region },
        )
      ).data!.coverageStats.eligible;
    const before = await eligible();
    const steps: Array<[count: number, eligibleAfter: number]> = [
      [2, before],
      [3, before + 1],
      [7, before + 1],
      [1, before],
    ];
    for (const [i, [count, expected]] of steps.entries()) {
      expect(await service.reportFullMemberCount(id, count, 10 + i, new Date().toISOString())).toBe(true);
      expect(await eligible()).toBe(expected);
    }
  });

  it("consumes party-work's FullMemberCountChanged events, duplicates included", async () => {
    const id = await registered();
    const redis = new Redis(env.common.redisUrl);
    try {
      const stream = eventStream(env.common.redisNamespace, 'party-work');
      const event = (version: number, count: number): DomainEvent => ({
        type: 'FullMemberCountChanged',
        aggregateId: id,
        version,
        occurredAt: new Date().toISOString(),
        data: { socialOrganizationId: id, fullMemberCount: count, reportedAt: new Date().toISOString() },
      });
      for (const e of [event(1, 5), event(1, 5), event(3, 7), event(2, 1)])
        await publishDomainEvent(redis, stream, e);
      await expect
        .poll(
          async () =>
            (await as<Eligible>('analyst', ELIGIBLE, { id })).data?.socialOrganization
              .reportedFullMemberCount,
          {
            timeout: 5000,
          },
        )
        .toBe(7);
    } finally {
      redis.disconnect();
    }
  });

  it('offers no way to write the count through the public API', async () => {
    const result = await as<{
      __schema: { mutationType: { fields: Array<{ name: string; args: Array<{ name: string }> }> } };
    }>('admin', '{ __schema { mutationType { fields { name args { name } } } } }');
    const names = JSON.stringify(result.data);
    expect(names).not.toMatch(/fullMemberCount|eligible/i);
  });
});

describe('analyst filters', () => {
  it('filters by type, status, charter clause, eligibility, cover, dates and name, all scoped', async () => {
    const foundation = await registered({
      type: 'FOUNDATION',
      name: '滨江数字文化基金会',
      regionCode: '330108',
      registeredAt: '2024-05-05',
      charterClause: 'BASIC',
    });
    await app.services.fullMemberCounts.reportFullMemberCount(foundation, 5, 1, new Date().toISOString());
    const LIST = `query ($filter: SocialOrganizationFilter) {
      socialOrganizations(filter: $filter, first: 500) { totalCount edges { node { id } } }
    }`;
    const ids = async (filter: Record<string, unknown>, region: string | null = null) => {
      const result = await as<{ socialOrganizations: { edges: Array<{ node: { id: string } }> } }>(
        'analyst',
        LIST,
        { filter },
        region,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.socialOrganizations.edges.map((e) => e.node.id);
    };
    expect(await ids({ type: 'FOUNDATION' })).toContain(foundation);
    expect(
      await ids({
        type: 'FOUNDATION',
        charterClause: 'BASIC',
        eligible: true,
        covered: false,
        standalone: false,
      }),
    ).toEqual([foundation]);
    expect(await ids({ nameContains: '数字文化基金' })).toEqual([foundation]);
    expect(await ids({ coverageMode: 'JOINT', type: 'FOUNDATION' })).toEqual([]);
    expect(await ids({ registeredFrom: '2024-05-05', registeredTo: '2024-05-05' })).toEqual([foundation]);
    expect(await ids({ status: 'DEREGISTERED', type: 'FOUNDATION' })).toEqual([]);
    expect(await ids({ type: 'FOUNDATION' }, '440000')).toEqual([]);
    expect(await ids({ nameContains: '%' })).toEqual([]);
    const reversed = await as('analyst', LIST, {
      filter: { registeredFrom: '2025-01-01', registeredTo: '2024-01-01' },
    });
    expect(errorOf(reversed).code).toBe('BAD_USER_INPUT');
    expect(errorOf(reversed).message).toContain('filter.registeredTo');
  });
});
