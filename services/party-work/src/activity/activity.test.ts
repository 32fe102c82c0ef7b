import { quarterOf, today } from '@pb/platform/calendar';
import { readAhead, readUntil, untilWatched } from '@pb/platform/testing';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';
import { ACTIVITY_RULES } from './activity.rules.js';

let test: TestApp;
const BRANCH = '00000000-0000-4000-8000-000000000501';
const COMMITTEE_BRANCH = '00000000-0000-4000-8000-000000000502';
const SHENZHEN_BRANCH = '00000000-0000-4000-8000-000000000503';
const WINDOW_DAYS = 30;
const QUARTER = quarterOf(today());

const RECORD = `mutation ($input: RecordActivityInput!) {
  recordActivity(input: $input) { id type mode quarter expected present online excused absent attendanceRate correctsId branch { id } }
}`;
type Recorded = { recordActivity: { id: string; attendanceRate: number; quarter: string } };

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
function activity(overrides: Record<string, unknown> = {}) {
  return {
    branchId: BRANCH,
    type: 'THEMED_PARTY_DAY',
    mode: 'HYBRID',
    title: '主题党日：学习贯彻全会精神',
    heldAt: hoursAgo(2),
    expected: 10,
    present: 5,
    online: 2,
    excused: 2,
    absent: 1,
    ...overrides,
  };
}
const record = (
  overrides: Record<string, unknown> = {},
  role: 'operator' | 'analyst' = 'operator',
  region: string | null = null,
) => test.as<Recorded>(role, RECORD, { input: activity(overrides) }, region);

function expectRule(
  result: { errors?: Array<{ extensions?: Record<string, unknown>; message: string }> },
  rule: string,
  code = 'BAD_USER_INPUT',
) {
  expect(result.errors?.[0]?.extensions).toMatchObject({ code, rule });
  expect(result.errors?.[0]?.message).toContain(rule);
}

beforeAll(async () => {
  test = await startTestApp({ activityRecordingWindowDays: WINDOW_DAYS });
  const { organizations } = test.app.services;
  const branch = (id: string, regionCode: string, hasCommittee: boolean) =>
    organizations.applyPartyOrganization(
      {
        id,
        name: `党支部 ${id.slice(-3)}`,
        type: 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode,
        establishedAt: '2018-01-01',
        hasCommittee,
      },
      1,
    );
  await branch(BRANCH, '330106', false);
  await branch(COMMITTEE_BRANCH, '330108', true);
  await branch(SHENZHEN_BRANCH, '440305', false);
});
afterAll(async () => {
  await test?.stop();
});

describe('recording an activity', () => {
  it('records every activity type, with attendance and its quarter', async () => {
    for (const type of [
      'GENERAL_MEETING',
      'COMMITTEE_MEETING',
      'GROUP_MEETING',
      'PARTY_LECTURE',
      'THEMED_PARTY_DAY',
      'ORGANIZATIONAL_LIFE_MEETING',
      'DEMOCRATIC_APPRAISAL',
    ]) {
      const result = await record({ type, branchId: COMMITTEE_BRANCH });
      expect(result.errors).toBeUndefined();
      expect(result.data?.recordActivity).toMatchObject({
        quarter: quarterOf(today()),
        attendanceRate: 7 / 8,
      });
    }
  });

  it(`refuses an activity recorded more than the window after it was held (${ACTIVITY_RULES.RECORDING_WINDOW})`, async () => {
    expectRule(await record({ heldAt: hoursAgo(24 * WINDOW_DAYS + 1) }), ACTIVITY_RULES.RECORDING_WINDOW);
    expect((await record({ heldAt: hoursAgo(24 * WINDOW_DAYS - 1) })).errors).toBeUndefined();
  });

  it(`refuses an activity in the future (${ACTIVITY_RULES.NOT_IN_FUTURE})`, async () => {
    expectRule(await record({ heldAt: hoursAgo(-2) }), ACTIVITY_RULES.NOT_IN_FUTURE);
  });

  it(`refuses attendance that does not add up (${ACTIVITY_RULES.ATTENDANCE_SUM}) or fit the mode (${ACTIVITY_RULES.ATTENDANCE_MODE})`, async () => {
    expectRule(await record({ absent: 3 }), ACTIVITY_RULES.ATTENDANCE_SUM);
    expectRule(await record({ mode: 'OFFLINE' }), ACTIVITY_RULES.ATTENDANCE_MODE);
    expectRule(await record({ mode: 'ONLINE' }), ACTIVITY_RULES.ATTENDANCE_MODE);
    const negative = await record({ present: -1, absent: 7 });
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.present',
    });
  });

  it(`checks per-member attendance against the counts and the branch rolls (${ACTIVITY_RULES.ATTENDANCE_PER_MEMBER})`, async () => {
    await test.app.services.organizations.apply(
      {
        id: '00000000-0000-4000-8000-000000000601',
        name: '杭州市某协会',
        regionCode: '330106',
        status: 'ACTIVE',
      },
      1,
    );
    const ids: string[] = [];
    for (const name of ['甲一', '乙二']) {
      const added = await test.as<{ addPartyMember: { id: string } }>(
        'operator',
        'mutation ($i: AddPartyMemberInput!) { addPartyMember(input: $i) { id } }',
        {
          i: {
            name,
            socialOrganizationId: '00000000-0000-4000-8000-000000000601',
            branchId: BRANCH,
            stage: 'FULL',
            stageSince: '2015-01-01',
          },
        },
      );
      ids.push(added.data!.addPartyMember.id);
    }
    const counts = { expected: 2, present: 1, online: 0, excused: 0, absent: 1, mode: 'OFFLINE' };
    const good = await record({
      ...counts,
      attendance: [
        { memberId: ids[0], attendance: 'PRESENT' },
        { memberId: ids[1], attendance: 'ABSENT' },
      ],
    });
    expect(good.errors).toBeUndefined();
    expectRule(
      await record({
        ...counts,
        attendance: [
          { memberId: ids[0], attendance: 'PRESENT' },
          { memberId: ids[1], attendance: 'EXCUSED' },
        ],
      }),
      ACTIVITY_RULES.ATTENDANCE_PER_MEMBER,
    );
    expectRule(
      await record({
        ...counts,
        attendance: [
          { memberId: ids[0], attendance: 'PRESENT' },
          { memberId: 'someone-else', attendance: 'ABSENT' },
        ],
      }),
      ACTIVITY_RULES.ATTENDANCE_PER_MEMBER,
    );
  });

  it('refuses an operator outside the branch region and an analyst', async () => {
    expect((await record({}, 'operator', '440000')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await record({}, 'analyst')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await record({ branchId: 'unknown' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('corrections', () => {
  it('records a correction as a new record pointing at the old one; statistics count the latest only', async () => {
    const stats = async () =>
      (
        await test.as<{
          activityStats: { activities: number; byType: Array<{ type: string; count: number }> };
        }>(
          'wall',
          `{ activityStats(regionCode: "440305", quarter: "${QUARTER}") { activities byType { type count } } }`,
        )
      ).data!.activityStats;
    const original = await record({ branchId: SHENZHEN_BRANCH, type: 'PARTY_LECTURE' });
    expect((await stats()).activities).toBe(1);
    const correction = await record({
      branchId: SHENZHEN_BRANCH,
      type: 'GENERAL_MEETING',
      correctsId: original.data!.recordActivity.id,
    });
    expect(correction.errors).toBeUndefined();
    expect(correction.data?.recordActivity).toMatchObject({ correctsId: original.data!.recordActivity.id });
    const after = await stats();
    expect(after.activities).toBe(1);
    expect(after.byType.find((t) => t.type === 'GENERAL_MEETING')?.count).toBe(1);
    expect(after.byType.find((t) => t.type === 'PARTY_LECTURE')?.count).toBe(0);
    expectRule(
      await record({ branchId: SHENZHEN_BRANCH, correctsId: original.data!.recordActivity.id }),
      ACTIVITY_RULES.CORRECTS_LATEST,
      'CONFLICT',
    );
    expectRule(
      await record({ branchId: BRANCH, correctsId: correction.data!.recordActivity.id }),
      ACTIVITY_RULES.CORRECTS_SAME_BRANCH,
    );
    // a correction may fix an activity recorded long ago: the window bounds first records only
    const old = await test.app.dataSource.query(
      'UPDATE activity SET held_at = DATE_SUB(held_at, INTERVAL 60 DAY) WHERE id = ?',
      [correction.data!.recordActivity.id],
    );
    expect(old).toBeDefined();
    const late = await record({
      branchId: SHENZHEN_BRANCH,
      heldAt: hoursAgo(24 * 60),
      correctsId: correction.data!.recordActivity.id,
    });
    expect(late.errors).toBeUndefined();
    const all = await test.as<{ activities: { totalCount: number } }>(
      'analyst',
      '{ activities(filter: { regionCode: "440305", includeSuperseded: true }) { totalCount } }',
    );
    expect(all.data?.activities.totalCount).toBe(3);
  });
});

describe('what an activity serves', () => {
  it("names what of the organization's own work it serves, counted by purpose; a correction moves the count", async () => {
    const BEIJING_BRANCH = '00000000-0000-4000-8000-000000000509';
    await test.app.services.organizations.applyPartyOrganization(
      {
        id: BEIJING_BRANCH,
        name: '党支部 509',
        type: 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: '110105',
        establishedAt: '2018-01-01',
        hasCommittee: false,
      },
      1,
    );
    const byPurpose = async () =>
      Object.fromEntries(
        (
          await test.as<{ activityStats: { byPurpose: Array<{ purpose: string; count: number }> } }>(
            'wall',
            `{ activityStats(regionCode: "110000", quarter: "${QUARTER}") { byPurpose { purpose count } } }`,
          )
        ).data!.activityStats.byPurpose.map(({ purpose, count }) => [purpose, count]),
      );
    const none = { BUSINESS: 0, MANAGEMENT: 0, CULTURE: 0, SOCIAL_RESPONSIBILITY: 0 };
    expect(await byPurpose()).toEqual(none);
    const served = await test.as<{ recordActivity: { id: string; serves: string } }>(
      'operator',
      `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id serves } }`,
      { input: activity({ branchId: BEIJING_BRANCH, serves: 'CULTURE' }) },
    );
    expect(served.data?.recordActivity.serves).toBe('CULTURE');
    // one naming none counts among the activities, under no purpose
    await record({ branchId: BEIJING_BRANCH });
    expect(await byPurpose()).toEqual({ ...none, CULTURE: 1 });
    await record({
      branchId: BEIJING_BRANCH,
      serves: 'BUSINESS',
      correctsId: served.data!.recordActivity.id,
    });
    expect(await byPurpose()).toEqual({ ...none, BUSINESS: 1 });
    const unknown = await record({ branchId: BEIJING_BRANCH, serves: 'PROFIT' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('compliance of a branch', () => {
  it('reports each quarterly floor, committee meetings only where a committee exists', async () => {
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on PartyOrganization { id
      compliance(quarter: "${QUARTER}") { compliant rate items { type required held } } } } }`;
    const result = await test.as<{
      _entities: Array<{
        compliance: {
          compliant: boolean;
          rate: number;
          items: Array<{ type: string; required: number; held: number }>;
        };
      }>;
    }>('wall', query, {
      reps: [
        { __typename: 'PartyOrganization', id: COMMITTEE_BRANCH },
        { __typename: 'PartyOrganization', id: BRANCH },
      ],
    });
    expect(result.errors).toBeUndefined();
    const [committee, plain] = result.data!._entities;
    expect(committee!.compliance.items).toEqual([
      { type: 'GENERAL_MEETING', required: 1, held: 1 },
      { type: 'COMMITTEE_MEETING', required: 3, held: 1 },
      { type: 'GROUP_MEETING', required: 3, held: 1 },
      { type: 'PARTY_LECTURE', required: 1, held: 1 },
      { type: 'THEMED_PARTY_DAY', required: 3, held: 1 },
    ]);
    expect(committee!.compliance).toMatchObject({ compliant: false, rate: 5 / 11 });
    expect(plain!.compliance.items.map((i) => i.type)).not.toContain('COMMITTEE_MEETING');
  });

  it('refuses a malformed quarter naming the argument', async () => {
    const result = await test.as('wall', '{ activityStats(quarter: "2026-4") { activities } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quarter' });
  });
});

describe('the last activity of a branch', () => {
  const LAST = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on PartyOrganization { id
    lastActivity { id title heldAt } } } }`;
  type Last = {
    _entities: Array<{ id: string; lastActivity: { id: string; title: string; heldAt: string } | null }>;
  };
  const quietBranch = '00000000-0000-4000-8000-000000000504';

  it('is the most recently held, not the last recorded, and a correction replaces it', async () => {
    await test.app.services.organizations.applyPartyOrganization(
      {
        id: quietBranch,
        name: '党支部 504',
        type: 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: '330106',
        establishedAt: '2018-01-01',
        hasCommittee: false,
      },
      1,
    );
    const reps = [
      { __typename: 'PartyOrganization', id: BRANCH },
      { __typename: 'PartyOrganization', id: quietBranch },
    ];
    const newer = await record({ branchId: BRANCH, title: '主题党日：最近一次', heldAt: hoursAgo(1) });
    // recorded later but held earlier: not the last activity
    await record({ branchId: BRANCH, title: '党课：补录', heldAt: hoursAgo(48) });
    const before = await test.as<Last>('analyst', LAST, { reps });
    expect(before.errors).toBeUndefined();
    expect(before.data!._entities).toEqual([
      {
        id: BRANCH,
        lastActivity: {
          id: newer.data!.recordActivity.id,
          title: '主题党日：最近一次',
          heldAt: expect.any(String),
        },
      },
      { id: quietBranch, lastActivity: null },
    ]);

    const corrected = await record({
      branchId: BRANCH,
      title: '主题党日：更正后',
      heldAt: hoursAgo(1),
      correctsId: newer.data!.recordActivity.id,
    });
    const after = await test.as<Last>('analyst', LAST, { reps: reps.slice(0, 1) });
    expect(after.data!._entities[0]!.lastActivity).toMatchObject({
      id: corrected.data!.recordActivity.id,
      title: '主题党日：更正后',
    });
  });

  it('is refused to the wall role, and outside the viewer region is not found, as an unknown branch is', async () => {
    const reps = [{ __typename: 'PartyOrganization', id: BRANCH }];
    const wall = await test.as('wall', LAST, { reps });
    expect(wall.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await test.as('analyst', LAST, { reps }, '440000');
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('live activity figures', () => {
  it('delivers activityRecorded and activityStatsChanged to subscribers of the region', async () => {
    const viewer = new Viewer('sub-wall', ['analyst'], '330000');
    const open = async (query: string) =>
      (await subscribe({
        schema: test.app.schema,
        document: parse(query),
        contextValue: test.app.context({ viewer, requestId: 'sub' }),
      })) as AsyncIterableIterator<ExecutionResult>;
    const recorded = await open(
      'subscription { activityRecorded(regionCode: "330100") { title branch { id } } }',
    );
    const changed = await open(
      `subscription { activityStatsChanged(regionCode: "330000", quarter: "${QUARTER}") { version activities } }`,
    );
    const firstRecorded = recorded.next();
    // the figure's subscription reaches Redis once it is read; its first figure is awaited below
    const readChanged = readAhead(changed);
    await untilWatched(test.app.pubSub, 'ACTIVITY_RECORDED', ['330100']);
    await untilWatched(test.app.pubSub, `ACTIVITY_STATS_CHANGED:${QUARTER}`, ['330000']);
    const before = await test.as<{ activityStats: { activities: number; version: string } }>(
      'wall',
      '{ activityStats(regionCode: "330000") { activities version } }',
    );
    expect(
      (await record({ title: '党课：新时代网络文明建设', type: 'PARTY_LECTURE' })).errors,
    ).toBeUndefined();
    const first = (await firstRecorded) as { value: { data: Record<string, unknown> } };
    expect(first.value.data.activityRecorded).toEqual({
      title: '党课：新时代网络文明建设',
      branch: { id: BRANCH },
    });
    // a publication of earlier tests' writes may still arrive first; the figure with this write follows,
    // each with a newer version
    type Figure = { activities: number; version: string };
    const seen = await readUntil(
      async () => (await readChanged()).data!.activityStatsChanged as Figure,
      (figure) => figure.activities === before.data!.activityStats.activities + 1,
    );
    const versions = seen.map((figure) => Number(figure.version));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)!).toBeGreaterThan(Number(before.data!.activityStats.version));
    await recorded.return?.();
    await changed.return?.();
  });
});
