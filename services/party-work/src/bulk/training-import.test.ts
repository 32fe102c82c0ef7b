import { toCsv } from '@pb/platform/bulk';
import { addDays, today } from '@pb/platform/calendar';
import { Viewer } from '@pb/platform/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_RULES } from '../member-life/training.js';
import { MemberStage } from '../party-member/party-member.type.js';
import { withIdCheck } from '../personal-data/personal-data.cipher.js';
import { StaffRole } from '../staff/staff.type.js';
import { startTestApp, type TestApp } from '../test-support.js';

let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000001301';
const BRANCH = '00000000-0000-4000-8000-000000001302';
const operator = new Viewer('importer', ['operator'], '330000');
const ID_NUMBER = withIdCheck('33030219900101123');
const DAY = today();
let member: string;
let post: string;

beforeAll(async () => {
  test = await startTestApp();
  const { organizations, partyMembers, staff } = test.app.services;
  await organizations.apply({ id: ORG, name: '温州市网络商会', regionCode: '330302', status: 'ACTIVE' }, 1);
  await organizations.applyPartyOrganization(
    {
      id: BRANCH,
      name: '温州市网络商会党支部',
      type: 'BRANCH',
      formationMode: 'STANDALONE',
      regionCode: '330302',
      establishedAt: '2019-01-01',
    },
    1,
  );
  member = (
    await partyMembers.add(
      {
        name: '陈明',
        socialOrganizationId: ORG,
        stage: MemberStage.FULL,
        stageSince: '2018-07-01',
        idNumber: ID_NUMBER,
      },
      operator,
    )
  ).id;
  post = (
    await staff.assign(
      {
        partyOrganizationId: BRANCH,
        role: StaffRole.FULL_TIME_STAFF,
        personName: '罗娟',
        from: '2024-01-01',
      },
      operator,
    )
  ).id;
});
afterAll(async () => {
  await test?.stop();
});

describe('importing training', () => {
  // made once the member and the post exist
  const file = () =>
    Buffer.from(
      toCsv(
        ['党员编号', '身份证号', '岗位编号', '培训名称', '培训日期', '学时'],
        [
          [member, '', '', '党的二十大精神专题培训', DAY, 24],
          ['', ID_NUMBER, '', '党章党规学习', DAY, 8],
          ['', '', post, '党务工作者示范培训班', DAY, 56],
          ['', ID_NUMBER, '', '党章党规学习', DAY, 8],
          ['', withIdCheck('33030219920202123'), '', '不在名册', DAY, 8],
          [member, '', post, '两个都填', DAY, 8],
          [member, '', '', '学时太多', DAY, 201],
          [member, '', '', '明天的培训', addDays(DAY, 1), 8],
          [member, '', '', '学时不是数', DAY, '八'],
        ],
      ),
    );

  it('imports the good rows and names the line, column and rule of each bad one', async () => {
    const progress: number[] = [];
    const report = await test.app.services.bulk.importTraining(
      { buffer: file(), fileName: 'training.csv' },
      operator,
      (done) => progress.push(done),
    );
    // the repeated row is unchanged: the first is there by then
    expect(report).toMatchObject({ total: 9, imported: 3, unchanged: 1 });
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [6, 'idNumber'],
      [7, 'memberId'],
      [8, 'hours'],
      [9, 'startedOn'],
      [10, 'hours'],
    ]);
    expect(report.rejected[1]!.message).toContain(TRAINING_RULES.ONE_PERSON);
    expect(report.rejected[2]!.message).toContain(TRAINING_RULES.HOURS);
    expect(report.rejected[3]!.message).toContain(TRAINING_RULES.NOT_IN_FUTURE);
    expect(progress.at(-1)).toBe(9);
    const stats = await test.app.services.trainingStats.snapshot('330302', null, operator);
    expect(stats).toMatchObject({
      members: 1,
      membersMeetingMinimum: 1,
      staff: 1,
      staffMeetingMinimum: 1,
      hours: 88,
    });
  });

  it('imports nothing twice', async () => {
    const report = await test.app.services.bulk.importTraining(
      { buffer: file(), fileName: 'training.csv' },
      operator,
    );
    expect(report).toMatchObject({ total: 9, imported: 0, unchanged: 4 });
  });
});
