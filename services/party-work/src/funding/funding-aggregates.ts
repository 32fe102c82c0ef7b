import type { EntityManager } from 'typeorm';

/**
 * Funding kept per (year, region, source, quarter) in `funding_cell`, so a year's figure costs a read of
 * the cells under its scopes, not of every voucher of the year. Vouchers are written and moved between
 * regions by several paths (recording here, the seed, the replica's and resync's region moves), so the
 * database keeps the cell: a trigger on each insert, update and delete of `funding_record` adds the row's
 * change in the same statement, hence in the same transaction, whatever path wrote it.
 */

/** What one voucher adds to its cell (`sign` 1) or takes away (-1), as the SQL of a trigger body. */
function countVoucher(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    VALUES (YEAR(${row}.received_on), ${row}.region_code, ${row}.source, QUARTER(${row}.received_on), ${sign}, ${sign} * ${row}.amount_fen)
    ON DUPLICATE KEY UPDATE records = records + VALUES(records), amount_fen = amount_fen + VALUES(amount_fen)`;
}

/** The triggers that keep `funding_cell` (created by the KeptFundingCells migration). */
export const FUNDING_CELL_TRIGGERS: Record<string, string> = {
  funding_record_counted: `CREATE TRIGGER funding_record_counted AFTER INSERT ON funding_record FOR EACH ROW
    ${countVoucher('NEW', 1)}`,
  funding_record_recounted: `CREATE TRIGGER funding_record_recounted AFTER UPDATE ON funding_record FOR EACH ROW
    BEGIN
      ${countVoucher('OLD', -1)};
      ${countVoucher('NEW', 1)};
    END`,
  funding_record_uncounted: `CREATE TRIGGER funding_record_uncounted AFTER DELETE ON funding_record FOR EACH ROW
    ${countVoucher('OLD', -1)}`,
};

/** Recomputes every cell from the vouchers (once in the migration; after a repair by hand). */
export async function rebuildFundingCells(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('DELETE FROM funding_cell');
  await manager.query(`
    INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    SELECT YEAR(received_on), region_code, source, QUARTER(received_on), COUNT(*), SUM(amount_fen)
    FROM funding_record GROUP BY YEAR(received_on), region_code, source, QUARTER(received_on)`);
}
