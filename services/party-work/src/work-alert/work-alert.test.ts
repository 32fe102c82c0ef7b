import { addDays, addMonths, quarterOf, quarterRange, today } from '@pb/platform/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';
import { deleteAlertsSql } from './work-alert.keeper.js';
import { WorkAlertKind } from './work-alert.type.js';

let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000001001';
const BIG = '00000000-0000-4000-8000-000000001101';
const SMALL = '00000000-0000-4000-8000-000000001102';
const DAY = today();
const ids: Record<string, string> = {};

type Alerts = {
  workAlerts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: Array<{
      node: {
        kind: string;
        rule: string;
        message: string;
        branch: { id: string } | null;
        branchName: string | null;
        member: { id: string } | null;
      };
    }>;
  };
};
const ALERTS = `query ($region: ID, $kinds: [WorkAlertKind!], $first: Int, $after: String) {
  workAlerts(regionCode: $region, kinds: $kinds, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { kind rule message branch { id } branchName member { id } } }
  }
}`;

async function add(name: string, stage: string, stageSince: string, branchId = SMALL) {
  const result = await test.as<{ addPartyMember: { id: string } }>(
    'operator',
    'mutation ($i: AddPartyMemberInput!) { addPartyMember(input: $i) { id } }',
    {
      i: { name, socialOrganizationId: ORG, branchId, stage, stageSince },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.addPartyMember.id;
}

beforeAll(async () => {
  test = await startTestApp({ activityRecordingWindowDays: 400 });
  const { organizations } = test.app.services;
  await organizations.apply(
    { id: ORG, name: '苏州市网络直播协会', regionCode: '320505', status: 'ACTIVE' },
    1,
  );
  for (const [id, name] of [
    [BIG, '大支部'],
    [SMALL, '小支部'],
  ] as const)
    await organizations.applyPartyOrganization(
      {
        id,
        name,
        type: 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: '320505',
        establishedAt: '2018-01-01',
      },
      1,
    );
  ids.lateApplicant = await add('迟谈申请人', 'APPLICANT', addMonths(DAY, -2));
  ids.talkedApplicant = await add('已谈申请人', 'APPLICANT', addMonths(DAY, -2));
  ids.activist = await add('久未考察', 'ACTIVIST', addMonths(DAY, -8));
  ids.probationary = await add('预备期满', 'PROBATIONARY', addMonths(DAY, -13));
  ids.recent = await add('预备期中', 'PROBATIONARY', addMonths(DAY, -3));
  // a branch's size is its full and probationary members: 大支部 has 51; 小支部 has 50 (48 full and the
  // two probationary above) beside its five applicants and one activist, who do not count
  for (let i = 0; i < 50; i++) await add(`大支部党员${i}`, 'FULL', '2015-01-01', BIG);
  await add('大支部预备党员', 'PROBATIONARY', addMonths(DAY, -1), BIG);
  for (let i = 0; i < 48; i++) await add(`小支部党员${i}`, 'FULL', '2015-01-01', SMALL);
  for (let i = 0; i < 3; i++) await add(`小支部申请人${i}`, 'APPLICANT', DAY, SMALL);
  await test.as('operator', 'mutation ($i: RecordTalkInput!) { recordTalk(input: $i) { id } }', {
    i: {
      heldOn: addDays(addMonths(DAY, -2), 10),
      topic: '入党动机',
      talker: '支部书记',
      participantIds: [ids.talkedApplicant],
    },
  });
  // the big branch keeps pace in every required type now and held everything last quarter
  const quarterStart = quarterRange(quarterOf(DAY)).from;
  const previousStart = quarterRange(quarterOf(addDays(quarterStart, -1))).from;
  for (const start of [previousStart, quarterStart])
    for (const [type, count] of [
      ['GENERAL_MEETING', 1],
      ['GROUP_MEETING', 3],
      ['PARTY_LECTURE', 1],
      ['THEMED_PARTY_DAY', 3],
    ] as const)
      for (let i = 0; i < count; i++) {
        const heldAt = new Date(
          Math.min(Date.parse(`${addDays(start, i)}T02:00:00Z`), Date.now() - 60_000),
        ).toISOString();
        const result = await test.as(
          'operator',
          'mutation ($i: RecordActivityInput!) { recordActivity(input: $i) { id } }',
          {
            i: {
              branchId: BIG,
              type,
              mode: 'OFFLINE',
              title: '三会一课',
              heldAt,
              expected: 1,
              present: 1,
              online: 0,
              excused: 0,
              absent: 0,
            },
          },
        );
        expect(result.errors).toBeUndefined();
      }
});
afterAll(async () => {
  await test?.stop();
});

describe('work alerts', () => {
  it('deletes kept alerts by their key, one or many, never by a scan of the table', async () => {
    for (const n of [1, 3]) {
      const key = ['YEARLY_TALK_MISSING', '00000000-0000-4000-8000-00000000000a', ''];
      const plan = (await test.app.dataSource.query(
        `EXPLAIN ${deleteAlertsSql(n)}`,
        Array.from({ length: n }, () => key).flat(),
      )) as Array<{ type: string; key: string | null }>;
      expect(plan, `a delete of ${n}`).toEqual([expect.objectContaining({ type: 'range', key: 'PRIMARY' })]);
    }
  });

  it('names overdue development deadlines by member and rule', async () => {
    const result = await test.as<Alerts>('analyst', ALERTS, {
      kinds: ['APPLICANT_TALK_OVERDUE', 'ACTIVIST_REVIEW_OVERDUE', 'PROBATION_UNDECIDED'],
      first: 100,
    });
    expect(result.errors).toBeUndefined();
    const found = result.data!.workAlerts.edges.map((e) => [e.node.kind, e.node.member?.id]);
    expect(found).toEqual([
      ['ACTIVIST_REVIEW_OVERDUE', ids.activist],
      ['APPLICANT_TALK_OVERDUE', ids.lateApplicant],
      ['PROBATION_UNDECIDED', ids.probationary],
    ]);
    expect(result.data!.workAlerts.edges[1]!.node.rule).toContain('1 month');
  });

  it('flags a branch over 50 full and probationary members (applicants not counted) and a branch without a secretary', async () => {
    const result = await test.as<Alerts>('analyst', ALERTS, {
      kinds: ['BRANCH_TOO_LARGE', 'NO_SECRETARY'],
      first: 100,
    });
    const found = result.data!.workAlerts.edges.map((e) => [e.node.kind, e.node.branch?.id]);
    expect(found).toContainEqual(['BRANCH_TOO_LARGE', BIG]);
    expect(found).not.toContainEqual(['BRANCH_TOO_LARGE', SMALL]);
    expect(found.filter(([kind]) => kind === 'NO_SECRETARY')).toHaveLength(2);
    expect(result.data!.workAlerts.edges[0]!.node.message).toContain('51');
  });

  it('flags 三会一课 behind pace this quarter and short last quarter, for the branch that did not hold them', async () => {
    const result = await test.as<Alerts>('analyst', ALERTS, {
      kinds: ['COMPLIANCE_BEHIND_PACE', 'COMPLIANCE_QUARTER_SHORT'],
      first: 100,
    });
    const branches = new Set(result.data!.workAlerts.edges.map((e) => e.node.branch?.id));
    expect(branches.has(BIG)).toBe(false);
    const short = result.data!.workAlerts.edges.filter((e) => e.node.kind === 'COMPLIANCE_QUARTER_SHORT');
    expect(short.map((e) => e.node.rule).sort()).toEqual([
      '三会一课 GENERAL_MEETING: 1 per quarter',
      '三会一课 GROUP_MEETING: 3 per quarter',
      '三会一课 PARTY_LECTURE: 1 per quarter',
      '三会一课 THEMED_PARTY_DAY: 3 per quarter',
    ]);
  });

  it('flags 组织生活会 and 民主评议 not held once Q4 has come', async () => {
    const result = await test.as<Alerts>('analyst', ALERTS, {
      kinds: ['ORGANIZATIONAL_LIFE_MEETING_MISSING', 'DEMOCRATIC_APPRAISAL_MISSING'],
      first: 100,
    });
    expect(result.data!.workAlerts.totalCount).toBe(DAY.slice(5) >= '10-01' ? 4 : 0);
  });

  it('pages with cursors and stays within the viewer region', async () => {
    const all = await test.as<Alerts>('analyst', ALERTS, { first: 500 });
    const first = await test.as<Alerts>('analyst', ALERTS, { first: 2 });
    expect(first.data!.workAlerts.pageInfo.hasNextPage).toBe(true);
    const second = await test.as<Alerts>('analyst', ALERTS, {
      first: 2,
      after: first.data!.workAlerts.pageInfo.endCursor,
    });
    expect([...first.data!.workAlerts.edges, ...second.data!.workAlerts.edges]).toEqual(
      all.data!.workAlerts.edges.slice(0, 4),
    );
    expect(first.data!.workAlerts.totalCount).toBe(all.data!.workAlerts.edges.length);
    const elsewhere = await test.as<Alerts>('analyst', ALERTS, {}, '440000');
    expect(elsewhere.data!.workAlerts.totalCount).toBe(0);
    // a wall lists them by branch and kind, and never learns whom a member alert is about
    const wall = await test.as<Alerts>('wall', ALERTS, { first: 500 });
    expect(wall.errors).toBeUndefined();
    expect(wall.data!.workAlerts.edges.map((e) => e.node.kind)).toEqual(
      all.data!.workAlerts.edges.map((e) => e.node.kind),
    );
    const personal = wall.data!.workAlerts.edges.filter((e) => e.node.kind === 'APPLICANT_TALK_OVERDUE');
    expect(personal).toHaveLength(1);
    // the branch by name, from party-work's own copy, so a wall shows which branch without a records role
    expect(personal[0]!.node).toMatchObject({ member: null, branch: { id: SMALL }, branchName: '小支部' });
    expect(personal[0]!.node.message).not.toContain('迟谈申请人');
  });

  it('counts every kind exactly for a wall, whatever a page of the list holds', async () => {
    const all = await test.as<Alerts>('analyst', ALERTS, { first: 500 });
    const expected = new Map<string, number>();
    for (const { node } of all.data!.workAlerts.edges)
      expected.set(node.kind, (expected.get(node.kind) ?? 0) + 1);
    const counts = await test.as<{ workAlertCounts: Array<{ kind: string; count: number }> }>(
      'wall',
      '{ workAlertCounts { kind count } }',
    );
    expect(counts.errors).toBeUndefined();
    expect(counts.data!.workAlertCounts).toHaveLength(Object.values(WorkAlertKind).length);
    for (const { kind, count } of counts.data!.workAlertCounts)
      expect([kind, count]).toEqual([kind, expected.get(kind) ?? 0]);
    expect(counts.data!.workAlertCounts.reduce((sum, c) => sum + c.count, 0)).toBe(
      all.data!.workAlerts.totalCount,
    );
    const elsewhere = await test.as<{ workAlertCounts: Array<{ count: number }> }>(
      'wall',
      '{ workAlertCounts(regionCode: "440000") { count } }',
      {},
      '440000',
    );
    expect(elsewhere.data!.workAlertCounts.every((c) => c.count === 0)).toBe(true);
    const outside = await test.as(
      'wall',
      '{ workAlertCounts(regionCode: "440000") { count } }',
      {},
      '320000',
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
