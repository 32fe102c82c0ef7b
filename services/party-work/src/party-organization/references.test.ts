import { quarterOf, today } from '@pb/platform/calendar';
import { Viewer } from '@pb/platform/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityMode, ActivityType } from '../activity/activity.type.js';
import { startTestApp, type TestApp } from '../test-support.js';

let test: TestApp;
const ORGS = Array.from(
  { length: 30 },
  (_, i) => `00000000-0000-4000-8000-0000000013${String(i).padStart(2, '0')}`,
);
const BRANCHES = Array.from(
  { length: 30 },
  (_, i) => `00000000-0000-4000-8000-0000000014${String(i).padStart(2, '0')}`,
);
const memberIds: string[] = [];

/** What the batching test reads of each Party organization. */
interface BranchFields {
  members: { totalCount: number; edges: Array<{ node: { id: string } }> };
  activities: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean } };
  compliance: {
    quarter: string;
    rate: number;
    items: Array<{ type: string; held: number; required: number }>;
  };
  lastActivity: { type: string } | null;
}

/** The SQL statements a block of work sends, read from TypeORM's logger. */
async function statements(work: () => Promise<unknown>): Promise<string[]> {
  const logger = test.app.dataSource.logger as { logQuery(query: string): void };
  // live figures of earlier writes (an organization applied moves several) are recomputed in the
  // background, reading the same tables: let every one finish first
  const { memberStats, secretaryStats, activityStats, fundingStats, talkStats } = test.app.services;
  for (const figure of [memberStats, secretaryStats, activityStats, fundingStats, talkStats])
    await figure.settled();
  const original = logger.logQuery.bind(logger);
  const seen: string[] = [];
  logger.logQuery = (query: string) => {
    seen.push(query);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

beforeAll(async () => {
  test = await startTestApp();
  const { organizations } = test.app.services;
  for (const [i, id] of ORGS.entries()) {
    await organizations.apply(
      { id, name: `组织${i}`, regionCode: i % 2 ? '330106' : '440305', status: 'ACTIVE' },
      1,
    );
    await organizations.applyPartyOrganization(
      {
        id: BRANCHES[i] as string,
        name: `支部${i}`,
        type: 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: i % 2 ? '330106' : '440305',
        establishedAt: '2020-01-01',
      },
      1,
    );
    const added = await test.as<{ addPartyMember: { id: string } }>(
      'operator',
      'mutation ($i: AddPartyMemberInput!) { addPartyMember(input: $i) { id } }',
      {
        i: {
          name: `党员${i}`,
          socialOrganizationId: id,
          branchId: BRANCHES[i],
          stage: i % 3 ? 'FULL' : 'PROBATIONARY',
          stageSince: '2020-01-01',
        },
      },
    );
    memberIds.push(added.data!.addPartyMember.id);
  }
});
afterAll(async () => {
  await test?.stop();
});

describe('entity references', () => {
  it('load any number of members in one query, in order, null outside the region', async () => {
    let result:
      | Awaited<ReturnType<typeof test.as<{ _entities: Array<{ id: string; history: unknown[] } | null> }>>>
      | undefined;
    const sql = await statements(async () => {
      result = await test.as<{ _entities: Array<{ id: string; history: unknown[] } | null> }>(
        'analyst',
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PartyMember { id history { kind } } } }',
        { r: memberIds.map((id) => ({ __typename: 'PartyMember', id })) },
        '330000',
      );
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?._entities.map((e) => e?.id ?? null)).toEqual(
      memberIds.map((id, i) => (i % 2 ? id : null)),
    );
    expect(sql.filter((q) => /FROM [`"]?party_member/.test(q))).toHaveLength(1);
    expect(sql.filter((q) => /FROM stage_change/.test(q))).toHaveLength(1);
  });

  it('tell a viewer nothing of another region, whatever id it asks about', async () => {
    // ORGS alternate 440305 (even) and 330106 (odd); the viewer is in Zhejiang
    const counts = await test.as<{
      _entities: Array<{ fullMemberCount: number; probationaryMemberCount: number }>;
    }>(
      'wall',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on SocialOrganization { fullMemberCount probationaryMemberCount } } }',
      { r: ORGS.slice(0, 4).map((id) => ({ __typename: 'SocialOrganization', id })) },
      '330000',
    );
    expect(counts.errors).toBeUndefined();
    const inZhejiang = counts.data!._entities.filter((_, i) => i % 2 === 1);
    expect(inZhejiang.some((c) => c.fullMemberCount + c.probationaryMemberCount > 0)).toBe(true);
    expect(counts.data!._entities.filter((_, i) => i % 2 === 0)).toEqual([
      { fullMemberCount: 0, probationaryMemberCount: 0 },
      { fullMemberCount: 0, probationaryMemberCount: 0 },
    ]);
    const compliance = (id: string) =>
      test.as(
        'wall',
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on PartyOrganization { compliance(quarter: "${quarterOf(today())}") { rate } } } }`,
        { r: [{ __typename: 'PartyOrganization', id }] },
        '330000',
      );
    const guangdong = await compliance(BRANCHES[0]!);
    const unknown = await compliance('00000000-0000-4000-8000-000000009999');
    expect(guangdong.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(guangdong.errors?.[0]?.message.replace(BRANCHES[0]!, 'ID')).toBe(
      unknown.errors?.[0]?.message.replace('00000000-0000-4000-8000-000000009999', 'ID'),
    );
    expect(JSON.stringify(guangdong)).not.toMatch(/44\d{4}/);
  });

  it('count members of many organizations and load many Party organizations in one query each', async () => {
    let result:
      | Awaited<ReturnType<typeof test.as<{ _entities: Array<Record<string, unknown>> }>>>
      | undefined;
    const sql = await statements(async () => {
      result = await test.as<{ _entities: Array<Record<string, unknown>> }>(
        'admin',
        `query ($r: [_Any!]!) { _entities(representations: $r) {
           ... on SocialOrganization { fullMemberCount probationaryMemberCount }
           ... on PartyOrganization { secretary { personName } members(first: 1) { totalCount } } } }`,
        {
          r: [
            ...ORGS.map((id) => ({ __typename: 'SocialOrganization', id })),
            ...BRANCHES.map((id) => ({ __typename: 'PartyOrganization', id })),
          ],
        },
      );
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?._entities.slice(0, 3)).toEqual([
      { fullMemberCount: 0, probationaryMemberCount: 1 },
      { fullMemberCount: 1, probationaryMemberCount: 0 },
      { fullMemberCount: 1, probationaryMemberCount: 0 },
    ]);
    expect(
      sql.filter((q) => /stage = \?|stage = 'FULL'/.test(q) && /GROUP BY social_organization_id/.test(q)),
    ).toHaveLength(2);
    expect(sql.filter((q) => /FROM [`"]?party_organization_replica/.test(q))).toHaveLength(1);
    expect(sql.filter((q) => /FROM staff_assignment/.test(q))).toHaveLength(1);
  });

  it('resolve members, activities, compliance and the last activity of many Party organizations in one query each', async () => {
    const admin = new Viewer('references', ['admin'], null);
    for (const branchId of BRANCHES.slice(0, 4))
      for (const type of ['GENERAL_MEETING', 'THEMED_PARTY_DAY'] as const)
        await test.app.services.activities.record(
          {
            branchId,
            type: type as ActivityType,
            mode: 'OFFLINE' as ActivityMode,
            title: '支部活动',
            heldAt: new Date(Date.now() - 3600_000).toISOString(),
            expected: 1,
            present: 1,
            online: 0,
            excused: 0,
            absent: 0,
          },
          admin,
        );
    const quarter = quarterOf(today());
    // the recorded activities' live figures are recomputed in the background: not this request's queries
    await test.app.services.activityStats.settled();
    let result: Awaited<ReturnType<typeof test.as<{ _entities: BranchFields[] }>>> | undefined;
    const sql = await statements(async () => {
      result = await test.as<{ _entities: BranchFields[] }>(
        'admin',
        `query ($r: [_Any!]!, $q: String!) { _entities(representations: $r) {
           ... on PartyOrganization {
             members(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage } }
             activities(first: 1) { totalCount edges { node { type } } pageInfo { hasNextPage } }
             compliance(quarter: $q) { quarter rate items { type held required } }
             lastActivity { type } } } }`,
        { r: BRANCHES.map((id) => ({ __typename: 'PartyOrganization', id })), q: quarter },
      );
    });
    expect(result?.errors).toBeUndefined();
    const entities = result!.data!._entities;
    expect(entities.map((e) => e.members.totalCount)).toEqual(BRANCHES.map(() => 1));
    expect(entities.map((e) => e.members.edges[0]?.node.id)).toEqual(memberIds);
    expect(entities.map((e) => e.activities.totalCount)).toEqual(BRANCHES.map((_, i) => (i < 4 ? 2 : 0)));
    expect(entities[0]?.activities.pageInfo.hasNextPage).toBe(true);
    expect(entities[4]?.activities.edges).toEqual([]);
    expect(entities[0]?.compliance.items.find((item) => item.type === 'GENERAL_MEETING')).toEqual({
      type: 'GENERAL_MEETING',
      held: 1,
      required: 1,
    });
    expect(entities[5]?.compliance).toMatchObject({ quarter, rate: 0 });
    expect(entities.map((e) => e.lastActivity !== null)).toEqual(BRANCHES.map((_, i) => i < 4));
    // one query per field for the 30 of them, whatever their number
    expect(sql.filter((q) => /FROM [`"]?party_organization_replica/.test(q))).toHaveLength(1);
    expect(sql.filter((q) => /FROM party_member WHERE branch_id IN/.test(q))).toHaveLength(1);
    expect(sql.filter((q) => /FROM [`"]?party_member/.test(q))).toHaveLength(2);
    expect(sql.filter((q) => /FROM activity\s/.test(q))).toHaveLength(3);
  });
});
