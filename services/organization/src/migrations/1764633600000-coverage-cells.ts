import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coverage figures kept per region cell (each region code that organizations are registered in), so a
 * figure for any scope is a sum over at most a few thousand cells, not a scan of every organization.
 * A cell is recomputed from its organizations after each committed change there, and every cell when the
 * day changes (some figures depend on the date) or a server starts. The primary key serves the prefix
 * range of a scope.
 */
export class CoverageCells1764633600000 implements MigrationInterface {
  name = 'CoverageCells1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE coverage_cell (
        region_code CHAR(6) NOT NULL PRIMARY KEY,
        computed_on DATE NOT NULL,
        organizations INT NOT NULL,
        party_covered INT NOT NULL,
        standalone INT NOT NULL,
        eligible INT NOT NULL,
        eligible_standalone INT NOT NULL,
        work_covered INT NOT NULL,
        charter_included INT NOT NULL,
        cross_appointed INT NOT NULL,
        registered_in_period INT NOT NULL,
        in_step INT NOT NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE coverage_cell');
  }
}
