import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities per quarter, region, week (starting Monday, China time) and mode, kept incrementally with
 * the other activity cells, so a wall's weekly online/offline share costs a sum over the cells in scope.
 */
export class ActivityWeeks1764806400000 implements MigrationInterface {
  name = 'ActivityWeeks1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activity_week_cell (
        quarter CHAR(6) NOT NULL,
        region_code CHAR(6) NOT NULL,
        week DATE NOT NULL,
        mode VARCHAR(8) NOT NULL,
        activities INT NOT NULL,
        PRIMARY KEY (quarter, region_code, week, mode)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // the cells of the activities already there, as rebuildActivityWeeks computed them that day
    await queryRunner.query(`
    INSERT INTO activity_week_cell (quarter, region_code, week, mode, activities)
    SELECT quarter, region_code, DATE_SUB(held_on, INTERVAL WEEKDAY(held_on) DAY), mode, COUNT(*)
    FROM activity WHERE superseded_by IS NULL GROUP BY quarter, region_code, DATE_SUB(held_on, INTERVAL WEEKDAY(held_on) DAY), mode`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE activity_week_cell');
  }
}
