import type { EntityManager } from 'typeorm';
import type { KeptStatistic } from '../kept-statistic.js';

/**
 * Funding kept per (year, region, source, quarter) in `funding_cell`, so a year's figure costs a read of
 * the cells under its scopes, not of every voucher of the year. Vouchers are written and moved between
 * regions by several paths (recording here, the seed, the replica's and resync's region moves), so the
 * database keeps the cell: a trigger on each insert, update and delete of `funding_record` adds the row's
 * change in the same statement, hence in the same transaction, whatever path wrote it (created by the
 * KeptCells migration).
 */

/** Recomputes every cell from the vouchers (after a bulk load; after a repair by hand). */
export async function rebuildFundingCells(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('DELETE FROM funding_cell');
  await manager.query(`
    INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    SELECT YEAR(received_on), region_code, source, QUARTER(received_on), COUNT(*), SUM(amount_fen)
    FROM funding_record GROUP BY YEAR(received_on), region_code, source, QUARTER(received_on)`);
}

/** `funding_cell`, kept by triggers; rebuilt with the other statistics (statistics/index.ts). */
export const fundingCells: KeptStatistic = { tables: ['funding_cell'], rebuild: rebuildFundingCells };
