import { addDays, addMonths, today } from '@pb/platform/calendar';
import { readAhead, readUntil, untilWatched } from '@pb/platform/testing';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';
import { WorkAlertKind } from '../work-alert/work-alert.type.js';
import { APPRAISAL_RULES } from './appraisal.rules.js';

/** 民主评议: the day of a grade, the follow-up of 不合格 and its alert, and appraisalStats live. */
let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000000711';
const DAY = today();
const YEAR = Number(DAY.slice(0, 4));
const admin = new Viewer('test', ['admin'], null);
const ids: Record<string, string> = {};

beforeAll(async () => {
  test = await startTestApp();
  await test.app.services.organizations.apply(
    { id: ORG, name: '南京市软件行业协会', regionCode: '320106', status: 'ACTIVE' },
    1,
  );
  for (const name of ['a', 'b', 'c', 'd']) {
    const added = await test.as<{ addPartyMember: { id: string } }>(
      'operator',
      'mutation ($i: AddPartyMemberInput!) { addPartyMember(input: $i) { id } }',
      { i: { name: `党员${name}`, socialOrganizationId: ORG, stage: 'FULL', stageSince: '2015-01-01' } },
    );
    ids[name] = added.data!.addPartyMember.id;
  }
});
afterAll(async () => {
  await test?.stop();
});

const APPRAISE =
  'mutation ($i: RecordAppraisalInput!) { recordAppraisal(input: $i) { id year grade appraisedOn } }';
const FOLLOW_UP = `mutation ($i: RecordAppraisalFollowUpInput!) {
  recordAppraisalFollowUp(input: $i) { id followUp { action decidedOn correctBy } } }`;

async function appraise(memberId: string, year: number, grade: string, appraisedOn?: string) {
  const result = await test.as<{ recordAppraisal: { id: string; appraisedOn: string } }>(
    'operator',
    APPRAISE,
    {
      i: { memberId, year, grade, ...(appraisedOn ? { appraisedOn } : {}) },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.recordAppraisal;
}

const refusal = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => ({
  code: result.errors?.[0]?.extensions?.code,
  rule: result.errors?.[0]?.extensions?.rule,
});

async function overdue(memberId: string) {
  return (await test.app.dataSource.query(
    "SELECT rule_key, DATE_FORMAT(due_on, '%Y-%m-%d') AS due_on FROM work_alert WHERE kind = ? AND subject_id = ?",
    [WorkAlertKind.UNQUALIFIED_FOLLOW_UP_OVERDUE, memberId],
  )) as Array<{ rule_key: string; due_on: string }>;
}

describe('the day of a grade', () => {
  it('is today by default, the last day of an earlier year, and lies in the year appraised', async () => {
    expect((await appraise(ids.a!, YEAR, 'QUALIFIED')).appraisedOn).toBe(DAY);
    expect((await appraise(ids.a!, YEAR - 2, 'EXCELLENT')).appraisedOn).toBe(`${YEAR - 2}-12-31`);
    const outside = await test.as('operator', APPRAISE, {
      i: { memberId: ids.b, year: YEAR, grade: 'QUALIFIED', appraisedOn: `${YEAR - 1}-12-20` },
    });
    expect(refusal(outside)).toEqual({ code: 'BAD_USER_INPUT', rule: APPRAISAL_RULES.APPRAISED_IN_YEAR });
    const future = await test.as('operator', APPRAISE, {
      i: { memberId: ids.b, year: YEAR, grade: 'QUALIFIED', appraisedOn: addDays(DAY, 1) },
    });
    expect(refusal(future)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('the follow-up of 不合格', () => {
  it('is refused for another grade, without or with a bad correctBy, out of order, and twice', async () => {
    const qualified = await appraise(ids.b!, YEAR - 1, 'QUALIFIED', `${YEAR - 1}-12-01`);
    const unqualified = await appraise(ids.b!, YEAR - 2, 'UNQUALIFIED', `${YEAR - 2}-11-20`);
    const decidedOn = `${YEAR - 2}-12-01`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { appraisalId: qualified.id, action: 'REMOVED', decidedOn: DAY },
        APPRAISAL_RULES.FOLLOW_UP_UNQUALIFIED_ONLY,
      ],
      [
        { appraisalId: unqualified.id, action: 'LIMITED_CORRECTION', decidedOn },
        APPRAISAL_RULES.FOLLOW_UP_CORRECT_BY,
      ],
      [
        {
          appraisalId: unqualified.id,
          action: 'LIMITED_CORRECTION',
          decidedOn,
          correctBy: addMonths(decidedOn, 13),
        },
        APPRAISAL_RULES.FOLLOW_UP_CORRECT_BY,
      ],
      [
        { appraisalId: unqualified.id, action: 'REMOVED', decidedOn, correctBy: addMonths(decidedOn, 3) },
        APPRAISAL_RULES.FOLLOW_UP_CORRECT_BY,
      ],
      [
        { appraisalId: unqualified.id, action: 'REMOVED', decidedOn: `${YEAR - 2}-11-01` },
        APPRAISAL_RULES.FOLLOW_UP_DATE_ORDER,
      ],
      [
        { appraisalId: unqualified.id, action: 'REMOVED', decidedOn: addDays(DAY, 1) },
        APPRAISAL_RULES.NOT_IN_FUTURE,
      ],
    ];
    for (const [i, rule] of cases)
      expect(refusal(await test.as('operator', FOLLOW_UP, { i }))).toEqual({ code: 'BAD_USER_INPUT', rule });
    const done = await test.as<{ recordAppraisalFollowUp: { followUp: unknown } }>('operator', FOLLOW_UP, {
      i: {
        appraisalId: unqualified.id,
        action: 'LIMITED_CORRECTION',
        decidedOn,
        correctBy: addMonths(decidedOn, 12),
      },
    });
    expect(done.errors).toBeUndefined();
    expect(done.data?.recordAppraisalFollowUp.followUp).toEqual({
      action: 'LIMITED_CORRECTION',
      decidedOn,
      correctBy: addMonths(decidedOn, 12),
    });
    const twice = await test.as('operator', FOLLOW_UP, {
      i: { appraisalId: unqualified.id, action: 'REMOVED', decidedOn },
    });
    expect(refusal(twice)).toEqual({ code: 'BAD_USER_INPUT', rule: APPRAISAL_RULES.FOLLOW_UP_ONCE });
    // read with the member, in region; not by a reader of another region
    const read = `{ partyMember(id: "${ids.b}") { appraisals { year grade followUp { action } } } }`;
    const member = await test.as<{ partyMember: { appraisals: unknown[] } }>('analyst', read, {}, '320000');
    expect(member.data?.partyMember.appraisals).toEqual([
      { year: YEAR - 2, grade: 'UNQUALIFIED', followUp: { action: 'LIMITED_CORRECTION' } },
      { year: YEAR - 1, grade: 'QUALIFIED', followUp: null },
    ]);
    const outside = await test.as<{ partyMember: unknown }>('analyst', read, {}, '330000');
    expect(outside.data?.partyMember ?? null).toBeNull();
    // and the grade with its follow-up raised no alert
    expect(await overdue(ids.b!)).toEqual([]);
  });

  it('is overdue a month after the appraisal: the alert appears with the day and clears with the follow-up or the member leaving', async () => {
    const recent = await appraise(ids.c!, YEAR, 'UNQUALIFIED');
    expect(await overdue(ids.c!)).toEqual([]);
    await appraise(ids.d!, YEAR - 1, 'UNQUALIFIED', `${YEAR - 1}-03-01`);
    expect(await overdue(ids.d!)).toEqual([{ rule_key: String(YEAR - 1), due_on: `${YEAR - 1}-04-01` }]);
    // the member leaves the rolls: nothing to follow up
    const ended = await test.as(
      'operator',
      'mutation ($i: EndMembershipInput!) { endPartyMembership(input: $i) { id } }',
      { i: { memberId: ids.d, reason: 'TRANSFERRED_OUT', effectiveOn: DAY, approvedBy: '支部委员会' } },
    );
    expect(ended.errors).toBeUndefined();
    expect(await overdue(ids.d!)).toEqual([]);
    // a month later, with the day
    const later = addDays(addMonths(DAY, 1), 1);
    await test.app.services.workAlertKeeper.reconcile(later);
    expect(await overdue(ids.c!)).toEqual([{ rule_key: String(YEAR), due_on: addMonths(DAY, 1) }]);
    const followed = await test.as('operator', FOLLOW_UP, {
      i: { appraisalId: recent.id, action: 'PERSUADED_TO_WITHDRAW', decidedOn: DAY },
    });
    expect(followed.errors).toBeUndefined();
    expect(await overdue(ids.c!)).toEqual([]);
  });
});

interface Figure {
  members: number;
  appraised: number;
  appraisalRate: number;
  byGrade: Array<{ grade: string; members: number }>;
  version: string;
}
const FIELDS = 'members appraised appraisalRate byGrade { grade members } version';

describe('appraisalStats', () => {
  it('counts the grades of a year of the Party members on the rolls, live', async () => {
    const read = await test.as<{ appraisalStats: Figure }>(
      'wall',
      `{ appraisalStats(regionCode: "320000", year: ${YEAR - 1}) { ${FIELDS} } }`,
      {},
      '320000',
    );
    expect(read.errors).toBeUndefined();
    // d left the rolls: its grade is no longer counted; b's QUALIFIED is
    expect(read.data?.appraisalStats).toMatchObject({
      members: 3,
      appraised: 1,
      appraisalRate: 1 / 3,
      byGrade: [
        { grade: 'EXCELLENT', members: 0 },
        { grade: 'QUALIFIED', members: 1 },
        { grade: 'BASICALLY_QUALIFIED', members: 0 },
        { grade: 'UNQUALIFIED', members: 0 },
      ],
    });
    const stream = (await subscribe({
      schema: test.app.schema,
      document: parse(
        `subscription { appraisalStatsChanged(regionCode: "320106", year: ${YEAR - 1}) { ${FIELDS} } }`,
      ),
      contextValue: test.app.context({
        viewer: new Viewer('sub-wall', ['wall'], '320000'),
        requestId: 'sub',
      }),
    })) as AsyncIterableIterator<ExecutionResult<{ appraisalStatsChanged: Figure }>>;
    const readFigure = readAhead(stream);
    await untilWatched(test.app.pubSub, `APPRAISAL_STATS_CHANGED:${YEAR - 1}`, ['320106']);
    // the last figure `want` accepts; figures of earlier writes may come first
    const next = async (want: (figure: Figure) => boolean) =>
      (await readUntil(async () => (await readFigure()).data!.appraisalStatsChanged, want)).at(-1)!;
    await appraise(ids.a!, YEAR - 1, 'EXCELLENT', `${YEAR - 1}-12-15`);
    const graded = await next((f) => f.appraised === 2);
    expect(graded.byGrade[0]).toEqual({ grade: 'EXCELLENT', members: 1 });
    // a member leaving the rolls moves the base and its grade out
    await test.app.services.partyMembers.end(
      { memberId: ids.a!, reason: 'DECEASED' as never, effectiveOn: DAY, approvedBy: '支部委员会' },
      admin,
    );
    const left = await next((f) => f.members === 2);
    expect(left).toMatchObject({ appraised: 1, appraisalRate: 1 / 2 });
    expect(Number(left.version)).toBeGreaterThan(Number(graded.version));
    await stream.return?.();
  });
});
