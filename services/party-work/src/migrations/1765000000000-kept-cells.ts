import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

const quarterOf = (day: string) => `CONCAT(YEAR(${day}), 'Q', QUARTER(${day}))`;
const quarterStart = (day: string) => `(MAKEDATE(YEAR(${day}), 1) + INTERVAL (QUARTER(${day}) - 1) QUARTER)`;

/**
 * The trigger body that counts (`sign` 1) or uncounts (-1) one Party organization row in `branch_cell`,
 * with that day's required meetings per quarter (11 with a committee, 8 without): written out here, not
 * taken from branch-cells.ts, which may change after this migration has run.
 */
function countBranch(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const upsert = (quarter: string, s: number) =>
    `INSERT INTO branch_cell (region_code, quarter, branches, required)
       VALUES (${row}.region_code, ${quarter}, ${s}, ${s} * IF(${row}.has_committee, 11, 8))
       ON DUPLICATE KEY UPDATE branches = branches + VALUES(branches), required = required + VALUES(required)`;
  // a branch dissolved before the quarter it was established in was active in none
  return `IF ${row}.type = 'BRANCH' AND (${row}.dissolved_at IS NULL OR ${row}.dissolved_at >= ${quarterStart(`${row}.established_at`)}) THEN
      ${upsert(quarterOf(`${row}.established_at`), sign)};
      IF ${row}.dissolved_at IS NOT NULL THEN
        ${upsert(quarterOf(`${quarterStart(`${row}.dissolved_at`)} + INTERVAL 1 QUARTER`), -sign)};
      END IF;
    END IF`;
}

/**
 * The triggers that keep both tables, as they were written that day (funding-aggregates.ts and
 * branch-cells.ts keep today's; a migration is history and runs no application code).
 */
const TRIGGERS: Record<string, string> = {
  funding_record_counted: `CREATE TRIGGER funding_record_counted AFTER INSERT ON funding_record FOR EACH ROW
    INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    VALUES (YEAR(NEW.received_on), NEW.region_code, NEW.source, QUARTER(NEW.received_on), 1, 1 * NEW.amount_fen)
    ON DUPLICATE KEY UPDATE records = records + VALUES(records), amount_fen = amount_fen + VALUES(amount_fen)`,
  funding_record_recounted: `CREATE TRIGGER funding_record_recounted AFTER UPDATE ON funding_record FOR EACH ROW
    BEGIN
      INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    VALUES (YEAR(OLD.received_on), OLD.region_code, OLD.source, QUARTER(OLD.received_on), -1, -1 * OLD.amount_fen)
    ON DUPLICATE KEY UPDATE records = records + VALUES(records), amount_fen = amount_fen + VALUES(amount_fen);
      INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    VALUES (YEAR(NEW.received_on), NEW.region_code, NEW.source, QUARTER(NEW.received_on), 1, 1 * NEW.amount_fen)
    ON DUPLICATE KEY UPDATE records = records + VALUES(records), amount_fen = amount_fen + VALUES(amount_fen);
    END`,
  funding_record_uncounted: `CREATE TRIGGER funding_record_uncounted AFTER DELETE ON funding_record FOR EACH ROW
    INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    VALUES (YEAR(OLD.received_on), OLD.region_code, OLD.source, QUARTER(OLD.received_on), -1, -1 * OLD.amount_fen)
    ON DUPLICATE KEY UPDATE records = records + VALUES(records), amount_fen = amount_fen + VALUES(amount_fen)`,
  party_organization_counted: `CREATE TRIGGER party_organization_counted AFTER INSERT ON party_organization_replica
    FOR EACH ROW BEGIN ${countBranch('NEW', 1)}; END`,
  party_organization_recounted: `CREATE TRIGGER party_organization_recounted AFTER UPDATE ON party_organization_replica
    FOR EACH ROW BEGIN ${countBranch('OLD', -1)}; ${countBranch('NEW', 1)}; END`,
  party_organization_uncounted: `CREATE TRIGGER party_organization_uncounted AFTER DELETE ON party_organization_replica
    FOR EACH ROW BEGIN ${countBranch('OLD', -1)}; END`,
};

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
    for (const sql of Object.values(TRIGGERS)) await q.query(sql);
    // the cells of the rows already there, as rebuildFundingCells and rebuildBranchCells computed them that day
    await q.query(`
    INSERT INTO funding_cell (year, region_code, source, quarter, records, amount_fen)
    SELECT YEAR(received_on), region_code, source, QUARTER(received_on), COUNT(*), SUM(amount_fen)
    FROM funding_record GROUP BY YEAR(received_on), region_code, source, QUARTER(received_on)`);
    await q.query(`
    INSERT INTO branch_cell (region_code, quarter, branches, required)
    SELECT region_code, quarter, SUM(branches), SUM(required) FROM (
      SELECT region_code, CONCAT(YEAR(established_at), 'Q', QUARTER(established_at)) AS quarter, 1 AS branches, IF(has_committee, 11, 8) AS required
      FROM party_organization_replica WHERE type = 'BRANCH' AND (dissolved_at IS NULL OR dissolved_at >= (MAKEDATE(YEAR(established_at), 1) + INTERVAL (QUARTER(established_at) - 1) QUARTER))
      UNION ALL
      SELECT region_code, CONCAT(YEAR((MAKEDATE(YEAR(dissolved_at), 1) + INTERVAL (QUARTER(dissolved_at) - 1) QUARTER) + INTERVAL 1 QUARTER), 'Q', QUARTER((MAKEDATE(YEAR(dissolved_at), 1) + INTERVAL (QUARTER(dissolved_at) - 1) QUARTER) + INTERVAL 1 QUARTER)), -1, -IF(has_committee, 11, 8)
      FROM party_organization_replica WHERE type = 'BRANCH' AND (dissolved_at IS NULL OR dissolved_at >= (MAKEDATE(YEAR(established_at), 1) + INTERVAL (QUARTER(established_at) - 1) QUARTER)) AND dissolved_at IS NOT NULL
    ) changes GROUP BY region_code, quarter`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of Object.keys(TRIGGERS)) await q.query(`DROP TRIGGER ${name}`);
    await q.query('DROP TABLE branch_cell');
    await q.query('DROP TABLE funding_cell');
  }
}
