import type { MigrationInterface, QueryRunner } from 'typeorm';

const NO_UPDATE = `CREATE TRIGGER personal_data_read_no_update BEFORE UPDATE ON personal_data_read
  FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'personal_data_read is append-only'`;

/**
 * The audit log of personal-data reads becomes something people read (`personalDataReads`), so it keeps
 * what they ask about: the member's region at the read (an auditor sees only its region's reads), the
 * operation, and the client's own request id apart from the gateway's. A read of the log is a row of the
 * same table (field `audit-log`, no member, the filter it used), so it is append-only by the same
 * triggers and shows in the same list. Each filter of the list is a range on an index ending in `seq`, the
 * list's order (newest first); a time range is a range on `read_at`.
 *
 * The subject and roles columns grow so that no token's subject or set of roles makes a read fail.
 */
export class AuditTrail1765100000000 implements MigrationInterface {
  name = 'AuditTrail1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE personal_data_read
        MODIFY viewer_subject VARCHAR(255) NOT NULL,
        MODIFY viewer_role VARCHAR(128) NOT NULL,
        MODIFY member_id CHAR(36) NULL,
        ADD COLUMN region_code CHAR(6) NULL AFTER member_id,
        ADD COLUMN client_request_id VARCHAR(64) NULL AFTER request_id,
        ADD COLUMN operation_name VARCHAR(128) NULL AFTER client_request_id,
        ADD COLUMN filter TEXT NULL,
        ADD KEY idx_personal_data_read_reader (viewer_subject, seq),
        ADD KEY idx_personal_data_read_region (region_code, seq),
        ADD KEY idx_personal_data_read_time (read_at, seq)`);
    // The reads recorded before this carry no region; the member's region now is the best there is, and
    // without one a regional auditor would never see them. The triggers refuse that one UPDATE, so they
    // step aside for it; migrations run before the service serves, so nothing else writes meanwhile.
    await q.query('DROP TRIGGER personal_data_read_no_update');
    await q.query(`
      UPDATE personal_data_read r JOIN party_member m ON m.id = r.member_id
         SET r.region_code = m.region_code
       WHERE r.region_code IS NULL`);
    await q.query(NO_UPDATE);
  }

  async down(q: QueryRunner): Promise<void> {
    // member_id stays nullable: the rows of reads of the log have none, and the table refuses deletes.
    await q.query(`
      ALTER TABLE personal_data_read
        DROP KEY idx_personal_data_read_reader,
        DROP KEY idx_personal_data_read_region,
        DROP KEY idx_personal_data_read_time,
        DROP COLUMN filter,
        DROP COLUMN operation_name,
        DROP COLUMN client_request_id,
        DROP COLUMN region_code`);
    // the wider subject and roles columns stay: narrowing them could cut rows written since
  }
}
