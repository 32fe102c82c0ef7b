import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSubgraph } from '../test-support.js';

const t = testSubgraph(41);

beforeAll(() => t.start());
afterAll(() => t.stop());

describe('the announcer', () => {
  it('runs a write again when InnoDB picks it as a deadlock victim, instead of failing the request', async () => {
    const first = await t.register('330106');
    const second = await t.register('330106');
    const { announcer } = t.app.services;
    // two writes take the same two rows in opposite order, each waiting until the other holds its first
    let arrived = 0;
    let release: () => void = () => {};
    const bothHoldOne = new Promise<void>((resolve) => {
      release = resolve;
    });
    let attempts = 0;
    const write = (a: string, b: string) =>
      announcer.write(async (manager, changes) => {
        attempts++;
        await manager.query('UPDATE social_organization SET staff_count = staff_count + 1 WHERE id = ?', [a]);
        if (++arrived === 2) release();
        await bothHoldOne;
        await manager.query('UPDATE social_organization SET staff_count = staff_count + 1 WHERE id = ?', [b]);
        changes.organization(a, '330106');
      });
    const results = await Promise.allSettled([write(first, second), write(second, first)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(attempts).toBe(3);
    const rows = (await t.app.dataSource.query(
      'SELECT staff_count AS n FROM social_organization WHERE id IN (?, ?)',
      [first, second],
    )) as Array<{ n: number }>;
    // each write counted once in each row: the victim's first attempt left nothing behind
    expect(rows.map((r) => Number(r.n))).toEqual([14, 14]);
  });
});
