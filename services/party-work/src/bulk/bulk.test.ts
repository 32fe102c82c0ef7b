import { toCsv } from '@pb/platform/bulk';
import { addMonths, today } from '@pb/platform/calendar';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withIdCheck } from '../personal-data/personal-data.cipher.js';
import { startTestApp, type TestApp } from '../test-support.js';

let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000001201';
const BRANCH = '00000000-0000-4000-8000-000000001202';
const operator = new Viewer('importer', ['operator'], '330000');
const csv = (columns: string[], rows: unknown[][]) => Buffer.from(toCsv(columns, rows));

beforeAll(async () => {
  test = await startTestApp();
  const { organizations } = test.app.services;
  await organizations.apply({ id: ORG, name: '温州市网络商会', regionCode: '330302', status: 'ACTIVE' }, 1);
  await organizations.apply(
    {
      id: '00000000-0000-4000-8000-000000001203',
      name: '广州市网络商会',
      regionCode: '440106',
      status: 'ACTIVE',
    },
    1,
  );
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
});
afterAll(async () => {
  await test?.stop();
});

describe('importing members', () => {
  const good = withIdCheck('33030219900101123');
  const file = csv(
    ['姓名', '身份证号', '手机号', '社会组织', '所在党组织', '发展阶段', '阶段起始日期'],
    [
      ['陈明', good, '13900001111', '温州市网络商会', '温州市网络商会党支部', '正式党员', '2018-07-01'],
      ['林华', withIdCheck('33030219920202123'), '', ORG, BRANCH, '入党申请人', addMonths(today(), -1)],
      [
        '少年',
        withIdCheck(`330302${addMonths(today(), -12 * 16).replace(/-/g, '')}123`),
        '',
        '温州市网络商会',
        '',
        '入党申请人',
        '',
      ],
      ['错号', `${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'}`, '', '温州市网络商会', '', '', ''],
      ['无号', '', '', '温州市网络商会', '', '', ''],
      ['外省', withIdCheck('44010619850505123'), '', '广州市网络商会', '', '正式党员', '2010-01-01'],
      ['重复', good, '', '温州市网络商会', '', '正式党员', '2018-07-01'],
      ['无组织', withIdCheck('33030219800101123'), '', '不存在的协会', '', '', ''],
    ],
  );

  it('imports the good rows and names the line, column and rule of each bad one', async () => {
    const progress: number[] = [];
    const report = await test.app.services.bulk.importMembers(
      { buffer: file, fileName: 'members.csv' },
      operator,
      (done) => progress.push(done),
    );
    expect(report).toMatchObject({ total: 8, imported: 2, unchanged: 1 });
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [4, 'idNumber'],
      [5, 'idNumber'],
      [6, 'idNumber'],
      [7, undefined],
      [9, 'socialOrganization'],
    ]);
    expect(report.rejected[0]!.message).toContain('MIN_AGE_18');
    expect(report.rejected[1]!.message).toContain('ID_NUMBER_VALID');
    expect(report.rejected[3]!.message).toContain('outside your region');
    expect(progress.at(-1)).toBe(8);
    const [row] = await test.app.dataSource.query(
      "SELECT COUNT(*) AS n FROM stage_change WHERE approved_by = '批量导入'",
    );
    expect(Number(row.n)).toBe(2);
    const counter = await test.app.dataSource.query(
      'SELECT full_member_count, version FROM full_member_counter WHERE social_organization_id = ?',
      [ORG],
    );
    expect(counter).toEqual([{ full_member_count: 1, version: 1 }]);
    // the count went out as `addPartyMember`'s does: its event in the outbox, committed with the members
    const events = (
      (await test.app.dataSource.query(
        "SELECT event FROM outbox WHERE event LIKE '%FullMemberCountChanged%' AND event LIKE ?",
        [`%${ORG}%`],
      )) as Array<{ event: string }>
    ).map((r) => JSON.parse(r.event));
    expect(events).toMatchObject([
      { aggregateId: ORG, version: 1, data: { socialOrganizationId: ORG, fullMemberCount: 1 } },
    ]);
  });

  it('imports nothing twice', async () => {
    const report = await test.app.services.bulk.importMembers(
      { buffer: file, fileName: 'members.csv' },
      operator,
    );
    expect(report).toMatchObject({ total: 8, imported: 0, unchanged: 3 });
  });

  it('imports 民主评议 grades of the imported members, once per member and year', async () => {
    const year = Number(today().slice(0, 4));
    const grades = csv(
      ['身份证号', '年度', '评议等次', '评议日期'],
      [
        [good, year - 1, '优秀', `${year - 1}-12-20`],
        [good, year - 1, '优秀', ''],
        [good, year - 2, '不合格', `${year - 2}-06-01`],
        [withIdCheck('33030219920202123'), year - 1, '合格', ''],
        [withIdCheck('33030219700101123'), year - 1, '合格', ''],
        [good, year - 3, '极好', ''],
        [good, year, '合格', `${year - 1}-05-01`],
      ],
    );
    const report = await test.app.services.bulk.importAppraisals(
      { buffer: grades, fileName: 'appraisals.csv' },
      operator,
    );
    expect(report).toMatchObject({ total: 7, imported: 2, unchanged: 1 });
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [5, 'memberId'],
      [6, 'idNumber'],
      [7, 'grade'],
      [8, 'appraisedOn'],
    ]);
    expect(report.rejected[0]!.message).toContain('APPRAISAL_MEMBERS_ONLY');
    expect(report.rejected[3]!.message).toContain('APPRAISED_IN_YEAR');
    // the 不合格 grade of two years ago, not followed up, is an alert at once, as a recorded one is
    const alerts = await test.app.dataSource.query(
      "SELECT rule_key FROM work_alert WHERE kind = 'UNQUALIFIED_FOLLOW_UP_OVERDUE'",
    );
    expect(alerts).toEqual([{ rule_key: String(year - 2) }]);
    const again = await test.app.services.bulk.importAppraisals(
      { buffer: grades, fileName: 'appraisals.csv' },
      operator,
    );
    expect(again).toMatchObject({ total: 7, imported: 0, unchanged: 3 });
    const other = await test.app.services.bulk.importAppraisals(
      { buffer: csv(['idNumber', 'year', 'grade'], [[good, year - 1, 'QUALIFIED']]), fileName: 'a.csv' },
      operator,
    );
    expect(other.rejected.map((r) => [r.line, r.field])).toEqual([[2, 'year']]);
    expect(other.rejected[0]!.message).toContain('APPRAISAL_ONCE_A_YEAR');
  });

  it('refuses a file that is neither CSV nor XLSX', async () => {
    await expect(
      test.app.services.bulk.importMembers({ buffer: Buffer.from('x'), fileName: 'members.txt' }, operator),
    ).rejects.toThrow(/csv|xlsx/i);
  });
});

describe('importing activities', () => {
  const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const file = csv(
    ['党组织', '活动类型', '方式', '主题', '举行时间', '应到', '实到', '线上', '请假', '缺席'],
    [
      ['温州市网络商会党支部', '主题党日', '线下', '主题党日：走进红色场馆', now, 10, 8, 0, 1, 1],
      [BRANCH, 'PARTY_LECTURE', '线上线下', '党课：网络文明', now, 6, 3, 2, 1, 0],
      [BRANCH, '党课', '线下', '很久以前的党课', '2020-01-01 14:00', 5, 5, 0, 0, 0],
      [BRANCH, '茶话会', '线下', '不是组织生活', now, 5, 5, 0, 0, 0],
      [BRANCH, '党小组会', '线下', '人数对不上', now, 5, 5, 0, 0, 1],
      [BRANCH, '党小组会', '线下', '时间不对', 'yesterday', 5, 5, 0, 0, 0],
    ],
  );

  it('imports the good rows with the recording window and attendance rules applied', async () => {
    // the live feed hears imported activities as it hears recorded ones
    const recorded = (await subscribe({
      schema: test.app.schema,
      document: parse('subscription { activityRecorded(regionCode: "330300") { title } }'),
      contextValue: test.app.context({ viewer: new Viewer('feed', ['analyst'], '330000'), requestId: 'sub' }),
    })) as AsyncIterableIterator<ExecutionResult>;
    const heard = [recorded.next(), recorded.next()];
    const report = await test.app.services.bulk.importActivities(
      { buffer: file, fileName: 'activities.csv' },
      operator,
    );
    const titles = (await Promise.all(heard)).map(
      (r) => (r.value as { data: { activityRecorded: { title: string } } }).data.activityRecorded.title,
    );
    expect(titles.sort()).toEqual(['主题党日：走进红色场馆', '党课：网络文明']);
    await recorded.return?.();
    expect(report).toMatchObject({ total: 6, imported: 2, unchanged: 0 });
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [4, 'heldAt'],
      [5, 'type'],
      [6, 'expected'],
      [7, 'heldAt'],
    ]);
    expect(report.rejected[0]!.message).toContain('RECORDING_WINDOW');
    expect(report.rejected[2]!.message).toContain('ATTENDANCE_SUM');
    const again = await test.app.services.bulk.importActivities(
      { buffer: file, fileName: 'activities.csv' },
      operator,
    );
    expect(again).toMatchObject({ imported: 0, unchanged: 2 });
    const stats = await test.as<{ activityStats: { activities: number } }>(
      'wall',
      '{ activityStats(regionCode: "330302") { activities } }',
    );
    expect(stats.data?.activityStats.activities).toBe(2);
  });
});

describe('importing through GraphQL', () => {
  const IMPORT = `mutation ($file: ImportFileInput!) {
    importPartyMembers(file: $file) { total imported unchanged rejected { line field message } }
  }`;
  const upload = (fileName: string, content: Buffer) => ({
    file: { fileName, contentBase64: content.toString('base64') },
  });

  it("imports an operator's upload and reports the bad rows", async () => {
    const file = csv(
      ['姓名', '身份证号', '社会组织', '发展阶段', '阶段起始日期'],
      [
        ['周青', withIdCheck('33030219950303123'), '温州市网络商会', '入党申请人', addMonths(today(), -1)],
        ['吴空', '', '温州市网络商会', '', ''],
      ],
    );
    const result = await test.as<{ importPartyMembers: Record<string, unknown> }>(
      'operator',
      IMPORT,
      upload('members.csv', file),
      '330000',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.importPartyMembers).toMatchObject({
      total: 2,
      imported: 1,
      unchanged: 0,
      rejected: [{ line: 3, field: 'idNumber' }],
    });
  });

  it('refuses an upload from a role that may not record, and a file of another kind', async () => {
    const file = csv(['姓名'], [['某人']]);
    const analyst = await test.as('analyst', IMPORT, upload('members.csv', file));
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await test.as('operator', IMPORT, upload('members.xls', file));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file.fileName' });
    const empty = await test.as('operator', IMPORT, upload('members.csv', Buffer.alloc(0)));
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file.contentBase64',
    });
  });
});
