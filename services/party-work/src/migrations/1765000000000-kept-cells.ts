import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BRANCH_CELL_TRIGGERS, rebuildBranchCells } from '../activity/branch-cells.js';
import { FUNDING_CELL_TRIGGERS, rebuildFundingCells } from '../funding/funding-aggregates.js';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Two figures the wall read from the raw rows, kept in cells by triggers instead, so each read sums
 * O(regions) cells: `funding_cell` (year, region, source, quarter) serves fundingStats instead of every
 * voucher of the year (see funding-aggregates); `branch_cell` (region, quarter of a change) serves the
 * branches and required meetings of activityStats instead of every branch (see branch-cells). The cells
 * of the existing rows are computed once here, after the triggers exist, so a row written meanwhile is
 * not missed.
 */
export class KeptCells1765000000000 implements MigrationInterface {
  name = 'KeptCells1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE funding_cell (
        year SMALLINT NOT NULL,
        region_code CHAR(6) NOT NULL,
        source VARCHAR(32) NOT NULL,
        quarter TINYINT NOT NULL,
        records INT NOT NULL,
        amount_fen BIGINT NOT NULL,
        PRIMARY KEY (year, region_code, source, quarter)
      ) ${TABLE}`);
    await q.query(`
      CREATE TABLE branch_cell (
        region_code CHAR(6) NOT NULL,
        quarter CHAR(6) NOT NULL,
        branches INT NOT NULL,
        required INT NOT NULL,
        PRIMARY KEY (region_code, quarter)
      ) ${TABLE}`);
    for (const sql of [...Object.values(FUNDING_CELL_TRIGGERS), ...Object.values(BRANCH_CELL_TRIGGERS)])
      await q.query(sql);
    await rebuildFundingCells(q);
    await rebuildBranchCells(q);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of [...Object.keys(FUNDING_CELL_TRIGGERS), ...Object.keys(BRANCH_CELL_TRIGGERS)])
      await q.query(`DROP TRIGGER ${name}`);
    await q.query('DROP TABLE branch_cell');
    await q.query('DROP TABLE funding_cell');
  }
}
