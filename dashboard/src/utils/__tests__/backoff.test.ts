import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../backoff';

describe('backoffDelay', () => {
  it('doubles from 500 ms and caps at 5 s, before jitter', () => {
    const most = (attempt: number) => backoffDelay(attempt, { random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 10, 1000].map(most)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('waits at least half of each step', () => {
    const least = (attempt: number) => backoffDelay(attempt, { random: () => 0 });
    expect([0, 1, 2, 3, 4, 10].map(least)).toEqual([250, 500, 1000, 2000, 2500, 2500]);
  });

  it('spreads retries of many walls over the step', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});
