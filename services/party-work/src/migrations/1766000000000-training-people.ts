import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each person's part in the training cells, kept so that a write moves the cells by the difference of the
 * people it touched instead of recounting their regions (statistics/training-cells): `training_person`
 * (where the person is counted, whether as staff; its row is the person's lock) and
 * `training_person_year` (what the person adds to its region's cell of a year). A person is `m:<member
 * id>` or `s:<staff assignment id>` for a post held by no member here. Filled here from the rows as of
 * the work alerts' kept day, as the cells are; the cells are left as they were, the same sums.
 */
export class TrainingPeople1766000000000 implements MigrationInterface {
  name = 'TrainingPeople1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE training_person (
        person VARCHAR(38) NOT NULL PRIMARY KEY,
        region_code CHAR(6) NOT NULL,
        staff TINYINT NOT NULL,
        KEY idx_training_person_region (region_code)
      ) ${table}`);
    await q.query(`
      CREATE TABLE training_person_year (
        person VARCHAR(38) NOT NULL,
        year SMALLINT NOT NULL,
        region_code CHAR(6) NOT NULL,
        members_meeting TINYINT NOT NULL,
        staff_meeting TINYINT NOT NULL,
        hours INT NOT NULL,
        PRIMARY KEY (person, year)
      ) ${table}`);
    const day = '(SELECT day FROM work_alert_day LIMIT 1)';
    const roles = `('SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER', 'FULL_TIME_STAFF', 'PART_TIME_STAFF')`;
    const current = `s.role IN ${roles} AND s.from_on <= ${day} AND (s.to_on IS NULL OR s.to_on >= ${day})`;
    // every post that makes its holder staff has a minimum of 56 class hours (migration 1765700000000)
    const staff = `
      SELECT CONCAT('m:', m.id) AS person, m.region_code, 56 AS minimum
        FROM party_member m JOIN staff_assignment s ON s.member_id = m.id
       WHERE ${current} GROUP BY m.id, m.region_code
      UNION ALL
      SELECT CONCAT('s:', s.id), o.region_code, 56
        FROM staff_assignment s JOIN party_organization_replica o ON o.id = s.party_organization_id
       WHERE s.member_id IS NULL AND ${current}`;
    await q.query(`
      INSERT INTO training_person_year (person, year, region_code, members_meeting, staff_meeting, hours)
      SELECT h.person, h.year, h.region_code, h.on_rolls AND h.hours >= 32, h.hours >= COALESCE(p.minimum, 1e9),
             h.hours
        FROM (
          SELECT CONCAT('m:', m.id) AS person, m.region_code, YEAR(t.started_on) AS year, SUM(t.hours) AS hours,
                 MAX(m.status = 'ACTIVE' AND m.stage IN ('FULL', 'PROBATIONARY')) AS on_rolls
            FROM training_record t JOIN party_member m ON m.id = t.member_id
           GROUP BY m.id, m.region_code, YEAR(t.started_on)
          UNION ALL
          SELECT CONCAT('s:', s.id), o.region_code, YEAR(t.started_on), SUM(t.hours), 0
            FROM training_record t JOIN staff_assignment s ON s.id = t.staff_assignment_id
                                   AND t.staff_assignment_id IS NOT NULL
            JOIN party_organization_replica o ON o.id = s.party_organization_id
           GROUP BY s.id, o.region_code, YEAR(t.started_on)
        ) h LEFT JOIN (${staff}) p ON p.person = h.person`);
    await q.query(
      `INSERT INTO training_person (person, region_code, staff) SELECT person, region_code, 1 FROM (${staff}) p`,
    );
    await q.query(`
      INSERT INTO training_person (person, region_code, staff)
      SELECT person, MIN(region_code), 0 FROM training_person_year GROUP BY person
      ON DUPLICATE KEY UPDATE staff = staff`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE training_person_year');
    await q.query('DROP TABLE training_person');
  }
}
