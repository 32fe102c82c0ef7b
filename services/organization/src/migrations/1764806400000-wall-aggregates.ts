import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aggregates a wall may read (it may not list records): active Party organizations per region cell, and
 * registrations and first coverage per region cell and month, for the registration trend. Both are kept
 * with the coverage cells (rebuilt at start-up, after a seed and when the day changes, recomputed per
 * region after a change there), so reading them costs a sum over the cells in scope.
 */
export class WallAggregates1764806400000 implements MigrationInterface {
  name = 'WallAggregates1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // a region may have Party organizations and no organization of its own: its cell starts at zeroes
    await queryRunner.query(`
      ALTER TABLE coverage_cell
        ADD COLUMN party_organizations INT NOT NULL DEFAULT 0,
        ALTER COLUMN organizations SET DEFAULT 0, ALTER COLUMN party_covered SET DEFAULT 0,
        ALTER COLUMN standalone SET DEFAULT 0, ALTER COLUMN eligible SET DEFAULT 0,
        ALTER COLUMN eligible_standalone SET DEFAULT 0, ALTER COLUMN work_covered SET DEFAULT 0,
        ALTER COLUMN charter_included SET DEFAULT 0, ALTER COLUMN cross_appointed SET DEFAULT 0,
        ALTER COLUMN registered_in_period SET DEFAULT 0, ALTER COLUMN in_step SET DEFAULT 0`);
    // the primary key serves a region's range; the month key serves the national read of recent months
    await queryRunner.query(`
      CREATE TABLE coverage_month (
        region_code CHAR(6) NOT NULL,
        month CHAR(7) NOT NULL,
        registered INT NOT NULL DEFAULT 0,
        newly_covered INT NOT NULL DEFAULT 0,
        PRIMARY KEY (region_code, month),
        KEY idx_coverage_month_month (month, region_code, registered, newly_covered)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // empty cells make the next read rebuild them, the new column and table included
    await queryRunner.query('DELETE FROM coverage_cell');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE coverage_month');
    await queryRunner.query('ALTER TABLE coverage_cell DROP COLUMN party_organizations');
  }
}
