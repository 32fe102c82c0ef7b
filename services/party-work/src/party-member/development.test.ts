import { addMonths, today } from '@pb/platform/calendar';
import { eventStream } from '@pb/platform/events';
import { connectRedis } from '@pb/platform/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheck } from '../personal-data/personal-data.cipher.js';
import { startWithOrganization, type TestApp } from '../test-support.js';
import { RULES } from './party-member.rules.js';

let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000000101';
const BRANCH = '00000000-0000-4000-8000-000000000201';
const DAY = today();

const MEMBER_FIELDS =
  'id stage stageSince status probationEndsOn history { kind fromStage toStage effectiveOn approvedBy recordedBy note }';
const ADD = `mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { ${MEMBER_FIELDS} } }`;
const ADVANCE = `mutation ($input: AdvancePartyMemberInput!) { advancePartyMember(input: $input) { ${MEMBER_FIELDS} } }`;
const EXTEND = `mutation ($input: ExtendProbationInput!) { extendProbation(input: $input) { ${MEMBER_FIELDS} } }`;
const END = `mutation ($input: EndMembershipInput!) { endPartyMembership(input: $input) { ${MEMBER_FIELDS} } }`;
const TRAIN = 'mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id hours } }';

type Member = {
  id: string;
  stage: string;
  stageSince: string;
  status: string;
  history: Array<Record<string, unknown>>;
};
let sequence = 0;

/** An ID number of someone born on `birth` (YYYY-MM-DD), unique per call. */
function idNumber(birth: string): string {
  sequence += 1;
  return withIdCheck(`330106${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`);
}

async function add(stage: string, stageSince: string, extra: Record<string, unknown> = {}): Promise<Member> {
  const result = await test.as<{ addPartyMember: Member }>('operator', ADD, {
    input: { name: '测试成员', socialOrganizationId: ORG, branchId: BRANCH, stage, stageSince, ...extra },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.addPartyMember;
}

async function advance(
  memberId: string,
  stage: string,
  effectiveOn: string,
  extra: Record<string, unknown> = {},
) {
  return test.as<{ advancePartyMember: Member }>('operator', ADVANCE, {
    input: { memberId, stage, effectiveOn, approvedBy: '支部党员大会', ...extra },
  });
}

async function train(memberId: string, hours: number, startedOn = addMonths(DAY, -2)) {
  const result = await test.as('operator', TRAIN, {
    input: { memberId, title: '发展对象短期集中培训', startedOn, hours },
  });
  expect(result.errors).toBeUndefined();
}

function expectRule(
  result: { errors?: Array<{ extensions?: Record<string, unknown>; message: string }> },
  rule: string,
) {
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule });
  expect(result.errors?.[0]?.message).toContain(rule);
}

beforeAll(async () => {
  test = await startWithOrganization(
    { id: ORG, name: '杭州市网络文学促进会', regionCode: '330106' },
    {
      id: BRANCH,
      name: '杭州市网络文学促进会党支部',
      establishedAt: '2020-01-01',
      coveredOrganizationIds: [ORG],
    },
  );
});
afterAll(async () => {
  await test?.stop();
});

describe('development of a Party member', () => {
  it('walks every stage in order, dated and approved, kept as history', async () => {
    const start = addMonths(DAY, -40);
    const member = await add('APPLICANT', start, { idNumber: idNumber('1990-03-07') });
    const activist = await advance(member.id, 'ACTIVIST', addMonths(start, 3));
    expect(activist.errors).toBeUndefined();
    const candidate = await advance(member.id, 'CANDIDATE', addMonths(start, 15));
    expect(candidate.errors).toBeUndefined();
    await train(member.id, 24, addMonths(start, 17));
    const probationary = await advance(member.id, 'PROBATIONARY', addMonths(start, 20), {
      introducers: ['张伟', '李娜'],
      politicalReviewPassed: true,
    });
    expect(probationary.errors).toBeUndefined();
    const full = await advance(member.id, 'FULL', addMonths(start, 32));
    expect(full.errors).toBeUndefined();
    expect(full.data?.advancePartyMember).toMatchObject({
      stage: 'FULL',
      stageSince: addMonths(start, 32),
      status: 'ACTIVE',
    });
    expect(
      full.data?.advancePartyMember.history.map((h) => [h.kind, h.fromStage, h.toStage, h.effectiveOn]),
    ).toEqual([
      ['APPLIED', null, 'APPLICANT', start],
      ['ADVANCED', 'APPLICANT', 'ACTIVIST', addMonths(start, 3)],
      ['ADVANCED', 'ACTIVIST', 'CANDIDATE', addMonths(start, 15)],
      ['ADVANCED', 'CANDIDATE', 'PROBATIONARY', addMonths(start, 20)],
      ['ADVANCED', 'PROBATIONARY', 'FULL', addMonths(start, 32)],
    ]);
    expect(full.data?.advancePartyMember.history[4]).toMatchObject({
      approvedBy: '支部党员大会',
      recordedBy: 'test-operator',
    });
    expect(full.data?.advancePartyMember.history[3]?.note).toContain('张伟');
  });

  it(`refuses an applicant under 18 (${RULES.MIN_AGE})`, async () => {
    const seventeen = addMonths(DAY, -12 * 17);
    const result = await test.as('operator', ADD, {
      input: { name: '少年', socialOrganizationId: ORG, stage: 'APPLICANT', idNumber: idNumber(seventeen) },
    });
    expectRule(result, RULES.MIN_AGE);
    expect(result.errors?.[0]?.extensions?.field).toBe('input.idNumber');
    const byBirthDate = await test.as('operator', ADD, {
      input: { name: '少年', socialOrganizationId: ORG, stage: 'APPLICANT', birthDate: seventeen },
    });
    expectRule(byBirthDate, RULES.MIN_AGE);
  });

  it(`refuses a skipped or reversed stage (${RULES.STAGE_ORDER})`, async () => {
    const member = await add('APPLICANT', addMonths(DAY, -30));
    expectRule(await advance(member.id, 'CANDIDATE', DAY), RULES.STAGE_ORDER);
    expectRule(await advance(member.id, 'FULL', DAY), RULES.STAGE_ORDER);
    expectRule(await advance(member.id, 'APPLICANT', DAY), RULES.STAGE_ORDER);
    const full = await add('FULL', '2015-07-01');
    expectRule(await advance(full.id, 'FULL', DAY), RULES.STAGE_ORDER);
  });

  it(`refuses a change dated before the current stage or in the future (${RULES.DATE_ORDER})`, async () => {
    const member = await add('APPLICANT', addMonths(DAY, -3));
    expectRule(await advance(member.id, 'ACTIVIST', addMonths(DAY, -4)), RULES.DATE_ORDER);
    expectRule(await advance(member.id, 'ACTIVIST', addMonths(DAY, 1)), RULES.DATE_ORDER);
  });

  it(`refuses a candidate after less than a year as activist (${RULES.ACTIVIST_ONE_YEAR}), training or not`, async () => {
    const member = await add('ACTIVIST', addMonths(DAY, -11));
    expectRule(await advance(member.id, 'CANDIDATE', DAY), RULES.ACTIVIST_ONE_YEAR);
    // an activist of a year becomes a candidate without any training: it is the candidate who is trained
    const year = await add('ACTIVIST', addMonths(DAY, -13));
    expect((await advance(year.id, 'CANDIDATE', DAY)).errors).toBeUndefined();
  });

  it(`refuses admission of a candidate with under 24 hours of training as a candidate (${RULES.TRAINING_24_HOURS}, Art. 19)`, async () => {
    const admission = { politicalReviewPassed: true, introducers: ['张伟', '李娜'] };
    const member = await add('ACTIVIST', addMonths(DAY, -16));
    // training before the candidacy does not count
    await train(member.id, 30, addMonths(DAY, -3));
    expect((await advance(member.id, 'CANDIDATE', addMonths(DAY, -2))).errors).toBeUndefined();
    await train(member.id, 16, addMonths(DAY, -1));
    const short = await advance(member.id, 'PROBATIONARY', DAY, admission);
    expectRule(short, RULES.TRAINING_24_HOURS);
    expect(short.errors?.[0]?.message).toContain('Art. 19');
    expect(short.errors?.[0]?.message).toContain('16');
    await train(member.id, 8, DAY);
    const admitted = await advance(member.id, 'PROBATIONARY', DAY, admission);
    expect(admitted.errors).toBeUndefined();
    expect(admitted.data?.advancePartyMember.stage).toBe('PROBATIONARY');
  });

  it(`refuses admission without a political review (${RULES.POLITICAL_REVIEW}) or two introducers (${RULES.TWO_INTRODUCERS})`, async () => {
    const member = await add('CANDIDATE', addMonths(DAY, -3));
    await train(member.id, 24);
    expectRule(
      await advance(member.id, 'PROBATIONARY', DAY, { introducers: ['张伟', '李娜'] }),
      RULES.POLITICAL_REVIEW,
    );
    expectRule(
      await advance(member.id, 'PROBATIONARY', DAY, { politicalReviewPassed: true, introducers: ['张伟'] }),
      RULES.TWO_INTRODUCERS,
    );
    expectRule(
      await advance(member.id, 'PROBATIONARY', DAY, {
        politicalReviewPassed: true,
        introducers: ['张伟', '张伟'],
      }),
      RULES.TWO_INTRODUCERS,
    );
  });

  it(`refuses conversion before a year of probation (${RULES.PROBATION_ONE_YEAR}), extension included`, async () => {
    const member = await add('PROBATIONARY', addMonths(DAY, -11));
    expectRule(await advance(member.id, 'FULL', DAY), RULES.PROBATION_ONE_YEAR);
    const old = await add('PROBATIONARY', addMonths(DAY, -14));
    const extended = await test.as('operator', EXTEND, {
      input: { memberId: old.id, months: 6, effectiveOn: addMonths(DAY, -2), approvedBy: '支部党员大会' },
    });
    expect(extended.errors).toBeUndefined();
    expectRule(await advance(old.id, 'FULL', DAY), RULES.PROBATION_ONE_YEAR);
  });

  it(`allows one extension of 6 to 12 months, of probation only (${RULES.EXTENSION_RANGE}, ${RULES.EXTENSION_ONCE})`, async () => {
    const member = await add('PROBATIONARY', addMonths(DAY, -10));
    const extend = (months: number, memberId = member.id) =>
      test.as('operator', EXTEND, {
        input: { memberId, months, effectiveOn: DAY, approvedBy: '支部党员大会' },
      });
    expectRule(await extend(3), RULES.EXTENSION_RANGE);
    expectRule(await extend(13), RULES.EXTENSION_RANGE);
    expect((await extend(12)).errors).toBeUndefined();
    expectRule(await extend(6), RULES.EXTENSION_ONCE);
    const full = await add('FULL', '2010-01-01');
    expectRule(await extend(6, full.id), RULES.EXTENSION_PROBATIONARY_ONLY);
  });

  it(`ends membership by cancellation, transfer or death, and then refuses changes (${RULES.MEMBER_ACTIVE})`, async () => {
    const member = await add('PROBATIONARY', addMonths(DAY, -13));
    const ended = await test.as<{ endPartyMembership: Member }>('operator', END, {
      input: { memberId: member.id, reason: 'DECEASED', effectiveOn: DAY, approvedBy: '支部委员会' },
    });
    expect(ended.data?.endPartyMembership).toMatchObject({ status: 'DECEASED' });
    expect(ended.data?.endPartyMembership.history.at(-1)).toMatchObject({
      kind: 'DECEASED',
      toStage: 'PROBATIONARY',
    });
    expectRule(await advance(member.id, 'FULL', DAY), RULES.MEMBER_ACTIVE);
  });

  it('refuses a member outside the operator region, and any write by an analyst', async () => {
    const member = await add('APPLICANT', addMonths(DAY, -3));
    const outside = await test.as(
      'operator',
      ADVANCE,
      { input: { memberId: member.id, stage: 'ACTIVIST', effectiveOn: DAY, approvedBy: '支部委员会' } },
      '440000',
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const analyst = await test.as('analyst', ADVANCE, {
      input: { memberId: member.id, stage: 'ACTIVIST', effectiveOn: DAY, approvedBy: '支部委员会' },
    });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('personal data on input', () => {
  it(`refuses a wrong ID number (${RULES.ID_NUMBER_VALID}) or phone (${RULES.PHONE_VALID})`, async () => {
    const badCheck = idNumber('1985-05-05').slice(0, 17);
    const wrong = `${badCheck}${badCheck.endsWith('1') ? '2' : '1'}`;
    const result = await test.as('operator', ADD, {
      input: { name: '王五', socialOrganizationId: ORG, idNumber: wrong },
    });
    expectRule(result, RULES.ID_NUMBER_VALID);
    const phone = await test.as('operator', ADD, {
      input: { name: '王五', socialOrganizationId: ORG, phone: '12345' },
    });
    expectRule(phone, RULES.PHONE_VALID);
  });

  it(`finds a duplicate ID number or phone by its keyed hash (${RULES.ID_NUMBER_UNIQUE}, ${RULES.PHONE_UNIQUE})`, async () => {
    const id = idNumber('1988-08-08');
    await add('APPLICANT', DAY, { idNumber: id, phone: '13800001111' });
    const again = await test.as('operator', ADD, {
      input: { name: '赵六', socialOrganizationId: ORG, idNumber: id.toLowerCase() },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      rule: RULES.ID_NUMBER_UNIQUE,
      field: 'input.idNumber',
    });
    const phone = await test.as('operator', ADD, {
      input: { name: '赵六', socialOrganizationId: ORG, phone: '138 0000 1111' },
    });
    expect(phone.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: RULES.PHONE_UNIQUE });
  });
});

describe('full-member counts for the organization subgraph', () => {
  it('publishes FullMemberCountChanged with a growing per-organization version after each change of the count', async () => {
    const other = '00000000-0000-4000-8000-000000000102';
    await test.app.services.organizations.apply(
      { id: other, name: '杭州市数字文化研究院', regionCode: '330106', status: 'ACTIVE' },
      1,
    );
    const addHere = (stage: string, since: string) =>
      test.as<{ addPartyMember: Member }>('operator', ADD, {
        input: { name: '钱七', socialOrganizationId: other, stage, stageSince: since },
      });
    await addHere('FULL', '2012-01-01');
    await addHere('APPLICANT', DAY); // no change of the full count: no event
    const probationary = await addHere('PROBATIONARY', addMonths(DAY, -13));
    await advance(probationary.data!.addPartyMember.id, 'FULL', DAY);
    await test.app.services.outbox.drain();
    const redis = await connectRedis(test.env.common.redisUrl, 'test-reader');
    const entries = (await redis.xrange(
      eventStream(test.env.common.redisNamespace, 'party-work'),
      '-',
      '+',
    )) as Array<[string, string[]]>;
    redis.disconnect();
    const events = entries
      .map(([, fields]) => JSON.parse(fields[1] as string))
      .filter((e: { aggregateId: string }) => e.aggregateId === other);
    expect(
      events.map((e: { version: number; data: { fullMemberCount: number } }) => [
        e.version,
        e.data.fullMemberCount,
      ]),
    ).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(events[0]).toMatchObject({
      type: 'FullMemberCountChanged',
      data: { socialOrganizationId: other },
    });
    const [counter] = await test.app.dataSource.query(
      'SELECT full_member_count, version FROM full_member_counter WHERE social_organization_id = ?',
      [other],
    );
    expect(counter).toEqual({ full_member_count: 2, version: 2 });
  });

  it('counts developed and converted members of this year in memberStats', async () => {
    const stats = await test.as<{
      memberStats: { developedThisYear: number; convertedThisYear: number; year: number };
    }>('wall', '{ memberStats(regionCode: "330000") { year developedThisYear convertedThisYear } }');
    const [expected] = await test.app.dataSource.query(
      `SELECT SUM(to_stage = 'PROBATIONARY') AS developed, SUM(to_stage = 'FULL') AS converted FROM stage_change
       WHERE kind = 'ADVANCED' AND YEAR(effective_on) = ? AND region_code LIKE '33%'`,
      [Number(DAY.slice(0, 4))],
    );
    expect(stats.data?.memberStats).toEqual({
      year: Number(DAY.slice(0, 4)),
      developedThisYear: Number(expected.developed ?? 0),
      convertedThisYear: Number(expected.converted ?? 0),
    });
    expect(stats.data?.memberStats.convertedThisYear).toBeGreaterThan(0);
  });
});
