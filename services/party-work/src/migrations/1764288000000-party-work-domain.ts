import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * The party-work domain: members' development and personal data, organizational life, appraisals, talks,
 * training, funding, staff, and the local copy of Party organizations. Each index names the query it serves.
 */
export class PartyWorkDomain1764288000000 implements MigrationInterface {
  name = 'PartyWorkDomain1764288000000';

  async up(q: QueryRunner): Promise<void> {
    // party_organization_replica: fed by PartyOrganizationChanged; (region_code) serves the branches of a
    // region in activity statistics and alerts, (parent_id) nothing yet but the tree walk of a committee.
    await q.query(`
      CREATE TABLE party_organization_replica (
        id CHAR(36) NOT NULL PRIMARY KEY,
        name VARCHAR(200) NOT NULL,
        type VARCHAR(16) NOT NULL,
        formation_mode VARCHAR(16) NOT NULL,
        region_code CHAR(6) NOT NULL,
        parent_id CHAR(36) NULL,
        established_at DATE NOT NULL,
        dissolved_at DATE NULL,
        has_committee TINYINT(1) NOT NULL DEFAULT 0,
        covered_organization_ids TEXT NOT NULL,
        version INT NOT NULL,
        KEY idx_party_organization_replica_region (region_code, type),
        KEY idx_party_organization_replica_name (name(64))
      ) ${TABLE}`);
    // bulk import finds an organization by its exact name
    await q.query('ALTER TABLE organization_replica ADD KEY idx_organization_replica_name (name(64))');

    // party_member: (status, region_code, stage) serves memberStats' counts by stage of active members;
    // (social_organization_id, status, stage) the per-organization counts of the federated entity;
    // (branch_id, status, seq) PartyOrganization.members and the branch-size alert; the two hash columns
    // are the uniqueness of ID number and phone without decrypting.
    await q.query(`
      ALTER TABLE party_member
        ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
        ADD COLUMN branch_id CHAR(36) NULL,
        ADD COLUMN applied_on DATE NULL,
        ADD COLUMN birth_date DATE NULL,
        ADD COLUMN id_number_enc VARBINARY(128) NULL,
        ADD COLUMN id_number_hash BINARY(32) NULL,
        ADD COLUMN phone_enc VARBINARY(128) NULL,
        ADD COLUMN phone_hash BINARY(32) NULL,
        ADD COLUMN probation_extended_months INT NOT NULL DEFAULT 0,
        ADD COLUMN introducers VARCHAR(200) NULL,
        ADD UNIQUE KEY uq_party_member_id_number (id_number_hash),
        ADD UNIQUE KEY uq_party_member_phone (phone_hash),
        ADD KEY idx_party_member_status_region_stage (status, region_code, stage),
        ADD KEY idx_party_member_organization_status_stage (social_organization_id, status, stage),
        ADD KEY idx_party_member_branch (branch_id, status, seq)`);

    // stage_change: (member_id, seq) serves PartyMember.history; (kind, to_stage, effective_on, region_code)
    // the developed / converted this year figures of memberStats.
    await q.query(`
      CREATE TABLE stage_change (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        member_id CHAR(36) NOT NULL,
        kind VARCHAR(24) NOT NULL,
        from_stage VARCHAR(16) NULL,
        to_stage VARCHAR(16) NOT NULL,
        effective_on DATE NOT NULL,
        approved_by VARCHAR(64) NOT NULL,
        recorded_by VARCHAR(128) NOT NULL,
        note VARCHAR(500) NULL,
        region_code CHAR(6) NOT NULL,
        recorded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        KEY idx_stage_change_member (member_id, seq),
        KEY idx_stage_change_kind_date (kind, to_stage, effective_on, region_code)
      ) ${TABLE}`);

    // personal_data_read: the append-only audit of raw reads; (member_id, seq) answers "who read this
    // member's data"; triggers refuse any UPDATE or DELETE.
    await q.query(`
      CREATE TABLE personal_data_read (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        viewer_subject VARCHAR(128) NOT NULL,
        viewer_role VARCHAR(32) NOT NULL,
        member_id CHAR(36) NOT NULL,
        field VARCHAR(16) NOT NULL,
        request_id VARCHAR(64) NOT NULL,
        read_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        KEY idx_personal_data_read_member (member_id, seq)
      ) ${TABLE}`);
    await q.query(`CREATE TRIGGER personal_data_read_no_update BEFORE UPDATE ON personal_data_read
      FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'personal_data_read is append-only'`);
    await q.query(`CREATE TRIGGER personal_data_read_no_delete BEFORE DELETE ON personal_data_read
      FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'personal_data_read is append-only'`);

    // activity: (quarter, region_code, superseded_by) serves activityStats over a region prefix;
    // (branch_id, held_on) PartyOrganization.activities, compliance and the pace alerts;
    // (region_code, seq) the scoped activities list.
    await q.query(`
      CREATE TABLE activity (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        branch_id CHAR(36) NOT NULL,
        region_code CHAR(6) NOT NULL,
        type VARCHAR(32) NOT NULL,
        mode VARCHAR(8) NOT NULL,
        title VARCHAR(200) NOT NULL,
        held_at DATETIME(3) NOT NULL,
        held_on DATE NOT NULL,
        quarter CHAR(6) NOT NULL,
        expected INT NOT NULL,
        present INT NOT NULL,
        online INT NOT NULL,
        excused INT NOT NULL,
        absent INT NOT NULL,
        corrects_id CHAR(36) NULL,
        superseded_by CHAR(36) NULL,
        recorded_by VARCHAR(128) NOT NULL,
        recorded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        UNIQUE KEY uq_activity_id (id),
        KEY idx_activity_quarter_region (quarter, region_code, superseded_by),
        KEY idx_activity_branch_held (branch_id, held_on),
        KEY idx_activity_region_seq (region_code, seq)
      ) ${TABLE}`);
    await q.query(`
      CREATE TABLE activity_attendance (
        activity_id CHAR(36) NOT NULL,
        member_id CHAR(36) NOT NULL,
        attendance VARCHAR(8) NOT NULL,
        PRIMARY KEY (activity_id, member_id)
      ) ${TABLE}`);

    // appraisal: one grade per member per year (the unique key); (region_code, year) the yearly counts.
    await q.query(`
      CREATE TABLE appraisal (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        member_id CHAR(36) NOT NULL,
        year SMALLINT NOT NULL,
        grade VARCHAR(24) NOT NULL,
        region_code CHAR(6) NOT NULL,
        recorded_by VARCHAR(128) NOT NULL,
        recorded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        UNIQUE KEY uq_appraisal_member_year (member_id, year),
        KEY idx_appraisal_region_year (region_code, year)
      ) ${TABLE}`);

    // talk / talk_participant: (member_id) serves the "talk within a month of application" alert.
    await q.query(`
      CREATE TABLE talk (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        held_on DATE NOT NULL,
        topic VARCHAR(200) NOT NULL,
        talker VARCHAR(64) NOT NULL,
        region_code CHAR(6) NOT NULL,
        recorded_by VARCHAR(128) NOT NULL,
        UNIQUE KEY uq_talk_id (id)
      ) ${TABLE}`);
    await q.query(`
      CREATE TABLE talk_participant (
        talk_id CHAR(36) NOT NULL,
        member_id CHAR(36) NOT NULL,
        held_on DATE NOT NULL,
        PRIMARY KEY (talk_id, member_id),
        KEY idx_talk_participant_member (member_id, held_on)
      ) ${TABLE}`);

    // training_record: (member_id) serves the 24-hour rule and a member's training list.
    await q.query(`
      CREATE TABLE training_record (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        member_id CHAR(36) NOT NULL,
        title VARCHAR(200) NOT NULL,
        started_on DATE NOT NULL,
        hours INT NOT NULL,
        recorded_by VARCHAR(128) NOT NULL,
        KEY idx_training_record_member (member_id, started_on)
      ) ${TABLE}`);

    // funding_record: (received_on, region_code) serves fundingStats of a year over a region prefix; the
    // two recipient keys let a region change of an organization move its records.
    await q.query(`
      CREATE TABLE funding_record (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        source VARCHAR(32) NOT NULL,
        amount_fen BIGINT NOT NULL,
        received_on DATE NOT NULL,
        party_organization_id CHAR(36) NULL,
        social_organization_id CHAR(36) NULL,
        region_code CHAR(6) NOT NULL,
        project VARCHAR(200) NULL,
        recorded_by VARCHAR(128) NOT NULL,
        recorded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        UNIQUE KEY uq_funding_record_id (id),
        KEY idx_funding_record_received_region (received_on, region_code),
        KEY idx_funding_record_social_organization (social_organization_id),
        KEY idx_funding_record_party_organization (party_organization_id)
      ) ${TABLE}`);

    // staff_assignment: (party_organization_id, role, to_on) serves PartyOrganization.secretary and the
    // no-secretary alert.
    await q.query(`
      CREATE TABLE staff_assignment (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        party_organization_id CHAR(36) NOT NULL,
        role VARCHAR(24) NOT NULL,
        person_name VARCHAR(64) NOT NULL,
        member_id CHAR(36) NULL,
        from_on DATE NOT NULL,
        to_on DATE NULL,
        recorded_by VARCHAR(128) NOT NULL,
        UNIQUE KEY uq_staff_assignment_id (id),
        KEY idx_staff_assignment_organization (party_organization_id, role, to_on)
      ) ${TABLE}`);

    // full_member_counter: the per-organization version of FullMemberCountChanged events, bumped in the
    // transaction that changes the count.
    await q.query(`
      CREATE TABLE full_member_counter (
        social_organization_id CHAR(36) NOT NULL PRIMARY KEY,
        full_member_count INT NOT NULL,
        version INT NOT NULL
      ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organization_replica DROP INDEX idx_organization_replica_name');
    for (const table of [
      'full_member_counter',
      'staff_assignment',
      'funding_record',
      'training_record',
      'talk_participant',
      'talk',
      'appraisal',
      'activity_attendance',
      'activity',
      'personal_data_read',
      'stage_change',
      'party_organization_replica',
    ])
      await q.query(`DROP TABLE ${table}`);
    await q.query(`ALTER TABLE party_member
      DROP INDEX uq_party_member_id_number, DROP INDEX uq_party_member_phone,
      DROP INDEX idx_party_member_status_region_stage, DROP INDEX idx_party_member_organization_status_stage,
      DROP INDEX idx_party_member_branch,
      DROP COLUMN status, DROP COLUMN branch_id, DROP COLUMN applied_on, DROP COLUMN birth_date,
      DROP COLUMN id_number_enc, DROP COLUMN id_number_hash, DROP COLUMN phone_enc, DROP COLUMN phone_hash,
      DROP COLUMN probation_extended_months, DROP COLUMN introducers`);
  }
}
