import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 民主评议党员, counted and followed up:
 * - `appraisal.appraised_on`, the day of the appraisal (in the year appraised). Existing grades get the day
 *   they were recorded if that lies in their year, else the year's last day (a grade recorded late).
 * - `appraisal.id` unique: a follow-up names its appraisal by id.
 * - `appraisal_follow_up`: what the branch decided of a 不合格 grade (限期改正, 劝其退党, 除名); the
 *   primary key is the appraisal, so one follow-up per appraisal.
 * - `appraisal_cell` (year, region, grade): the grades of a year of the members on the rolls now, in their
 *   region now, so appraisalStats reads O(regions) cells. Existing grades are counted once here, as
 *   rebuildAppraisalCells counts them.
 */
export class AppraisalFollowUp1765600000000 implements MigrationInterface {
  name = 'AppraisalFollowUp1765600000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query('ALTER TABLE appraisal ADD COLUMN appraised_on DATE NULL AFTER grade');
    await q.query(`
      UPDATE appraisal SET appraised_on = IF(YEAR(recorded_at + INTERVAL 8 HOUR) = year,
        DATE(recorded_at + INTERVAL 8 HOUR), MAKEDATE(year, 1) + INTERVAL 1 YEAR - INTERVAL 1 DAY)`);
    await q.query(
      'ALTER TABLE appraisal MODIFY appraised_on DATE NOT NULL, ADD UNIQUE KEY uq_appraisal_id (id)',
    );
    await q.query(`
      CREATE TABLE appraisal_follow_up (
        appraisal_id CHAR(36) NOT NULL PRIMARY KEY,
        member_id CHAR(36) NOT NULL,
        action VARCHAR(32) NOT NULL,
        decided_on DATE NOT NULL,
        correct_by DATE NULL,
        recorded_by VARCHAR(128) NOT NULL,
        recorded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        KEY idx_appraisal_follow_up_member (member_id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE appraisal_cell (
        year SMALLINT NOT NULL,
        region_code CHAR(6) NOT NULL,
        grade VARCHAR(24) NOT NULL,
        members INT NOT NULL,
        PRIMARY KEY (year, region_code, grade)
      ) ${table}`);
    await q.query(`
      INSERT INTO appraisal_cell (year, region_code, grade, members)
      SELECT a.year, m.region_code, a.grade, COUNT(*) FROM appraisal a JOIN party_member m ON m.id = a.member_id
      WHERE m.status = 'ACTIVE' AND m.stage IN ('FULL', 'PROBATIONARY') GROUP BY a.year, m.region_code, a.grade`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE appraisal_cell');
    await q.query('DROP TABLE appraisal_follow_up');
    await q.query('ALTER TABLE appraisal DROP KEY uq_appraisal_id, DROP COLUMN appraised_on');
  }
}
