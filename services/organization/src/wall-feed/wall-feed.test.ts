import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, type GraphQLSchema, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { monthsEnding } from '../coverage/coverage.rules.js';
import { today } from '../dates.js';
import { buildOrganizationSchema } from '../schema.js';
import { testSubgraph } from '../test-support.js';

const t = testSubgraph(23);
let schema: GraphQLSchema;

const ESTABLISH = `mutation ($input: EstablishPartyOrganizationInput!) { establishPartyOrganization(input: $input) { id } }`;
const DISSOLVE = `mutation ($id: ID!, $on: String!) { dissolvePartyOrganization(id: $id, dissolvedAt: $on) { id } }`;

async function establish(name: string, regionCode: string, covered: string[] = []): Promise<string> {
  // a standalone branch needs an organization with 3 full members, as party-work reports them
  if (covered.length === 1)
    await t.app.services.fullMemberCounts.reportFullMemberCount(covered[0]!, 3, 1, new Date().toISOString());
  const result = await t.as<{ establishPartyOrganization: { id: string } }>('operator', ESTABLISH, {
    input: {
      name,
      type: 'BRANCH',
      formationMode: covered.length > 1 ? 'JOINT' : 'STANDALONE',
      regionCode,
      establishedAt: today(),
      coveredOrganizationIds: covered,
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.establishPartyOrganization.id;
}

/** Opens a subscription on the subgraph's schema as `viewer`; the first event's data, once it comes. */
async function firstEvent(viewer: Viewer, query: string) {
  const stream = (await subscribe({
    schema,
    document: parse(query),
    contextValue: createContext(t.app.services, { viewer, requestId: 'wall-feed-test' }),
  })) as AsyncIterableIterator<ExecutionResult>;
  const next = stream.next();
  // let the Redis subscription settle before the write
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    data: async () => {
      const { value } = await next;
      await stream.return?.();
      expect(value.errors).toBeUndefined();
      return value.data as Record<string, Record<string, unknown>>;
    },
  };
}

beforeAll(async () => {
  await t.start();
  schema = await buildOrganizationSchema();
});
afterAll(() => t.stop());

describe('what a wall may read of Party organizations and registrations', () => {
  it('counts active Party organizations in the coverage figures, per scope, as they are established and dissolved', async () => {
    const read = async (region: string | null) =>
      (
        await t.as<{ coverageStats: { partyOrganizations: number; version: string } }>(
          'wall',
          'query ($r: ID) { coverageStats(regionCode: $r) { partyOrganizations version } }',
          { r: region },
        )
      ).data!.coverageStats;
    const before = {
      national: await read(null),
      zhejiang: await read('330000'),
      beijing: await read('110000'),
    };
    const party = await establish('西湖区网络社会组织联合党支部', '330106');
    await t.app.services.coverageStats.settled();
    const after = await read('330000');
    expect(after.partyOrganizations).toBe(before.zhejiang.partyOrganizations + 1);
    expect(BigInt(after.version)).toBeGreaterThan(BigInt(before.zhejiang.version));
    expect((await read(null)).partyOrganizations).toBe(before.national.partyOrganizations + 1);
    expect((await read('110000')).partyOrganizations).toBe(before.beijing.partyOrganizations);
    expect((await t.as('operator', DISSOLVE, { id: party, on: today() })).errors).toBeUndefined();
    await t.app.services.coverageStats.settled();
    expect((await read('330000')).partyOrganizations).toBe(before.zhejiang.partyOrganizations);
  });

  it('gives the registration trend by month: this month gains a registration, and its coverage when covered', async () => {
    const read = async () =>
      (
        await t.as<{
          coverageStats: { byMonth: Array<{ month: string; registered: number; newlyCovered: number }> };
        }>('wall', '{ coverageStats(regionCode: "330100") { byMonth { month registered newlyCovered } } }')
      ).data!.coverageStats.byMonth;
    const before = await read();
    expect(before.map((m) => m.month)).toEqual(monthsEnding(today()));
    const organization = await t.register('330108', { registeredAt: today() });
    await t.app.services.coverageStats.settled();
    const registered = await read();
    expect(registered.at(-1)).toEqual({
      ...before.at(-1),
      registered: before.at(-1)!.registered + 1,
    });
    await establish('测试协会党支部', '330108', [organization]);
    await t.app.services.coverageStats.settled();
    expect((await read()).at(-1)).toEqual({
      ...registered.at(-1),
      newlyCovered: registered.at(-1)!.newlyCovered + 1,
    });
    expect((await read()).slice(0, -1)).toEqual(before.slice(0, -1));
  });

  it('lists the latest registrations and Party organizations to a wall, newest first, names and regions only', async () => {
    const id = await t.register('330106', { name: '杭州市网络作家协会' });
    const party = await establish('杭州市网络作家协会党支部', '330106', [id]);
    const result = await t.as<{
      recentRegistrations: Array<Record<string, unknown>>;
      recentEstablishments: Array<Record<string, unknown>>;
    }>(
      'wall',
      `{ recentRegistrations(regionCode: "330100", first: 2) { id name type registeredAt region { code name } }
         recentEstablishments(regionCode: "330100", first: 3) { id name type formationMode establishedAt region { code } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recentRegistrations).toHaveLength(2);
    expect(result.data!.recentRegistrations[0]).toEqual({
      id,
      name: '杭州市网络作家协会',
      type: 'SOCIAL_ASSOCIATION',
      registeredAt: '2025-03-01',
      region: { code: '330106', name: expect.any(String) },
    });
    expect(result.data!.recentEstablishments[0]).toEqual({
      id: party,
      name: '杭州市网络作家协会党支部',
      type: 'BRANCH',
      formationMode: 'STANDALONE',
      establishedAt: today(),
      region: { code: '330106' },
    });
  });

  it('scopes the feed to the viewer’s region', async () => {
    await t.register('440305');
    const guangdong = await t.as<{ recentRegistrations: Array<{ region: { code: string } }> }>(
      'wall',
      '{ recentRegistrations(first: 50) { region { code } } }',
      {},
      '440000',
    );
    expect(guangdong.data!.recentRegistrations.length).toBeGreaterThan(0);
    expect(guangdong.data!.recentRegistrations.every((r) => r.region.code.startsWith('44'))).toBe(true);
    const outside = await t.as('wall', '{ recentEstablishments(regionCode: "330000") { id } }', {}, '440000');
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('streams each registration and new Party organization to a wall of an enclosing region', async () => {
    const wall = new Viewer('wall-screen', ['wall'], '330000');
    const registrations = await firstEvent(
      wall,
      'subscription { registrationFeed(regionCode: "330100") { name type region { code } } }',
    );
    const id = await t.register('330108', { name: '滨江区互联网企业联合会' });
    expect((await registrations.data()).registrationFeed).toEqual({
      name: '滨江区互联网企业联合会',
      type: 'SOCIAL_ASSOCIATION',
      region: { code: '330108' },
    });
    const establishments = await firstEvent(
      wall,
      'subscription { establishmentFeed { name formationMode establishedAt region { code } } }',
    );
    await establish('滨江区互联网企业联合会党支部', '330108', [id]);
    expect((await establishments.data()).establishmentFeed).toEqual({
      name: '滨江区互联网企业联合会党支部',
      formationMode: 'STANDALONE',
      establishedAt: today(),
      region: { code: '330108' },
    });
  });
});
