import { quarterRange } from '@pb/platform/calendar';
import { quarterlyFloors } from './activity-aggregates/activity-aggregates.js';
import { partyOrganizations, rows } from './oracle-sql.test-helper.js';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

/** A funding cell as both sides compare it: the counts as numbers, the money as a decimal string. */
const fundingCell = (r: Record<string, string | number>) => ({
  ...r,
  year: Number(r.year),
  quarter: Number(r.quarter),
  records: Number(r.records),
});

/**
 * The kept cells that no figure reads whole, each against its recomputation from the raw rows, region by
 * region: `funding_cell` per (year, region, source, quarter), with the region from the replicas; and
 * `branch_cell` summed up to each quarter asked, against the branches active in that quarter. Empty
 * cells (a region left by its last voucher or branch) are left out on both sides.
 */
export async function oracleKeptCells(db: SqlRunner, quarters: readonly string[]) {
  const funding = await rows<Record<string, string | number>>(
    db,
    `SELECT YEAR(f.received_on) AS year, COALESCE(p.region_code, o.region_code) AS region_code, f.source,
            QUARTER(f.received_on) AS quarter, COUNT(*) AS records, CAST(SUM(f.amount_fen) AS CHAR) AS amount_fen
     FROM funding_record f
     LEFT JOIN party_organization_replica p ON p.id = f.party_organization_id
     LEFT JOIN organization_replica o ON o.id = f.social_organization_id
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  const organizations = await partyOrganizations(db);
  const branches = quarters.flatMap((quarter) => {
    const { from, to } = quarterRange(quarter);
    const byRegion = new Map<string, { branches: number; required: number }>();
    for (const b of organizations) {
      if (b.type !== 'BRANCH' || b.established_at > to || (b.dissolved_at !== null && b.dissolved_at < from))
        continue;
      const cell = byRegion.get(b.region_code) ?? { branches: 0, required: 0 };
      cell.branches += 1;
      cell.required += quarterlyFloors(Boolean(b.has_committee)).reduce((s, [, floor]) => s + floor, 0);
      byRegion.set(b.region_code, cell);
    }
    return [...byRegion.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region_code, cell]) => ({ quarter, region_code, ...cell }));
  });
  return {
    funding: funding.map(fundingCell),
    branches,
  };
}

/** The kept cells themselves, in the shape of `oracleKeptCells`. */
export async function keptCells(db: SqlRunner, quarters: readonly string[]) {
  const funding = await rows<Record<string, string | number>>(
    db,
    `SELECT year, region_code, source, quarter, records, CAST(amount_fen AS CHAR) AS amount_fen FROM funding_cell
     WHERE records <> 0 OR amount_fen <> 0 ORDER BY 1, 2, 3, 4`,
  );
  const branches = [];
  for (const quarter of quarters) {
    const cells = await rows<{ region_code: string; branches: string; required: string }>(
      db,
      `SELECT region_code, SUM(branches) AS branches, SUM(required) AS required FROM branch_cell
       WHERE quarter <= ? GROUP BY region_code HAVING SUM(branches) <> 0 OR SUM(required) <> 0 ORDER BY region_code`,
      [quarter],
    );
    branches.push(
      ...cells.map((c) => ({
        quarter,
        region_code: c.region_code,
        branches: Number(c.branches),
        required: Number(c.required),
      })),
    );
  }
  return {
    funding: funding.map(fundingCell),
    branches,
  };
}
