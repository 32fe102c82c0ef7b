import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's part in the organization's own work (管理层, 业务骨干; null when none is marked), and the
 * member cells by it, so the members marked in a region are a sum over its cells like every other member
 * figure. Existing members have none, so every existing cell is the '' role.
 */
export class MemberWorkRole1765300000000 implements MigrationInterface {
  name = 'MemberWorkRole1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE party_member ADD COLUMN work_role VARCHAR(24) NULL');
    await q.query(
      `ALTER TABLE member_cell ADD COLUMN work_role VARCHAR(24) NOT NULL DEFAULT '' AFTER stage,
         DROP PRIMARY KEY, ADD PRIMARY KEY (region_code, stage, work_role)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // the cells of marked members fold back into their stage's cell
    await q.query(`
      CREATE TEMPORARY TABLE member_cell_folded AS
      SELECT region_code, stage, SUM(members) AS members FROM member_cell GROUP BY region_code, stage`);
    await q.query('DELETE FROM member_cell');
    await q.query(
      'ALTER TABLE member_cell DROP PRIMARY KEY, DROP COLUMN work_role, ADD PRIMARY KEY (region_code, stage)',
    );
    await q.query('INSERT INTO member_cell (region_code, stage, members) SELECT * FROM member_cell_folded');
    await q.query('DROP TEMPORARY TABLE member_cell_folded');
    await q.query('ALTER TABLE party_member DROP COLUMN work_role');
  }
}
