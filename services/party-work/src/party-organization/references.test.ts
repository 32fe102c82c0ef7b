import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The SQL statements a block of work sends, read from TypeORM's logger. */
async function statements(work: () => Promise<unknown>): Promise<string[]> {
  const logger = test.app.dataSource.logger as { logQuery(query: string): void };
  // live figures of earlier writes are recomputed in the background: let them finish first
  await test.app.services.memberStats.settled();
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
});
