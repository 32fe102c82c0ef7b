import { usccCheckCharacter } from '@pb/platform/uscc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, testSubgraph } from '../test-support.js';

const t = testSubgraph(31);

const IMPORT = `mutation ($file: ImportFileInput!) {
  importSocialOrganizations(file: $file) { total imported unchanged rejected { line field message } }
}`;
type Report = {
  importSocialOrganizations: {
    total: number;
    imported: number;
    unchanged: number;
    rejected: Array<{ line: number; field: string | null; message: string }>;
  };
};

const HEADER =
  'uscc,name,type,regionCode,registeredAt,registrationAuthority,registrationLevel,category,supervisingUnit,staffCount,charterClause';

function csv(lines: string[]): string {
  return Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`).toString('base64');
}

/** The events this subgraph staged for party-work, oldest first. */
async function outboxEvents(): Promise<
  Array<{ type: string; aggregateId: string; version: number; data: object }>
> {
  const rows = (await t.app.dataSource.query('SELECT event FROM outbox ORDER BY id')) as Array<{
    event: string;
  }>;
  return rows.map((r) => JSON.parse(r.event));
}

beforeAll(() => t.start());
afterAll(() => t.stop());

describe('bulk import and export of organizations', () => {
  const good = [0, 1, 2].map(() => t.registration('330106'));
  const line = (o: ReturnType<typeof t.registration>, overrides: Record<string, string> = {}) => {
    const v = {
      ...o,
      registrationLevel: 'COUNTY',
      category: '行业协会',
      supervisingUnit: '',
      charterClause: 'BASIC',
      ...overrides,
    };
    return [
      v.uscc,
      `"${v.name}"`,
      v.type,
      v.regionCode,
      v.registeredAt,
      v.registrationAuthority,
      v.registrationLevel,
      v.category,
      v.supervisingUnit,
      v.staffCount,
      v.charterClause,
    ].join(',');
  };

  it('imports the good rows and reports each bad row with its line, field and reason', async () => {
    const mistyped = t.registration('330106');
    const wrongCheck =
      mistyped.uscc.slice(0, 17) + (usccCheckCharacter(mistyped.uscc.slice(0, 17)) === '0' ? '1' : '0');
    const file = csv([
      line(good[0]!),
      line(mistyped, { uscc: wrongCheck }),
      line(good[1]!),
      line(t.registration('339999')),
      line(t.registration('330106'), { staffCount: 'many', type: 'CLUB' }),
      line(good[2]!),
    ]);
    const result = await t.as<Report>('operator', IMPORT, {
      file: { fileName: 'orgs.csv', contentBase64: file },
    });
    expect(result.errors).toBeUndefined();
    const report = result.data!.importSocialOrganizations;
    expect(report).toMatchObject({ total: 6, imported: 3, unchanged: 0 });
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'uscc'],
      [5, 'regionCode'],
      [6, 'type'],
      [6, 'staffCount'],
    ]);
    expect(report.rejected[0]!.message).toContain('check character');
    const [{ n }] = await t.app.dataSource.query('SELECT COUNT(*) AS n FROM social_organization');
    expect(Number(n)).toBe(3);
    // each new organization's event went into the outbox with it, as a registration's does
    expect(await outboxEvents()).toEqual(
      expect.arrayContaining(
        good.map((o) =>
          expect.objectContaining({
            type: 'SocialOrganizationChanged',
            version: 1,
            data: expect.objectContaining({ name: o.name, regionCode: '330106', status: 'ACTIVE' }),
          }),
        ),
      ),
    );
  });

  it('is idempotent on the USCC: the same file again changes nothing, a changed row updates', async () => {
    const again = await t.as<Report>('operator', IMPORT, {
      file: { fileName: 'orgs.csv', contentBase64: csv(good.map((o) => line(o))) },
    });
    expect(again.data!.importSocialOrganizations).toMatchObject({
      total: 3,
      imported: 0,
      unchanged: 3,
      rejected: [],
    });
    const changed = await t.as<Report>('operator', IMPORT, {
      file: { fileName: 'orgs.csv', contentBase64: csv([line(good[0]!, { staffCount: '99' })]) },
    });
    expect(changed.data!.importSocialOrganizations).toMatchObject({ imported: 1, unchanged: 0 });
    const [row] = await t.app.dataSource.query(
      'SELECT staff_count, version FROM social_organization WHERE uscc = ?',
      [good[0]!.uscc],
    );
    expect(row).toEqual({ staff_count: 99, version: 2 });
    const [{ id }] = await t.app.dataSource.query('SELECT id FROM social_organization WHERE uscc = ?', [
      good[0]!.uscc,
    ]);
    expect((await outboxEvents()).filter((e) => e.aggregateId === id).map((e) => e.version)).toEqual([1, 2]);
  });

  it('imports only into the operator region, refuses other roles and unknown file kinds', async () => {
    const outside = await t.as<Report>(
      'operator',
      IMPORT,
      { file: { fileName: 'orgs.csv', contentBase64: csv([line(t.registration('440106'))]) } },
      '330000',
    );
    expect(outside.data!.importSocialOrganizations.rejected[0]!.message).toContain('outside your region');
    const analyst = await t.as('analyst', IMPORT, { file: { fileName: 'orgs.csv', contentBase64: csv([]) } });
    expect(errorOf(analyst).code).toBe('FORBIDDEN');
    const pdf = await t.as('operator', IMPORT, { file: { fileName: 'orgs.pdf', contentBase64: csv([]) } });
    expect(errorOf(pdf)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(pdf).message).toContain('file.fileName');
  });

  it('exports a filtered list as CSV in the import columns, so it can be imported again', async () => {
    const result = await t.as<{ exportSocialOrganizations: string }>(
      'analyst',
      '{ exportSocialOrganizations(filter: { regionCode: "330106" }) }',
    );
    const text = result.data!.exportSocialOrganizations;
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(4);
    const back = await t.as<Report>('operator', IMPORT, {
      file: { fileName: 'export.csv', contentBase64: Buffer.from(text).toString('base64') },
    });
    expect(back.data!.importSocialOrganizations).toMatchObject({
      total: 3,
      imported: 0,
      unchanged: 3,
      rejected: [],
    });
    const wall = await t.as('wall', '{ exportSocialOrganizations }');
    expect(errorOf(wall).code).toBe('FORBIDDEN');
  });
});
