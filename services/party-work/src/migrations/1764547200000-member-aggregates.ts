import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member statistics kept incrementally: `member_cell` (region, stage) serves memberStats' counts by a
 * range scan on the region prefix; `development_cell` (year, region, stage reached) its developed and
 * converted figures. Existing members are aggregated once here.
 */
export class MemberAggregates1764547200000 implements MigrationInterface {
  name = 'MemberAggregates1764547200000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE member_cell (
        region_code CHAR(6) NOT NULL,
        stage VARCHAR(16) NOT NULL,
        members INT NOT NULL,
        PRIMARY KEY (region_code, stage)
      ) ${table}`);
    await q.query(`
      CREATE TABLE development_cell (
        year SMALLINT NOT NULL,
        region_code CHAR(6) NOT NULL,
        to_stage VARCHAR(16) NOT NULL,
        members INT NOT NULL,
        PRIMARY KEY (year, region_code, to_stage)
      ) ${table}`);
    // the cells of the members already there, as rebuildMemberAggregates computed them that day
    await q.query(`
    INSERT INTO member_cell (region_code, stage, members)
    SELECT region_code, stage, COUNT(*) FROM party_member WHERE status = 'ACTIVE' GROUP BY region_code, stage`);
    await q.query(`
    INSERT INTO development_cell (year, region_code, to_stage, members)
    SELECT YEAR(effective_on), region_code, to_stage, COUNT(*) FROM stage_change
    WHERE kind = 'ADVANCED' AND to_stage IN ('PROBATIONARY', 'FULL') GROUP BY YEAR(effective_on), region_code, to_stage`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE development_cell');
    await q.query('DROP TABLE member_cell');
  }
}
