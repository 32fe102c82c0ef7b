import { eventStream, publishDomainEvent } from '@pb/platform/events';
import { connectRedis } from '@pb/platform/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { startTestApp, type TestApp } from '../test-support.js';

let test: TestApp;
let replica: OrganizationReplicaService;

const ADD = `mutation ($input: AddPartyMemberInput!) {
  addPartyMember(input: $input) { id name stage stageSince socialOrganization { id } }
}`;
const HANGZHOU_ORG = '00000000-0000-4000-8000-000000000001';
const SHENZHEN_ORG = '00000000-0000-4000-8000-000000000002';

const as = <T>(...args: Parameters<TestApp['as']>) => test.as<T>(...args);

beforeAll(async () => {
  test = await startTestApp();
  replica = test.app.services.organizations;
  await replica.apply(
    { id: HANGZHOU_ORG, name: '杭州市网络直播行业协会', regionCode: '330106', status: 'ACTIVE' },
    1,
  );
  await replica.apply(
    { id: SHENZHEN_ORG, name: '深圳市网络安全促进会', regionCode: '440305', status: 'ACTIVE' },
    1,
  );
});
afterAll(async () => {
  await test?.stop();
});

describe('the organization replica', () => {
  it('applies each version once and ignores older ones', async () => {
    const id = '00000000-0000-4000-8000-0000000000aa';
    await replica.apply({ id, name: 'v2', regionCode: '330106', status: 'ACTIVE' }, 2);
    await replica.apply({ id, name: 'v1 again', regionCode: '110101', status: 'REVOKED' }, 1);
    await replica.apply({ id, name: 'v2', regionCode: '330106', status: 'ACTIVE' }, 2);
    expect(await replica.find(id)).toMatchObject({
      name: 'v2',
      regionCode: '330106',
      status: 'ACTIVE',
      version: 2,
    });
    await replica.apply({ id, name: 'v3', regionCode: '330108', status: 'ACTIVE' }, 3);
    expect(await replica.find(id)).toMatchObject({ name: 'v3', regionCode: '330108', version: 3 });
  });

  it('is fed by the organization subgraph events on Redis', async () => {
    const redis = await connectRedis(test.env.common.redisUrl, 'test-producer');
    const id = '00000000-0000-4000-8000-0000000000bb';
    await publishDomainEvent(redis, eventStream(test.env.common.redisNamespace, 'organization'), {
      type: 'SocialOrganizationChanged',
      aggregateId: id,
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { id, name: '宁波市电子商务商会', regionCode: '330212', status: 'ACTIVE' },
    });
    redis.disconnect();
    await expect
      .poll(() => replica.find(id), { timeout: 5000 })
      .toMatchObject({ name: '宁波市电子商务商会' });
  });
});

describe('recording Party members', () => {
  it('records a member and counts full members on the organization entity', async () => {
    const added = await as<{ addPartyMember: Record<string, unknown> }>('operator', ADD, {
      input: { name: '王芳', socialOrganizationId: HANGZHOU_ORG, stage: 'FULL', stageSince: '2024-07-01' },
    });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addPartyMember).toMatchObject({
      name: '王芳',
      stage: 'FULL',
      stageSince: '2024-07-01',
      socialOrganization: { id: HANGZHOU_ORG },
    });
    await as('operator', ADD, {
      input: { name: '李强', socialOrganizationId: HANGZHOU_ORG, stage: 'PROBATIONARY' },
    });
    // the gateway resolves the entity through _entities; ask the same way
    const entities = await as<{ _entities: Array<{ fullMemberCount: number }> }>(
      'analyst',
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on SocialOrganization { fullMemberCount } } }`,
      {
        representations: [
          { __typename: 'SocialOrganization', id: HANGZHOU_ORG },
          { __typename: 'SocialOrganization', id: SHENZHEN_ORG },
        ],
      },
    );
    expect(entities.data?._entities).toEqual([{ fullMemberCount: 1 }, { fullMemberCount: 0 }]);
  });

  it('refuses an unknown organization, a bad date, and an operator outside the region', async () => {
    const unknown = await as('operator', ADD, { input: { name: '张三', socialOrganizationId: 'nope' } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const badDate = await as('operator', ADD, {
      input: { name: '张三', socialOrganizationId: HANGZHOU_ORG, stageSince: '2024-13-01' },
    });
    expect(badDate.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.stageSince' },
    });
    const outside = await as(
      'operator',
      ADD,
      { input: { name: '张三', socialOrganizationId: SHENZHEN_ORG } },
      '330000',
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('computes member stats per region from the rows', async () => {
    type Stats = {
      memberStats: {
        fullMembers: number;
        probationaryMembers: number;
        byStage: Array<{ stage: string; count: number }>;
      };
    };
    const zhejiang = await as<Stats>(
      'wall',
      '{ memberStats(regionCode: "330000") { fullMembers probationaryMembers byStage { stage count } } }',
    );
    const rows = await test.app.dataSource.query(
      "SELECT stage, COUNT(*) AS n FROM party_member WHERE region_code LIKE '33%' GROUP BY stage",
    );
    const expected = new Map(rows.map((r: { stage: string; n: string }) => [r.stage, Number(r.n)]));
    expect(zhejiang.data?.memberStats.fullMembers).toBe(expected.get('FULL') ?? 0);
    expect(zhejiang.data?.memberStats.probationaryMembers).toBe(expected.get('PROBATIONARY') ?? 0);
    for (const { stage, count } of zhejiang.data!.memberStats.byStage)
      expect(count).toBe(expected.get(stage) ?? 0);
    const guangdong = await as<Stats>('wall', '{ memberStats(regionCode: "440000") { fullMembers } }');
    expect(guangdong.data?.memberStats.fullMembers).toBe(0);
  });

  it("marks a member's part in the organization's work, and the region's figures count it", async () => {
    type Figures = { memberStats: { businessBackbone: number; management: number } };
    const figures = async () =>
      (await as<Figures>('wall', '{ memberStats(regionCode: "330000") { businessBackbone management } }'))
        .data!.memberStats;
    const before = await figures();
    const added = await as<{ addPartyMember: { id: string; workRole: string | null } }>(
      'operator',
      `mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id workRole } }`,
      {
        input: {
          name: '陈静',
          socialOrganizationId: HANGZHOU_ORG,
          stage: 'FULL',
          stageSince: '2023-07-01',
          workRole: 'BUSINESS_BACKBONE',
        },
      },
    );
    expect(added.data?.addPartyMember.workRole).toBe('BUSINESS_BACKBONE');
    expect(await figures()).toEqual({ ...before, businessBackbone: before.businessBackbone + 1 });

    const SET = `mutation ($input: SetMemberWorkRoleInput!) { setMemberWorkRole(input: $input) { workRole } }`;
    const memberId = added.data!.addPartyMember.id;
    const marked = await as<{ setMemberWorkRole: { workRole: string } }>('operator', SET, {
      input: { memberId, workRole: 'MANAGEMENT' },
    });
    expect(marked.data?.setMemberWorkRole.workRole).toBe('MANAGEMENT');
    expect(await figures()).toEqual({ ...before, management: before.management + 1 });
    // an applicant is not yet a Party member: marked, but not in the Party members' figures
    const applicant = await as<{ addPartyMember: { id: string } }>('operator', ADD, {
      input: { name: '周洋', socialOrganizationId: HANGZHOU_ORG, stage: 'APPLICANT' },
    });
    await as('operator', SET, {
      input: { memberId: applicant.data!.addPartyMember.id, workRole: 'MANAGEMENT' },
    });
    expect(await figures()).toEqual({ ...before, management: before.management + 1 });

    const cleared = await as<{ setMemberWorkRole: { workRole: null } }>('operator', SET, {
      input: { memberId, workRole: null },
    });
    expect(cleared.data?.setMemberWorkRole.workRole).toBeNull();
    expect(await figures()).toEqual(before);
    // a wall reads figures, never marks; an operator of another region finds no such member
    const byWall = await as('wall', SET, { input: { memberId, workRole: 'MANAGEMENT' } });
    expect(byWall.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await as('operator', SET, { input: { memberId, workRole: 'MANAGEMENT' } }, '440000');
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps members of another region from a regional analyst', async () => {
    await as('operator', ADD, {
      input: { name: '赵敏', socialOrganizationId: SHENZHEN_ORG, stage: 'ACTIVIST' },
    });
    const list = await as<{ partyMembers: { totalCount: number; edges: Array<{ node: { name: string } }> } }>(
      'analyst',
      '{ partyMembers(first: 100) { totalCount edges { node { name } } } }',
      {},
      '440000',
    );
    expect(list.data?.partyMembers.edges.map((e) => e.node.name)).toEqual(['赵敏']);
    const wall = await as('wall', '{ partyMembers { totalCount } }');
    expect(wall.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
  it('counts a list only when totalCount is asked, and counts all of it on every page', async () => {
    for (const name of ['钱一', '钱二', '钱三'])
      await as('operator', ADD, { input: { name, socialOrganizationId: SHENZHEN_ORG, stage: 'APPLICANT' } });
    type Page = {
      partyMembers: {
        totalCount?: number;
        pageInfo: { endCursor: string | null };
        edges: Array<{ node: { name: string } }>;
      };
    };
    const read = (selection: string, after: string | null) =>
      as<Page>(
        'analyst',
        `query ($after: String) { partyMembers(first: 2, after: $after) { ${selection} pageInfo { endCursor } edges { node { name } } } }`,
        { after },
        '440000',
      );
    const first = await read('totalCount', null);
    const all = first.data!.partyMembers.totalCount!;
    expect(all).toBeGreaterThanOrEqual(3);
    // a later page is still a part of the same whole (the count leaves out the page's own cursor and limit)
    const second = await read('totalCount', first.data!.partyMembers.pageInfo.endCursor);
    expect(second.data!.partyMembers.totalCount).toBe(all);
    // not asked for, not there; the page is the same
    const uncounted = await read('', null);
    expect(uncounted.errors).toBeUndefined();
    expect(uncounted.data!.partyMembers).not.toHaveProperty('totalCount');
    expect(uncounted.data!.partyMembers.edges).toEqual(first.data!.partyMembers.edges);
  });
});
