import { addDays, today } from '@pb/platform/calendar';
import { readAhead, readUntil, untilWatched } from '@pb/platform/testing';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readYear } from '../statistics/period.js';
import { startTestApp, type TestApp } from '../test-support.js';
import { TRAINING_RULES } from './training.js';

/**
 * Training of members and of staff posts held by no member here: every rule refused with its code; the
 * figure counts each person against the minimum; TRAINING_HOURS_SHORT appears in Q4 and clears once the
 * hours are recorded.
 */
let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000007001';
const BRANCH = '00000000-0000-4000-8000-000000007002';
const DAY = today();
const YEAR = Number(DAY.slice(0, 4));
// a day of Q4 of this year, on which the alerts stand (today when Q4 has come)
const Q4 = DAY >= `${YEAR}-10-01` ? DAY : `${YEAR}-10-01`;
const TRAIN =
  'mutation ($i: RecordTrainingInput!) { recordTraining(input: $i) { id memberId staffAssignmentId hours } }';
const ASSIGN = 'mutation ($i: AssignStaffInput!) { assignStaff(input: $i) { id } }';
const STATS = `query ($r: ID, $y: Int) { trainingStats(regionCode: $r, year: $y) {
  year members membersMeetingMinimum memberRate staff staffMeetingMinimum staffRate hours version } }`;
const ALERTS =
  '{ workAlerts(kinds: [TRAINING_HOURS_SHORT], first: 50) { edges { node { message dueOn member { id } } } } }';

let member: string;
let ended: string;

async function addMember(name: string): Promise<string> {
  const added = await test.as<{ addPartyMember: { id: string } }>(
    'operator',
    'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
    { input: { name, socialOrganizationId: ORG, branchId: BRANCH, stage: 'FULL', stageSince: '2015-07-01' } },
  );
  expect(added.errors).toBeUndefined();
  return added.data!.addPartyMember.id;
}

beforeAll(async () => {
  test = await startTestApp();
  const { organizations, workAlertKeeper } = test.app.services;
  await workAlertKeeper.reconcile(Q4);
  await organizations.apply({ id: ORG, name: '网络协会', regionCode: '310104', status: 'ACTIVE' }, 1);
  await organizations.applyPartyOrganization(
    {
      id: BRANCH,
      name: '网络协会党支部',
      type: 'BRANCH',
      formationMode: 'STANDALONE',
      regionCode: '310104',
      establishedAt: '2020-06-01',
    },
    1,
  );
  member = await addMember('陈静');
  ended = await addMember('林强');
  const end = await test.as(
    'operator',
    'mutation ($i: EndMembershipInput!) { endPartyMembership(input: $i) { id } }',
    { i: { memberId: ended, reason: 'DECEASED', effectiveOn: DAY, approvedBy: '支部委员会' } },
  );
  expect(end.errors).toBeUndefined();
});
afterAll(async () => {
  await test?.stop();
});

const refusal = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions;

describe('training', () => {
  it('refuses a record that breaks a rule, saying which', async () => {
    const post = await test.as<{ assignStaff: { id: string } }>('operator', ASSIGN, {
      i: {
        partyOrganizationId: BRANCH,
        role: 'DEPUTY_SECRETARY',
        personName: '何敏',
        memberId: member,
        from: '2024-01-01',
      },
    });
    const over = await test.as<{ assignStaff: { id: string } }>('operator', ASSIGN, {
      i: {
        partyOrganizationId: BRANCH,
        role: 'PART_TIME_STAFF',
        personName: '高磊',
        from: '2020-01-01',
        to: '2021-12-31',
      },
    });
    const base = { memberId: member, title: '党的二十大精神专题培训', startedOn: DAY, hours: 8 };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ staffAssignmentId: over.data!.assignStaff.id }, 'input.memberId', TRAINING_RULES.ONE_PERSON],
      [{ memberId: null }, 'input.memberId', TRAINING_RULES.ONE_PERSON],
      [{ hours: 0 }, 'input.hours', TRAINING_RULES.HOURS],
      [{ hours: 201 }, 'input.hours', TRAINING_RULES.HOURS],
      [{ startedOn: addDays(DAY, 1) }, 'input.startedOn', TRAINING_RULES.NOT_IN_FUTURE],
      [{ startedOn: '1921-06-30' }, 'input.startedOn', 'DATE_BEFORE_PARTY_FOUNDED'],
      [{ memberId: '00000000-0000-4000-8000-00000000dead' }, 'input.memberId', TRAINING_RULES.PERSON_KNOWN],
      [{ memberId: ended }, 'input.memberId', TRAINING_RULES.PERSON_ACTIVE],
      [
        { memberId: null, staffAssignmentId: post.data!.assignStaff.id },
        'input.staffAssignmentId',
        TRAINING_RULES.STAFF_HELD_BY_MEMBER,
      ],
      [
        { memberId: null, staffAssignmentId: over.data!.assignStaff.id, startedOn: '2023-03-01' },
        'input.staffAssignmentId',
        TRAINING_RULES.PERSON_ACTIVE,
      ],
    ];
    for (const [change, field, rule] of cases)
      expect({
        change,
        ...refusal(await test.as('operator', TRAIN, { i: { ...base, ...change } })),
      }).toMatchObject({
        change,
        code: 'BAD_USER_INPUT',
        field,
        rule,
      });
    // a member of another region: the same answer as an unknown id
    expect(refusal(await test.as('operator', TRAIN, { i: base }, '440000'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: TRAINING_RULES.PERSON_KNOWN,
    });
    // a wall records nothing
    expect(refusal(await test.as('wall', TRAIN, { i: base }))?.code).toBe('FORBIDDEN');
  });

  it('counts members and staff against their minimum, and alerts in Q4 until the hours are in', async () => {
    const post = await test.as<{ assignStaff: { id: string } }>('operator', ASSIGN, {
      i: { partyOrganizationId: BRANCH, role: 'FULL_TIME_STAFF', personName: '罗娟', from: '2023-01-01' },
    });
    const staffPost = post.data!.assignStaff.id;
    // reserve talent is not staff
    await test.as('operator', ASSIGN, {
      i: { partyOrganizationId: BRANCH, role: 'RESERVE_TALENT', personName: '梁超', from: '2023-01-01' },
    });
    const stats = async () => {
      const read = await test.as<{ trainingStats: Record<string, number> }>('wall', STATS, {
        r: '310000',
        y: YEAR,
      });
      expect(read.errors).toBeUndefined();
      const { version: _v, ...figure } = read.data!.trainingStats;
      return figure;
    };
    const alerts = async () => {
      await test.app.services.workAlertKeeper.reconcile(Q4);
      const read = await test.as<{
        workAlerts: { edges: Array<{ node: { message: string; dueOn: string } }> };
      }>('analyst', ALERTS);
      return read.data!.workAlerts.edges.map((e) => `${e.node.message} ${e.node.dueOn}`).sort();
    };
    const record = (i: Record<string, unknown>) =>
      test.as('operator', TRAIN, { i: { title: '党务工作者培训班', startedOn: DAY, ...i } });
    // the member is a Party member (32) holding a post (56): staff once, with the higher minimum
    expect(await stats()).toEqual({
      year: YEAR,
      members: 1,
      membersMeetingMinimum: 0,
      memberRate: 0,
      staff: 2,
      staffMeetingMinimum: 0,
      staffRate: 0,
      hours: 0,
    });
    expect(await alerts()).toEqual([
      `罗娟: 0 of 56 class hours of training in ${YEAR}. ${YEAR}-12-31`,
      `陈静: 0 of 56 class hours of training in ${YEAR}. ${YEAR}-12-31`,
    ]);
    expect((await record({ memberId: member, hours: 40 })).errors).toBeUndefined();
    expect(await stats()).toMatchObject({
      membersMeetingMinimum: 1,
      memberRate: 1,
      staffMeetingMinimum: 0,
      hours: 40,
    });
    expect(await alerts()).toEqual([
      `罗娟: 0 of 56 class hours of training in ${YEAR}. ${YEAR}-12-31`,
      `陈静: 40 of 56 class hours of training in ${YEAR}. ${YEAR}-12-31`,
    ]);
    const trained = await record({ staffAssignmentId: staffPost, hours: 60 });
    expect(trained.data?.recordTraining).toMatchObject({
      memberId: null,
      staffAssignmentId: staffPost,
      hours: 60,
    });
    expect((await record({ memberId: member, hours: 16 })).errors).toBeUndefined();
    expect(await stats()).toEqual({
      year: YEAR,
      members: 1,
      membersMeetingMinimum: 1,
      memberRate: 1,
      staff: 2,
      staffMeetingMinimum: 2,
      staffRate: 1,
      hours: 116,
    });
    expect(await alerts()).toEqual([]);
    // by district of the municipality (the saved analyst query by city reads the same)
    const byRegion = await test.as<{ trainingStatsByRegion: unknown[] }>(
      'wall',
      'query ($y: Int) { trainingStatsByRegion(parentCode: "310000", year: $y) { region { code } staff hours } }',
      { y: YEAR },
    );
    expect(byRegion.data?.trainingStatsByRegion).toEqual([
      { region: { code: '310104' }, staff: 2, hours: 116 },
    ]);
    // last year's figure counts the same people, none of this year's hours
    const before = await test.as<{ trainingStats: Record<string, number> }>('wall', STATS, {
      r: '310104',
      y: YEAR - 1,
    });
    expect(before.data!.trainingStats).toMatchObject({
      members: 1,
      staff: 2,
      staffMeetingMinimum: 0,
      hours: 0,
    });
    // a post that ends is staff no more once the day passes its end
    await test.as(
      'operator',
      'mutation ($i: EndStaffAssignmentInput!) { endStaffAssignment(input: $i) { id } }',
      {
        i: { id: staffPost, to: Q4 },
      },
    );
    expect(await stats()).toMatchObject({ staff: 2 });
    await test.app.services.workAlertKeeper.reconcile(addDays(Q4, 1));
    expect(await stats()).toMatchObject({ staff: 1, staffMeetingMinimum: 1 });
  });

  it("publishes the current year's figure live when training is recorded", async () => {
    type Figure = { hours: number; version: string };
    const stream = (await subscribe({
      schema: test.app.schema,
      document: parse('subscription { trainingStatsChanged(regionCode: "310104") { hours version } }'),
      contextValue: test.app.context({
        viewer: new Viewer('sub-wall', ['wall'], '310000'),
        requestId: 'sub',
      }),
    })) as AsyncIterableIterator<ExecutionResult<{ trainingStatsChanged: Figure }>>;
    const readFigure = readAhead(stream);
    // the subscription is live once Redis has its channel subscribed (a deadline, not a pause)
    await untilWatched(test.app.pubSub, `TRAINING_STATS_CHANGED:${readYear(null)}`, ['310104']);
    const before = await test.app.services.trainingStats.snapshot(
      '310104',
      null,
      new Viewer('w', ['wall'], null),
    );
    const recorded = await test.as('operator', TRAIN, {
      i: { memberId: member, title: '网络安全专题培训', startedOn: DAY, hours: 8 },
    });
    expect(recorded.errors).toBeUndefined();
    // figures of earlier writes may come first: the one after this record has its hours
    const seen = await readUntil(
      async () => (await readFigure()).data!.trainingStatsChanged,
      (figure) => figure.hours === before.hours + 8,
    );
    expect(Number(seen.at(-1)!.version)).toBeGreaterThan(Number(before.version));
    await stream.return?.();
  });
});
