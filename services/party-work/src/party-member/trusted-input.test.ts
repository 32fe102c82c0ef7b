import { addDays, addMonths, today } from '@pb/platform/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheck } from '../personal-data/personal-data.cipher.js';
import { startWithOrganization, type TestApp } from '../test-support.js';

/**
 * Input that a person can trust (issue 14) on party-work: names and free text without control or
 * direction characters and not empty once invisible characters go, NFC-normalised; a member's birth date
 * from 1900 to 18 years ago; stage and record dates from the Party's founding (1921-07-01) to today.
 * Each refusal is BAD_USER_INPUT naming the field.
 */
let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000001401';
const BRANCH = '00000000-0000-4000-8000-000000001402';
const DAY = today();
const TOMORROW = addDays(DAY, 1);

const ADD =
  'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id name stageSince } }';
const ADVANCE = 'mutation ($input: AdvancePartyMemberInput!) { advancePartyMember(input: $input) { id } }';
const TALK = 'mutation ($i: RecordTalkInput!) { recordTalk(input: $i) { topic talker } }';
const TRAIN = 'mutation ($i: RecordTrainingInput!) { recordTraining(input: $i) { title } }';
const ACTIVITY = 'mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }';
const FUNDING = 'mutation ($input: RecordFundingInput!) { recordFunding(input: $input) { id } }';

type Result = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

function expectRefused(result: Result, field: string, rule?: string) {
  expect(result.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field,
    ...(rule ? { rule } : {}),
  });
  expect(result.errors?.[0]?.message).toContain(field);
}

const add = (input: Record<string, unknown>) =>
  test.as<{ addPartyMember: { id: string; name: string; stageSince: string } }>('operator', ADD, {
    input: { name: '测试成员', socialOrganizationId: ORG, branchId: BRANCH, stage: 'APPLICANT', ...input },
  });

let sequence = 0;
/** An ID number of someone born on `birth`, unique per call. */
function idNumber(birth: string): string {
  sequence += 1;
  return withIdCheck(`330106${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`);
}

beforeAll(async () => {
  test = await startWithOrganization(
    { id: ORG, name: '杭州市网络安全协会', regionCode: '330106' },
    {
      id: BRANCH,
      name: '杭州市网络安全协会党支部',
      establishedAt: '2020-01-01',
      coveredOrganizationIds: [ORG],
    },
  );
});
afterAll(async () => {
  await test?.stop();
});

describe('member names a person can trust', () => {
  it.each([
    ['only zero-width spaces', '\u200B\u200B', 'TEXT_EMPTY'],
    ['a right-to-left override', '王\u202E明小', 'TEXT_DIRECTION_CONTROL'],
    ['a left-to-right mark', '王小明\u200E', 'TEXT_DIRECTION_CONTROL'],
    ['a NUL', '王小\u0000明', 'TEXT_CONTROL_CHARACTER'],
    ['a BEL', '\u0007王小明', 'TEXT_CONTROL_CHARACTER'],
    ['a C1 control', '王小明\u0085', 'TEXT_CONTROL_CHARACTER'],
  ])('refuses a name of %s, naming input.name', async (_, name, rule) => {
    expectRefused(await add({ name }), 'input.name', rule);
  });

  it('stores a name NFC-normalised and trimmed', async () => {
    const added = await add({ name: '\uFEFF Zoe\u0308 王 \u200B' });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addPartyMember.name).toBe('Zo\u00EB 王');
    const [row] = await test.app.dataSource.query('SELECT name FROM party_member WHERE id = ?', [
      added.data?.addPartyMember.id,
    ]);
    expect(row.name).toBe('Zo\u00EB 王');
  });

  it('refuses the same in approvers, notes, talks, training, activities and funding', async () => {
    expectRefused(
      await add({ approvedBy: '支部\u202E委员会' }),
      'input.approvedBy',
      'TEXT_DIRECTION_CONTROL',
    );
    const member = (await add({ stageSince: addMonths(DAY, -2) })).data!.addPartyMember;
    const advance = (extra: Record<string, unknown>) =>
      test.as('operator', ADVANCE, {
        input: {
          memberId: member.id,
          stage: 'ACTIVIST',
          effectiveOn: DAY,
          approvedBy: '支部委员会',
          ...extra,
        },
      });
    expectRefused(await advance({ note: '\u200B' }), 'input.note', 'TEXT_EMPTY');
    expectRefused(await advance({ note: '谈话\u0000记录' }), 'input.note', 'TEXT_CONTROL_CHARACTER');
    const talk = (i: Record<string, unknown>) =>
      test.as('operator', TALK, {
        i: { heldOn: DAY, topic: '入党动机', talker: '李书记', participantIds: [member.id], ...i },
      });
    expectRefused(await talk({ topic: '\u2060\u200C' }), 'input.topic', 'TEXT_EMPTY');
    expectRefused(await talk({ talker: '李\u0007书记' }), 'input.talker', 'TEXT_CONTROL_CHARACTER');
    const train = (i: Record<string, unknown>) =>
      test.as('operator', TRAIN, {
        i: { memberId: member.id, title: '党课', startedOn: DAY, hours: 8, ...i },
      });
    expectRefused(await train({ title: '党课\u2067' }), 'input.title', 'TEXT_DIRECTION_CONTROL');
    const activity = await test.as('operator', ACTIVITY, {
      input: {
        branchId: BRANCH,
        type: 'THEMED_PARTY_DAY',
        mode: 'OFFLINE',
        title: '\u200B\u200B',
        heldAt: new Date(Date.now() - 3600_000).toISOString(),
        expected: 1,
        present: 1,
        online: 0,
        excused: 0,
        absent: 0,
      },
    });
    expectRefused(activity, 'input.title', 'TEXT_EMPTY');
    const funding = await test.as('operator', FUNDING, {
      input: {
        source: 'DUES_ALLOCATION',
        amountFen: 100,
        receivedOn: DAY,
        partyOrganizationId: BRANCH,
        project: '\u202D项目',
      },
    });
    expectRefused(funding, 'input.project', 'TEXT_DIRECTION_CONTROL');
  });
});

describe('dates in a plausible range', () => {
  it('refuses a birth date in 1800 (given, or carried by the ID number), naming the field', async () => {
    expectRefused(await add({ birthDate: '1800-01-01' }), 'input.birthDate', 'BIRTH_DATE_RANGE');
    expectRefused(await add({ idNumber: idNumber('1899-12-31') }), 'input.idNumber', 'BIRTH_DATE_RANGE');
    expect((await add({ birthDate: '1960-05-04' })).errors).toBeUndefined();
  });

  it('refuses a stage date in year 1 or in the future, naming the field', async () => {
    expectRefused(await add({ stageSince: '0001-01-01' }), 'input.stageSince', 'DATE_BEFORE_PARTY_FOUNDED');
    expectRefused(await add({ stageSince: '1921-06-30' }), 'input.stageSince', 'DATE_BEFORE_PARTY_FOUNDED');
    expectRefused(await add({ stageSince: TOMORROW }), 'input.stageSince', 'DATE_ORDER');
    expectRefused(
      await add({ stage: 'ACTIVIST', stageSince: DAY, appliedOn: '0001-01-01' }),
      'input.appliedOn',
      'DATE_BEFORE_PARTY_FOUNDED',
    );
    const member = (await add({ stage: 'FULL', stageSince: '1921-07-01' })).data!.addPartyMember;
    expect(member.stageSince).toBe('1921-07-01');
    const applicant = (await add({ stageSince: addMonths(DAY, -2) })).data!.addPartyMember;
    const advance = (effectiveOn: string) =>
      test.as('operator', ADVANCE, {
        input: { memberId: applicant.id, stage: 'ACTIVIST', effectiveOn, approvedBy: '支部委员会' },
      });
    expectRefused(await advance('0001-01-01'), 'input.effectiveOn', 'DATE_BEFORE_PARTY_FOUNDED');
    expectRefused(await advance(TOMORROW), 'input.effectiveOn', 'DATE_ORDER');
  });

  it('refuses talks, training and funding dated in year 1', async () => {
    const member = (await add({ stageSince: addMonths(DAY, -2) })).data!.addPartyMember;
    const talk = await test.as('operator', TALK, {
      i: { heldOn: '0001-01-01', topic: '入党动机', talker: '李书记', participantIds: [member.id] },
    });
    expectRefused(talk, 'input.heldOn', 'DATE_BEFORE_PARTY_FOUNDED');
    const training = await test.as('operator', TRAIN, {
      i: { memberId: member.id, title: '党课', startedOn: '0001-01-01', hours: 8 },
    });
    expectRefused(training, 'input.startedOn', 'DATE_BEFORE_PARTY_FOUNDED');
    const funding = await test.as('operator', FUNDING, {
      input: {
        source: 'DUES_ALLOCATION',
        amountFen: 100,
        receivedOn: '0001-01-01',
        partyOrganizationId: BRANCH,
      },
    });
    expectRefused(funding, 'input.receivedOn', 'DATE_BEFORE_PARTY_FOUNDED');
  });
});
