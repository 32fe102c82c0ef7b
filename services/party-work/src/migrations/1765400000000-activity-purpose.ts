import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What of the organization's own work an activity serves (业务、管理、文化建设、社会责任; null when the
 * record names none), and the activity cells by it, so the activities serving each in a region are a sum
 * over its cells like every other activity figure. Existing activities name none: every existing cell is
 * the '' purpose.
 */
export class ActivityPurpose1765400000000 implements MigrationInterface {
  name = 'ActivityPurpose1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE activity ADD COLUMN serves VARCHAR(32) NULL');
    await q.query(
      `ALTER TABLE activity_cell ADD COLUMN serves VARCHAR(32) NOT NULL DEFAULT '' AFTER mode,
         DROP PRIMARY KEY, ADD PRIMARY KEY (quarter, region_code, type, mode, serves)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // the cells of activities naming a purpose fold back into their (type, mode) cell
    await q.query(`
      CREATE TEMPORARY TABLE activity_cell_folded AS
      SELECT quarter, region_code, type, mode, SUM(activities) AS activities, SUM(attended) AS attended, SUM(due) AS due
      FROM activity_cell GROUP BY quarter, region_code, type, mode`);
    await q.query('DELETE FROM activity_cell');
    await q.query(
      'ALTER TABLE activity_cell DROP PRIMARY KEY, DROP COLUMN serves, ADD PRIMARY KEY (quarter, region_code, type, mode)',
    );
    await q.query(
      'INSERT INTO activity_cell (quarter, region_code, type, mode, activities, attended, due) SELECT * FROM activity_cell_folded',
    );
    await q.query('DROP TEMPORARY TABLE activity_cell_folded');
    await q.query('ALTER TABLE activity DROP COLUMN serves');
  }
}
