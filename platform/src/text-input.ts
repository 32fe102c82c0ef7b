import { badInput } from './errors.js';

/**
 * Names and free text as people type them, made safe for the next person who reads them: what is stored
 * looks like what it is. Every name and free-text input of both subgraphs passes through `readText` or
 * `readOptionalText`, so one set of rules holds everywhere (`extensions.rule` names which one refused it).
 */
export const TEXT_RULES = {
  CONTROL_CHARACTER: 'TEXT_CONTROL_CHARACTER',
  DIRECTION_CONTROL: 'TEXT_DIRECTION_CONTROL',
  EMPTY: 'TEXT_EMPTY',
  LENGTH: 'TEXT_LENGTH',
} as const;

export interface TextLimits {
  /** Fewest visible characters (code points); default 2, as a name has. */
  min?: number;
  /** Most characters (code points), the column's width; default 200. */
  max?: number;
  /** Free text of several lines (a note): newline and tab are kept; anywhere else they are refused. */
  multiline?: boolean;
}

/**
 * C0, DEL and C1 controls (NUL, BEL, ESC …) and the line and paragraph separators: they print as nothing,
 * or as something else on each screen, and terminals and files act on some. Multi-line text keeps the
 * ordinary tab and line breaks.
 */
function isControl(code: number, multiline: boolean): boolean {
  if (multiline && (code === 0x09 || code === 0x0a || code === 0x0d)) return false;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/**
 * Embeddings, overrides, isolates and marks of direction (and the Arabic letter mark): they reorder what
 * is shown, so a name with a right-to-left override reads differently from what was stored.
 */
function isDirectionControl(code: number): boolean {
  return (
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** The first character of `text` that `test` picks out, if any. */
function firstOf(text: string, test: (code: number) => boolean): string | undefined {
  for (const char of text) if (test(char.codePointAt(0) ?? 0)) return char;
  return undefined;
}

// zero-width space, non-joiner, joiner, word joiner and byte-order mark: nothing to see
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;
const INVISIBLE_AT_ENDS = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/gu;

/** U+202E, for a message that names the character the person cannot see. */
const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A name or free text as it is stored: NFC-normalised, spaces and invisible characters trimmed from both
 * ends, `min`–`max` characters. BAD_USER_INPUT names the field and says what to change when the text holds
 * a control or direction character, is empty once invisible characters are removed, or has the wrong
 * length.
 */
export function readText(field: string, value: string, limits: TextLimits = {}): string {
  const { min = 2, max = 200, multiline = false } = limits;
  const normalized = value.normalize('NFC');
  const control = firstOf(normalized, (code) => isControl(code, multiline));
  if (control) {
    throw badInput(
      field,
      `${field} contains the control character ${codePoint(control)}${multiline ? '' : ' (a line break, tab or a character that prints nothing)'}; remove it, e.g. by typing the text instead of pasting it.`,
      { rule: TEXT_RULES.CONTROL_CHARACTER },
    );
  }
  const direction = firstOf(normalized, isDirectionControl);
  if (direction) {
    throw badInput(
      field,
      `${field} contains the direction control ${codePoint(direction)}, which makes text read differently from what is stored; remove it.`,
      { rule: TEXT_RULES.DIRECTION_CONTROL },
    );
  }
  if (normalized.replace(INVISIBLE, '').trim() === '') {
    throw badInput(
      field,
      `${field} is empty once spaces and invisible characters (zero-width spaces, joiners, byte-order marks) are removed; give text that can be read.`,
      { rule: TEXT_RULES.EMPTY },
    );
  }
  const text = normalized.replace(INVISIBLE_AT_ENDS, '');
  const length = [...text].length;
  if (length < min || length > max) {
    throw badInput(field, `${field} must be ${min} to ${max} characters, got ${length}.`, {
      rule: TEXT_RULES.LENGTH,
    });
  }
  return text;
}

/**
 * Optional text: null when left out or only spaces (a blank form field), otherwise the rules of
 * `readText` with at least one character.
 */
export function readOptionalText(
  field: string,
  value: string | null | undefined,
  limits: TextLimits = {},
): string | null {
  if (value == null || value.trim() === '') return null;
  return readText(field, value, { min: 1, ...limits });
}
