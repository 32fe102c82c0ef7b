import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training of Party members and of Party-affairs staff, counted against the yearly minimum (domain.md,
 * trainingStats). A training record names exactly one person: a member (`member_id`) or, for staff who
 * are not members here, their staff assignment (`staff_assignment_id`); the CHECK keeps it so whatever
 * path writes. `staff_assignment (member_id)` finds the posts a member holds. The cells:
 * `training_cell` (region, year) the people meeting their minimum and the class hours, and
 * `training_staff_cell` (region) the staff counted, whose row is also the region's lock while its cells
 * are recounted (statistics/training-cells).
 */
export class TrainingAttainment1765700000000 implements MigrationInterface {
  name = 'TrainingAttainment1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE training_record MODIFY member_id CHAR(36) NULL,
        ADD COLUMN staff_assignment_id CHAR(36) NULL AFTER member_id,
        ADD KEY idx_training_record_staff (staff_assignment_id, started_on),
        ADD CONSTRAINT chk_training_record_one_person CHECK ((member_id IS NULL) <> (staff_assignment_id IS NULL))`);
    await q.query('ALTER TABLE staff_assignment ADD KEY idx_staff_assignment_member (member_id)');
    await q.query(`
      CREATE TABLE training_cell (
        region_code CHAR(6) NOT NULL,
        year SMALLINT NOT NULL,
        members_meeting INT NOT NULL,
        staff_meeting INT NOT NULL,
        hours BIGINT NOT NULL,
        PRIMARY KEY (region_code, year)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE training_staff_cell (
        region_code CHAR(6) NOT NULL PRIMARY KEY,
        staff INT NOT NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE training_staff_cell');
    await q.query('DROP TABLE training_cell');
    await q.query('ALTER TABLE staff_assignment DROP KEY idx_staff_assignment_member');
    await q.query('DELETE FROM training_record WHERE member_id IS NULL');
    await q.query(`
      ALTER TABLE training_record DROP CONSTRAINT chk_training_record_one_person,
        DROP KEY idx_training_record_staff, DROP COLUMN staff_assignment_id, MODIFY member_id CHAR(36) NOT NULL`);
  }
}
