import { addMonths, today } from '@pb/platform/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';
import { MEMBER_LIFE_RULES } from './member-life.service.js';

let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000000701';
const YEAR = Number(today().slice(0, 4));
const ids: Record<string, string> = {};

beforeAll(async () => {
  test = await startTestApp();
  await test.app.services.organizations.apply(
    { id: ORG, name: '南京市电子商务协会', regionCode: '320106', status: 'ACTIVE' },
    1,
  );
  for (const [name, stage] of [
    ['full', 'FULL'],
    ['probationary', 'PROBATIONARY'],
    ['activist', 'ACTIVIST'],
  ]) {
    const added = await test.as<{ addPartyMember: { id: string } }>(
      'operator',
      'mutation ($i: AddPartyMemberInput!) { addPartyMember(input: $i) { id } }',
      {
        i: { name: `成员${name}`, socialOrganizationId: ORG, stage, stageSince: addMonths(today(), -6) },
      },
    );
    ids[name as string] = added.data!.addPartyMember.id;
  }
});
afterAll(async () => {
  await test?.stop();
});

const APPRAISE =
  'mutation ($i: RecordAppraisalInput!) { recordAppraisal(input: $i) { memberId year grade } }';

describe('democratic appraisal', () => {
  it('grades a Party member once per year and shows the grades on the member', async () => {
    const first = await test.as('operator', APPRAISE, {
      i: { memberId: ids.full, year: YEAR - 1, grade: 'EXCELLENT' },
    });
    expect(first.errors).toBeUndefined();
    await test.as('operator', APPRAISE, {
      i: { memberId: ids.full, year: YEAR, grade: 'BASICALLY_QUALIFIED' },
    });
    const again = await test.as('operator', APPRAISE, {
      i: { memberId: ids.full, year: YEAR, grade: 'QUALIFIED' },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      rule: MEMBER_LIFE_RULES.APPRAISAL_ONCE_A_YEAR,
    });
    const member = await test.as<{ partyMember: { appraisals: Array<{ year: number; grade: string }> } }>(
      'analyst',
      `{ partyMember(id: "${ids.full}") { appraisals { year grade } } }`,
    );
    expect(member.data?.partyMember.appraisals).toEqual([
      { year: YEAR - 1, grade: 'EXCELLENT' },
      { year: YEAR, grade: 'BASICALLY_QUALIFIED' },
    ]);
  });

  it(`grades probationary and full members only (${MEMBER_LIFE_RULES.APPRAISAL_MEMBERS_ONLY}), never a future year`, async () => {
    expect(
      (
        await test.as('operator', APPRAISE, {
          i: { memberId: ids.probationary, year: YEAR, grade: 'QUALIFIED' },
        })
      ).errors,
    ).toBeUndefined();
    const activist = await test.as('operator', APPRAISE, {
      i: { memberId: ids.activist, year: YEAR, grade: 'QUALIFIED' },
    });
    expect(activist.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: MEMBER_LIFE_RULES.APPRAISAL_MEMBERS_ONLY,
    });
    const future = await test.as('operator', APPRAISE, {
      i: { memberId: ids.full, year: YEAR + 1, grade: 'QUALIFIED' },
    });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
  });
});

describe('talks and training', () => {
  it('records a heart-to-heart talk with its participants', async () => {
    const talk = await test.as<{ recordTalk: { participantIds: string[]; heldOn: string } }>(
      'operator',
      'mutation ($i: RecordTalkInput!) { recordTalk(input: $i) { heldOn topic talker participantIds } }',
      {
        i: {
          heldOn: today(),
          topic: '思想动态与工作困难',
          talker: '支部书记王芳',
          participantIds: [ids.activist, ids.full],
        },
      },
    );
    expect(talk.errors).toBeUndefined();
    expect(talk.data?.recordTalk.participantIds).toEqual([ids.activist, ids.full]);
    const unknown = await test.as(
      'operator',
      'mutation ($i: RecordTalkInput!) { recordTalk(input: $i) { heldOn } }',
      {
        i: { heldOn: today(), topic: '谈话', talker: '王芳', participantIds: ['nobody'] },
      },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('reads talks by member, by branch and by year, to roles that read records in their region', async () => {
    const YEAR_NOW = Number(today().slice(0, 4));
    const read = (role: 'analyst' | 'wall', filter: Record<string, unknown>, region: string | null = null) =>
      test.as<{
        talks: { totalCount: number; edges: Array<{ node: { topic: string; participantIds: string[] } }> };
      }>(
        role,
        'query ($f: TalkFilter) { talks(filter: $f) { totalCount edges { node { topic participantIds } } } }',
        { f: filter },
        region,
      );
    const byMember = await read('analyst', { memberId: ids.full, year: YEAR_NOW });
    expect(byMember.errors).toBeUndefined();
    expect(byMember.data?.talks.totalCount).toBe(1);
    expect(byMember.data?.talks.edges[0]?.node.topic).toBe('思想动态与工作困难');
    expect([...(byMember.data?.talks.edges[0]?.node.participantIds ?? [])].sort()).toEqual(
      [ids.activist, ids.full].sort(),
    );
    expect((await read('analyst', { memberId: ids.full, year: YEAR_NOW - 1 })).data?.talks.totalCount).toBe(
      0,
    );
    expect((await read('analyst', { memberId: ids.probationary })).data?.talks.totalCount).toBe(0);
    // on the member, newest held first
    const member = await test.as<{ partyMember: { talks: Array<{ talker: string }> } }>(
      'analyst',
      `{ partyMember(id: "${ids.full}") { talks { talker } } }`,
    );
    expect(member.data?.partyMember.talks).toEqual([{ talker: '支部书记王芳' }]);
    // another region's analyst sees none of them; a wall reads no talk at all
    expect((await read('analyst', {}, '440000')).data?.talks.totalCount).toBe(0);
    expect((await read('analyst', {}, '320000')).data?.talks.totalCount).toBeGreaterThan(0);
    expect((await read('wall', {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("reads the talks of a branch: those with a member on the branch's rolls, in the viewer's region", async () => {
    const BRANCH = '00000000-0000-4000-8000-000000000702';
    const OTHER = '00000000-0000-4000-8000-000000000703';
    for (const id of [BRANCH, OTHER])
      await test.app.services.organizations.applyPartyOrganization(
        {
          id,
          name: `南京市电子商务协会党支部${id.slice(-1)}`,
          type: 'BRANCH',
          formationMode: 'STANDALONE',
          regionCode: '320106',
          establishedAt: '2020-01-01',
        },
        1,
      );
    const added = await test.as<{ addPartyMember: { id: string } }>(
      'operator',
      'mutation ($i: AddPartyMemberInput!) { addPartyMember(input: $i) { id } }',
      {
        i: {
          name: '支部党员',
          socialOrganizationId: ORG,
          branchId: BRANCH,
          stage: 'FULL',
          stageSince: addMonths(today(), -20),
        },
      },
    );
    expect(added.errors).toBeUndefined();
    const inBranch = added.data!.addPartyMember.id;
    const TALK = 'mutation ($i: RecordTalkInput!) { recordTalk(input: $i) { id } }';
    for (const [topic, participantIds] of [
      ['支部谈话一', [inBranch]],
      ['支部谈话二', [inBranch, ids.probationary]],
      ['支部外谈话', [ids.probationary]],
    ] as const) {
      const talk = await test.as('operator', TALK, {
        i: { heldOn: today(), topic, talker: '支部书记', participantIds },
      });
      expect(talk.errors).toBeUndefined();
    }
    const read = (branchId: string, region: string | null = null) =>
      test.as<{ talks: { totalCount: number; edges: Array<{ node: { topic: string } }> } }>(
        'analyst',
        'query ($f: TalkFilter) { talks(filter: $f) { totalCount edges { node { topic } } } }',
        { f: { branchId } },
        region,
      );
    const branch = await read(BRANCH);
    expect(branch.errors).toBeUndefined();
    // in the order recorded
    expect(branch.data?.talks.edges.map((e) => e.node.topic)).toEqual(['支部谈话一', '支部谈话二']);
    expect(branch.data?.talks.totalCount).toBe(2);
    expect((await read(OTHER)).data?.talks.totalCount).toBe(0);
    expect((await read(BRANCH, '440000')).data?.talks.totalCount).toBe(0);
  });

  it('records training hours and lists them on the member', async () => {
    const record = (hours: number) =>
      test.as('operator', 'mutation ($i: RecordTrainingInput!) { recordTraining(input: $i) { hours } }', {
        i: { memberId: ids.activist, title: '入党积极分子培训班', startedOn: today(), hours },
      });
    expect((await record(16)).errors).toBeUndefined();
    expect((await record(0)).errors?.[0]?.extensions).toMatchObject({ field: 'input.hours' });
    const member = await test.as<{ partyMember: { trainings: Array<{ hours: number }> } }>(
      'analyst',
      `{ partyMember(id: "${ids.activist}") { trainings { hours } } }`,
    );
    expect(member.data?.partyMember.trainings).toEqual([{ hours: 16 }]);
  });
});
