import { isWithinRegion } from '@pb/platform/region-scope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';
import { scopeCells } from './region-cells.js';

let test: TestApp;
beforeAll(async () => {
  test = await startTestApp();
  // member cells in two provinces, several cities and counties
  const cells: Array<[string, number]> = [
    ['330106', 5],
    ['330108', 7],
    ['330205', 11],
    ['330000', 13],
    ['440305', 17],
    ['440106', 19],
    ['110105', 23],
  ];
  await test.app.dataSource.query(
    `INSERT INTO member_cell (region_code, stage, work_role, members) VALUES ${cells.map(() => "(?, 'FULL', '', ?)").join(', ')}`,
    cells.flat(),
  );
});
afterAll(async () => {
  await test?.stop();
});

/** Each scope's sum, from one read of the cells for all the scopes together. */
async function sums(scopes: Array<string | null>): Promise<Array<{ rows: number; sum: number }>> {
  const { where, params, region } = scopeCells(scopes);
  const rows = (await test.app.dataSource.query(
    `SELECT ${region} AS region_code, SUM(members) AS n FROM member_cell ${where} GROUP BY 1`,
    params,
  )) as Array<{ region_code: string; n: string }>;
  return scopes.map((scope) => ({
    rows: rows.length,
    sum: rows.filter((r) => isWithinRegion(r.region_code, scope)).reduce((s, r) => s + Number(r.n), 0),
  }));
}

describe('reading cells for several scopes at once', () => {
  it('sums each scope as a read of that scope alone does, grouping each cell no finer than needed', async () => {
    const scopes = [null, '330000', '330100', '330106', '440300'];
    const together = await sums(scopes);
    for (const [i, scope] of scopes.entries()) {
      const [alone] = await sums([scope]);
      expect(together[i]!.sum, String(scope)).toBe(alone!.sum);
    }
    expect(together.map((t) => t.sum)).toEqual([95, 36, 12, 5, 17]);
    // the county's cell, the rest of its city, the rest of the province, Shenzhen, and the rest of the
    // nation: five groups, not one per county
    expect(together[0]!.rows).toBe(5);
  });
});
