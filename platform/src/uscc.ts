/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z); the 18th is a check character over the first 17.
 * Layout: registration authority (1) · organization category (1) · region code (6) · organization
 * code (9, GB 11714) · check (1). Social organizations are registered by civil affairs (authority `5`).
 */

import { regionAndAncestors } from './regions.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character for the first 17 characters of a code. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error('a USCC check character needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] as string);
    if (value < 0) throw new Error(`"${first17[i]}" is not a USCC character`);
    sum += value * (WEIGHTS[i] as number);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] as string;
}

export type UsccProblem = 'length' | 'character' | 'check' | 'region';

/** Checks a code; returns what is wrong, or null when it is valid. */
export function usccProblem(code: string): { problem: UsccProblem; message: string } | null {
  if (code.length !== 18) {
    return { problem: 'length', message: `a USCC has 18 characters, this one has ${code.length}` };
  }
  for (const char of code) {
    if (!ALPHABET.includes(char)) {
      return {
        problem: 'character',
        message: `"${char}" cannot appear in a USCC (digits and capital letters except I, O, S, V, Z)`,
      };
    }
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      problem: 'check',
      message: `the check character (18th) should be "${expected}", not "${code[17]}"; the code is mistyped`,
    };
  }
  return null;
}

/** The division code of a national registration authority (characters 3–8 of a centrally registered code). */
export const NATIONAL_DIVISION_CODE = '100000';

/** Characters 3–8: the administrative division of the authority that registered the code. */
export function usccDivisionCode(code: string): string {
  return code.slice(2, 8);
}

/**
 * A code registers an organization only in the division it was issued for or below it: its division code
 * must be the organization's region, one of that region's ancestors, or national (100000). Otherwise one
 * province could take another's code first. Returns what is wrong, or null. Expects a valid code.
 */
export function usccRegionProblem(
  code: string,
  regionCode: string,
): { problem: 'region'; message: string } | null {
  const division = usccDivisionCode(code);
  const allowed = regionAndAncestors(regionCode);
  if (division === NATIONAL_DIVISION_CODE || allowed.includes(division)) return null;
  return {
    problem: 'region',
    message: `the code was issued in division ${division} (characters 3–8), so it registers organizations in ${division} or below it, not in ${regionCode}; give the organization's own code, or the region it is registered in (the code's division may be ${[...allowed, NATIONAL_DIVISION_CODE].join(', ')})`,
  };
}

/** GB 11714 check character of the 8-character organization code body. */
export function organizationCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const char = body8[i] as string;
    const value = /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55;
    sum += value * (weights[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
