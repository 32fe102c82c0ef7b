import { describe, expect, it } from 'vitest';
import { regionAndAncestors } from './regions.js';
import { organizationCodeCheck, usccCheckCharacter, usccProblem, usccRegionProblem } from './uscc.js';

describe('USCC check character (GB 32100)', () => {
  // published codes of real organizations, check characters as issued
  const issued = ['91350100M000100Y43', '91110000802100433B', '53100000500021676K', '51100000500010993L'];

  it.each(issued)('accepts %s', (code) => {
    expect(usccProblem(code)).toBeNull();
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('rejects a wrong check character and says which it should be', () => {
    const problem = usccProblem('91350100M000100Y44');
    expect(problem?.problem).toBe('check');
    expect(problem?.message).toContain('"3"');
  });

  it('rejects a letter the standard excludes, and a wrong length', () => {
    expect(usccProblem('91350100M000100YO3')?.problem).toBe('character');
    expect(usccProblem('91350100M000100Y4')?.problem).toBe('length');
  });

  it('computes check value 0 where the remainder is 0', () => {
    // brute-force a body whose weighted sum is a multiple of 31: the check character must be "0"
    for (let n = 0; n < 10_000; n++) {
      const body = `5133010${String(n).padStart(10, '0')}`;
      if (usccCheckCharacter(body) === '0') {
        expect(usccProblem(`${body}0`)).toBeNull();
        return;
      }
    }
    throw new Error('no body with check character 0 found');
  });

  it('computes the GB 11714 organization code check', () => {
    // 组织机构代码 D2143569-X is the standard's own worked example
    expect(organizationCodeCheck('D2143569')).toBe('X');
  });
});

describe('USCC division and the region it registers in', () => {
  const issuedIn = (division: string) => {
    const first17 = `51${division}MJ0000001`;
    return `${first17}${usccCheckCharacter(first17)}`;
  };

  it('knows a region and its ancestors from the region list', () => {
    expect(regionAndAncestors('440106')).toEqual(['440106', '440100', '440000']);
    // a municipality's district hangs directly under it
    expect(regionAndAncestors('110101')).toEqual(['110101', '110000']);
    expect(regionAndAncestors('999999')).toEqual([]);
  });

  it.each(['440106', '440100', '440000', '100000'])('lets a code of %s register in 440106', (division) => {
    expect(usccRegionProblem(issuedIn(division), '440106')).toBeNull();
  });

  it('refuses a code of another province, of a sibling county or of a region below', () => {
    const problem = usccRegionProblem(issuedIn('440106'), '330106');
    expect(problem?.problem).toBe('region');
    expect(problem?.message).toContain('440106');
    expect(problem?.message).toContain('330106');
    expect(usccRegionProblem(issuedIn('440104'), '440106')).not.toBeNull();
    expect(usccRegionProblem(issuedIn('440106'), '440100')).not.toBeNull();
  });
});
