import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  PARTY_FOUNDED,
  readBirthDate,
  readPlannedDate,
  readRecordDate,
  today,
} from './calendar.js';
import { readOptionalText, readText, TEXT_RULES } from './text-input.js';

/** The extensions of what `read` throws. */
function refusal(read: () => unknown): Record<string, unknown> {
  try {
    read();
  } catch (error) {
    return { ...(error as GraphQLError).extensions, message: (error as GraphQLError).message };
  }
  throw new Error('nothing was refused');
}

describe('readText', () => {
  it.each([
    ['NUL', '王\u0000明', TEXT_RULES.CONTROL_CHARACTER],
    ['BEL', '王明\u0007', TEXT_RULES.CONTROL_CHARACTER],
    ['ESC', '\u001B[31m王明', TEXT_RULES.CONTROL_CHARACTER],
    ['DEL', '王\u007F明', TEXT_RULES.CONTROL_CHARACTER],
    ['a C1 control', '王\u009B明', TEXT_RULES.CONTROL_CHARACTER],
    ['a tab in a name', '王\t明', TEXT_RULES.CONTROL_CHARACTER],
    ['a line separator', '王\u2028明', TEXT_RULES.CONTROL_CHARACTER],
    ['a right-to-left override', '王\u202E明', TEXT_RULES.DIRECTION_CONTROL],
    ['a left-to-right embedding', '\u202A王明', TEXT_RULES.DIRECTION_CONTROL],
    ['a first-strong isolate', '王\u2068明\u2069', TEXT_RULES.DIRECTION_CONTROL],
    ['a right-to-left mark', '王明\u200F', TEXT_RULES.DIRECTION_CONTROL],
    ['zero-width spaces only', '\u200B\u200B', TEXT_RULES.EMPTY],
    ['joiners, a word joiner and a BOM', '\u200C\u200D\u2060\uFEFF', TEXT_RULES.EMPTY],
    ['spaces only', ' \u3000 ', TEXT_RULES.EMPTY],
    ['the empty string', '', TEXT_RULES.EMPTY],
    ['one character', '王', TEXT_RULES.LENGTH],
  ])('refuses %s with BAD_USER_INPUT naming the field', (_, value, rule) => {
    const refused = refusal(() => readText('input.name', value, { max: 64 }));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name', rule });
    expect(refused.message).toContain('input.name');
  });

  it('names the character it refuses, so a person can find what they cannot see', () => {
    expect(refusal(() => readText('input.name', '王\u202E明')).message).toContain('U+202E');
    expect(refusal(() => readText('input.name', '王\u0007明')).message).toContain('U+0007');
  });

  it('NFC-normalises, and trims spaces and invisible characters at the ends', () => {
    expect(readText('input.name', 'Zoe\u0308')).toBe('Zo\u00EB');
    expect(readText('input.name', '\uFEFF\u200B 王小明\u3000\u200D')).toBe('王小明');
    // a compatibility character is left as typed (NFC, not NFKC)
    expect(readText('input.name', '王小明Ⅱ')).toBe('王小明Ⅱ');
  });

  it('counts characters, not UTF-16 units, against the limits', () => {
    expect(readText('input.name', '𠀀𠀁', { max: 2 })).toBe('𠀀𠀁');
    expect(refusal(() => readText('input.name', '𠀀𠀁𠀂', { max: 2 }))).toMatchObject({
      rule: TEXT_RULES.LENGTH,
    });
  });

  it('keeps newline and tab in multi-line text only', () => {
    expect(readText('input.note', '第一行\n\t第二行', { multiline: true })).toBe('第一行\n\t第二行');
    expect(refusal(() => readText('input.note', '第一行\u0000', { multiline: true }))).toMatchObject({
      rule: TEXT_RULES.CONTROL_CHARACTER,
    });
  });
});

describe('readOptionalText', () => {
  it('is null when left out or blank, and otherwise follows readText', () => {
    expect(readOptionalText('input.note', undefined)).toBeNull();
    expect(readOptionalText('input.note', null)).toBeNull();
    expect(readOptionalText('input.note', '   ')).toBeNull();
    expect(readOptionalText('input.note', ' 好 ')).toBe('好');
    expect(refusal(() => readOptionalText('input.note', '\u200B'))).toMatchObject({
      field: 'input.note',
      rule: TEXT_RULES.EMPTY,
    });
  });
});

describe('plausible dates', () => {
  it('refuses record dates before the Party was founded or in the future, naming the field', () => {
    expect(readRecordDate('input.heldOn', PARTY_FOUNDED)).toBe(PARTY_FOUNDED);
    expect(readRecordDate('input.heldOn', today())).toBe(today());
    expect(refusal(() => readRecordDate('input.heldOn', '0001-01-01'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.heldOn',
      rule: 'DATE_BEFORE_PARTY_FOUNDED',
    });
    expect(refusal(() => readRecordDate('input.heldOn', '2999-01-01', 'NOT_IN_FUTURE'))).toMatchObject({
      field: 'input.heldOn',
      rule: 'NOT_IN_FUTURE',
    });
    expect(refusal(() => readRecordDate('input.heldOn', '2024-02-30'))).toMatchObject({
      field: 'input.heldOn',
    });
  });

  it('takes birth dates from 1900 to 18 years ago', () => {
    expect(refusal(() => readBirthDate('input.birthDate', '1800-01-01', 'MIN_AGE_18'))).toMatchObject({
      field: 'input.birthDate',
      rule: 'BIRTH_DATE_RANGE',
    });
    const eighteen = addMonths(today(), -12 * 18);
    expect(readBirthDate('input.birthDate', eighteen, 'MIN_AGE_18')).toBe(eighteen);
    expect(
      refusal(() => readBirthDate('input.birthDate', addMonths(eighteen, 1), 'MIN_AGE_18')),
    ).toMatchObject({
      rule: 'MIN_AGE_18',
    });
  });

  it('takes planned dates up to ten years ahead', () => {
    expect(readPlannedDate('input.to', addMonths(today(), 12))).toBe(addMonths(today(), 12));
    expect(refusal(() => readPlannedDate('input.to', '9999-12-31'))).toMatchObject({
      rule: 'DATE_TOO_FAR_AHEAD',
    });
  });
});
