import { describe, expect, it } from 'vitest';
import { formatAge } from '../formatAge';

describe('formatAge', () => {
  it('reads as seconds, minutes, hours and days', () => {
    expect(formatAge(0)).toBe('0 秒');
    expect(formatAge(12_999)).toBe('12 秒');
    expect(formatAge(65_000)).toBe('1 分 05 秒');
    expect(formatAge(3_600_000 + 3 * 60_000)).toBe('1 小时 03 分');
    expect(formatAge(26 * 3_600_000)).toBe('1 天 2 小时');
  });

  it('speaks English on request', () => {
    expect(formatAge(65_000, 'en')).toBe('1 min 05 s');
    expect(formatAge(26 * 3_600_000, 'en')).toBe('1 d 2 h');
  });

  it('never shows a negative age', () => {
    expect(formatAge(-500)).toBe('0 秒');
  });
});
