import { today } from '@pb/platform/calendar';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work alerts kept rather than computed on read (see WorkAlertKeeper): the alerts themselves, listed in
 * (kind, region, subject) order by an index; their count per region cell and kind, so a region's count
 * is a sum over its cells; the day they are as of; and one row per subject, locked by the writes that
 * re-evaluate it. Rows already there are not evaluated here (a migration runs no application code, and
 * the rules are code): the kept day then starts long past, so the first server to start sees the day
 * changed and evaluates every subject (WorkAlertKeeper.keepUpToDate), as at every change of day.
 */
export class KeptWorkAlerts1764892800000 implements MigrationInterface {
  name = 'KeptWorkAlerts1764892800000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE work_alert (
        kind VARCHAR(40) NOT NULL,
        subject_id CHAR(36) NOT NULL,
        rule_key VARCHAR(32) NOT NULL,
        region_code CHAR(6) NOT NULL,
        branch_id CHAR(36) NULL,
        member_id CHAR(36) NULL,
        rule VARCHAR(200) NOT NULL,
        message VARCHAR(600) NOT NULL,
        due_on DATE NULL,
        PRIMARY KEY (kind, subject_id, rule_key),
        KEY idx_work_alert_list (kind, region_code, subject_id, rule_key)
      ) ${table}`);
    await q.query(`
      CREATE TABLE work_alert_cell (
        region_code CHAR(6) NOT NULL,
        kind VARCHAR(40) NOT NULL,
        alerts INT NOT NULL,
        PRIMARY KEY (region_code, kind)
      ) ${table}`);
    await q.query(`CREATE TABLE work_alert_day (day DATE NOT NULL) ${table}`);
    const [existing] = (await q.query(
      'SELECT EXISTS (SELECT 1 FROM party_member) OR EXISTS (SELECT 1 FROM party_organization_replica) AS found',
    )) as Array<{ found: string | number }>;
    await q.query('INSERT INTO work_alert_day (day) VALUES (?)', [
      Number(existing?.found) ? '2000-01-01' : today(),
    ]);
    await q.query(`CREATE TABLE work_alert_subject (subject_id CHAR(36) NOT NULL PRIMARY KEY) ${table}`);
    // the activities of a branch in a year by type, for the yearly-meeting rule
    await q.query('ALTER TABLE activity ADD KEY idx_activity_branch_type_quarter (branch_id, type, quarter)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE activity DROP INDEX idx_activity_branch_type_quarter');
    for (const table of ['work_alert_subject', 'work_alert_day', 'work_alert_cell', 'work_alert'])
      await q.query(`DROP TABLE ${table}`);
  }
}
