import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 谈心谈话覆盖率 kept per region cell: `talk_cell` (year, region) counts the Party members (正式 and 预备)
 * on the rolls in the region who took part in at least one talk held in that year; the base, the Party
 * members on the rolls, is `member_cell`'s. The members already there are counted once here, as
 * rebuildTalkCells counts them.
 */
export class TalkCoverage1765500000000 implements MigrationInterface {
  name = 'TalkCoverage1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE talk_cell (
        year SMALLINT NOT NULL,
        region_code CHAR(6) NOT NULL,
        talked_with INT NOT NULL,
        PRIMARY KEY (year, region_code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      INSERT INTO talk_cell (year, region_code, talked_with)
      SELECT y.year, m.region_code, COUNT(*) FROM party_member m
      JOIN (SELECT DISTINCT member_id, YEAR(held_on) AS year FROM talk_participant) y ON y.member_id = m.id
      WHERE m.status = 'ACTIVE' AND m.stage IN ('FULL', 'PROBATIONARY')
      GROUP BY y.year, m.region_code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE talk_cell');
  }
}
