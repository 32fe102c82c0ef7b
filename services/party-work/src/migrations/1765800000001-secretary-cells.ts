import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The secretary figure kept per region cell (书记配备率, reserve talent, staff by role), as of the kept day:
 * per (region, type of Party organization, role) the active Party organizations holding a current post of
 * the role and the people holding it; role '' counts the active Party organizations themselves.
 * `secretary_cell_region` has a row per region, locked by whoever recomputes that region's cells. Filled
 * here from the rows as of the work alerts' kept day (`work_alert_day`), the day every kept figure is of.
 */
export class SecretaryCells1765800000001 implements MigrationInterface {
  name = 'SecretaryCells1765800000001';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE secretary_cell (
        region_code CHAR(6) NOT NULL,
        type VARCHAR(16) NOT NULL,
        role VARCHAR(24) NOT NULL,
        organizations INT NOT NULL,
        people INT NOT NULL,
        PRIMARY KEY (region_code, type, role)
      ) ${table}`);
    await q.query(`CREATE TABLE secretary_cell_region (region_code CHAR(6) NOT NULL PRIMARY KEY) ${table}`);
    await q.query(
      'INSERT INTO secretary_cell_region (region_code) SELECT DISTINCT region_code FROM party_organization_replica',
    );
    const day = '(SELECT day FROM work_alert_day LIMIT 1)';
    const active = `b.established_at <= ${day} AND (b.dissolved_at IS NULL OR b.dissolved_at > ${day})`;
    await q.query(`
      INSERT INTO secretary_cell (region_code, type, role, organizations, people)
      SELECT b.region_code, b.type, '', COUNT(*), 0 FROM party_organization_replica b
       WHERE ${active} GROUP BY b.region_code, b.type
      UNION ALL
      SELECT b.region_code, b.type, s.role, COUNT(DISTINCT s.party_organization_id),
             COUNT(DISTINCT s.party_organization_id, COALESCE(s.member_id, s.person_name))
        FROM staff_assignment s JOIN party_organization_replica b ON b.id = s.party_organization_id
       WHERE ${active} AND s.from_on <= ${day} AND (s.to_on IS NULL OR s.to_on >= ${day})
       GROUP BY b.region_code, b.type, s.role`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE secretary_cell_region');
    await q.query('DROP TABLE secretary_cell');
  }
}
