import { demoUscc } from '@pb/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSubgraph } from '../test-support.js';

/**
 * Input that a person can trust (issue 14): names without control or direction characters and not empty
 * once invisible characters go, record dates in a plausible range, and a USCC only in the division it was
 * issued for or below it. Each refusal is BAD_USER_INPUT naming the field.
 */
const t = testSubgraph(141);

const REGISTER = `mutation ($input: RegisterSocialOrganizationInput!) {
  registerSocialOrganization(input: $input) { id uscc name region { code } }
}`;
const ESTABLISH = `mutation ($input: EstablishPartyOrganizationInput!) {
  establishPartyOrganization(input: $input) { id name }
}`;
const IMPORT = `mutation ($file: ImportFileInput!) {
  importSocialOrganizations(file: $file) { total imported rejected { line field message } }
}`;

type Registered = {
  registerSocialOrganization: { id: string; uscc: string; name: string; region: { code: string } };
};

const register = (overrides: Record<string, unknown>, regionCode = '330106') =>
  t.as<Registered>('operator', REGISTER, { input: t.registration(regionCode, overrides) });

/** The refusal's code, field and rule. */
async function refusal(
  result: Promise<{ errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>,
) {
  const error = (await result).errors?.[0];
  return {
    code: error?.extensions?.code,
    field: error?.extensions?.field,
    rule: error?.extensions?.rule,
    message: error?.message,
  };
}

/** A USCC issued in `division` (characters 3–8), valid otherwise. */
const usccOf = (division: string) => demoUscc(t.random, '1', division);

beforeAll(() => t.start());
afterAll(() => t.stop());

describe('names a person can trust', () => {
  it.each([
    ['only zero-width spaces', '\u200B\u200B\u200B', 'TEXT_EMPTY'],
    ['zero-width joiners, a BOM and spaces', ' \u200D\uFEFF\u2060 ', 'TEXT_EMPTY'],
    ['a right-to-left override', '杭州\u202E会协络网', 'TEXT_DIRECTION_CONTROL'],
    ['an isolate', '杭州\u2066网络协会\u2069', 'TEXT_DIRECTION_CONTROL'],
    ['a NUL', '杭州\u0000网络协会', 'TEXT_CONTROL_CHARACTER'],
    ['a BEL', '杭州网络协会\u0007', 'TEXT_CONTROL_CHARACTER'],
    ['a line break', '杭州网络\n协会', 'TEXT_CONTROL_CHARACTER'],
  ])('refuses an organization name of %s, naming input.name', async (_, name, rule) => {
    const refused = await refusal(register({ name }));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name', rule });
    expect(refused.message).toContain('input.name');
  });

  it('refuses the same in a Party organization name and in optional free text', async () => {
    const party = await refusal(
      t.as('operator', ESTABLISH, {
        input: {
          name: '\u200B',
          type: 'BRANCH',
          formationMode: 'JOINT',
          regionCode: '330106',
          establishedAt: '2024-01-01',
        },
      }),
    );
    expect(party).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name', rule: 'TEXT_EMPTY' });
    const category = await refusal(register({ category: '行业\u202E协会' }));
    expect(category).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.category' });
  });

  it('stores accepted text NFC-normalised and trimmed of spaces and invisible characters', async () => {
    // "e" + combining acute (NFD) becomes "é" (NFC); the zero-width space and spaces at the ends go
    const result = await register({ name: ' \u200BCafe\u0301 网络协会 ', supervisingUnit: '  ' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerSocialOrganization.name).toBe('Caf\u00E9 网络协会');
    const [row] = await t.app.dataSource.query(
      'SELECT name, supervising_unit FROM social_organization WHERE id = ?',
      [result.data?.registerSocialOrganization.id],
    );
    expect(row).toEqual({ name: 'Caf\u00E9 网络协会', supervising_unit: null });
  });
});

describe('dates in a plausible range', () => {
  it('refuses a registration in year 1 and one in the future, naming the field', async () => {
    expect(await refusal(register({ registeredAt: '0001-01-01' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.registeredAt',
      rule: 'DATE_BEFORE_PARTY_FOUNDED',
    });
    expect(await refusal(register({ registeredAt: '2999-01-01' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.registeredAt',
      rule: 'DATE_IN_FUTURE',
    });
  });
});

describe('a USCC registers only in its own division or below it', () => {
  it('refuses a code issued for 440106 in 330106, naming input.uscc and both divisions', async () => {
    const refused = await refusal(register({ uscc: usccOf('440106') }, '330106'));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.uscc', rule: 'USCC_REGION' });
    expect(refused.message).toContain('440106');
    expect(refused.message).toContain('330106');
    // a sibling county of the same city is not an ancestor either
    expect(await refusal(register({ uscc: usccOf('440104') }, '440106'))).toMatchObject({
      field: 'input.uscc',
      rule: 'USCC_REGION',
    });
  });

  it('accepts a code of the region itself, of its city, of its province and a national one', async () => {
    for (const division of ['440106', '440100', '440000', '100000']) {
      const result = await register({ uscc: usccOf(division) }, '440106');
      expect(result.errors, division).toBeUndefined();
      expect(result.data?.registerSocialOrganization.region.code).toBe('440106');
    }
  });

  it('refuses a misplaced code in a bulk import too, naming the line and the uscc column', async () => {
    const misplaced = t.registration('330106', { uscc: usccOf('440106') });
    const good = t.registration('330106');
    const line = (o: ReturnType<typeof t.registration>) =>
      [
        o.uscc,
        o.name,
        o.type,
        o.regionCode,
        o.registeredAt,
        o.registrationAuthority,
        '',
        '',
        '',
        o.staffCount,
        '',
      ].join(',');
    const header =
      'uscc,name,type,regionCode,registeredAt,registrationAuthority,registrationLevel,category,supervisingUnit,staffCount,charterClause';
    const file = Buffer.from([header, line(good), line(misplaced)].join('\r\n')).toString('base64');
    const result = await t.as<{
      importSocialOrganizations: {
        imported: number;
        rejected: Array<{ line: number; field: string; message: string }>;
      };
    }>('operator', IMPORT, { file: { fileName: 'orgs.csv', contentBase64: file } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.importSocialOrganizations.imported).toBe(1);
    expect(result.data?.importSocialOrganizations.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'uscc', message: expect.stringContaining('440106') }),
    ]);
  });
});
