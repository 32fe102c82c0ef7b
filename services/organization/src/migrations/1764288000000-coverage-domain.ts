import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coverage domain: the rest of a social organization's record (category, registration level,
 * charter clause, lifecycle dates, the full-member count party-work reports, an event version), its
 * history, Party organizations and what they cover over time, work-coverage measures and cross
 * appointments.
 *
 * `social_organization` keeps the *active* Party cover denormalized (`party_organization_id`,
 * `coverage_mode`, `first_covered_at`), written in the same transaction as `party_coverage`, so that the
 * statistics, the alerts and the list filters read one table. The index each query uses is named beside
 * it below.
 */
export class CoverageDomain1764288000000 implements MigrationInterface {
  name = 'CoverageDomain1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE social_organization
        ADD COLUMN category VARCHAR(64) NULL,
        ADD COLUMN registration_level VARCHAR(16) NOT NULL DEFAULT 'COUNTY',
        ADD COLUMN status_changed_at DATE NULL,
        ADD COLUMN charter_clause VARCHAR(16) NOT NULL DEFAULT 'MISSING',
        ADD COLUMN charter_changed_at DATE NULL,
        ADD COLUMN full_member_count INT NOT NULL DEFAULT 0,
        ADD COLUMN full_member_count_version BIGINT NOT NULL DEFAULT 0,
        ADD COLUMN full_member_count_reported_at DATETIME(3) NULL,
        ADD COLUMN eligible TINYINT(1) AS (full_member_count >= 3) STORED,
        ADD COLUMN party_organization_id CHAR(36) NULL,
        ADD COLUMN coverage_mode VARCHAR(16) NULL,
        ADD COLUMN covered_since DATE NULL,
        ADD COLUMN first_covered_at DATE NULL,
        ADD COLUMN version INT NOT NULL DEFAULT 1,
        -- coverageStats / coverageByRegion: a covering range scan on the region prefix of active rows
        ADD KEY idx_social_organization_stats
          (status, region_code, coverage_mode, eligible, charter_clause, registered_at, first_covered_at),
        -- socialOrganizations(filter: { type })
        ADD KEY idx_social_organization_type (type, region_code, seq),
        -- socialOrganizations(filter: { charterClause }) and the CHARTER_CLAUSE_MISSING alert
        ADD KEY idx_social_organization_charter (charter_clause, region_code, seq),
        -- socialOrganizations(filter: { eligible }) and the ELIGIBLE_NOT_ESTABLISHED alert
        ADD KEY idx_social_organization_eligible (eligible, region_code, seq),
        -- socialOrganizations(filter: { covered, standalone }), BLANK_SPOT and NOT_IN_STEP alerts
        ADD KEY idx_social_organization_coverage (coverage_mode, region_code, seq),
        -- socialOrganizations(filter: { registeredFrom, registeredTo })
        ADD KEY idx_social_organization_registered (registered_at, region_code),
        -- PartyOrganization.coveredOrganizations and the structure alerts' member sums
        ADD KEY idx_social_organization_party (party_organization_id)`);

    // SocialOrganization.history: one organization's changes in order
    await queryRunner.query(`
      CREATE TABLE social_organization_change (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        social_organization_id CHAR(36) NOT NULL,
        kind VARCHAR(24) NOT NULL,
        effective_on DATE NOT NULL,
        details TEXT NULL,
        recorded_by VARCHAR(100) NOT NULL,
        recorded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        KEY idx_social_organization_change_organization (social_organization_id, seq)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await queryRunner.query(`
      CREATE TABLE party_organization (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        name VARCHAR(200) NOT NULL,
        type VARCHAR(16) NOT NULL,
        formation_mode VARCHAR(16) NOT NULL,
        region_code CHAR(6) NOT NULL,
        parent_id CHAR(36) NULL,
        established_at DATE NOT NULL,
        dissolved_at DATE NULL,
        has_committee TINYINT(1) NOT NULL DEFAULT 0,
        version INT NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        UNIQUE KEY uq_party_organization_id (id),
        -- partyOrganizations(filter: { regionCode }) in order
        KEY idx_party_organization_region (region_code, seq),
        -- partyOrganizations(filter: { type })
        KEY idx_party_organization_type (type, region_code, seq),
        -- partyOrganizations(filter: { formationMode })
        KEY idx_party_organization_mode (formation_mode, region_code, seq),
        -- partyOrganizations(filter: { active }) and the STRUCTURE alerts (active ones only)
        KEY idx_party_organization_active (dissolved_at, region_code, seq),
        -- dissolving refuses a parent with active children
        KEY idx_party_organization_parent (parent_id),
        CONSTRAINT fk_party_organization_region FOREIGN KEY (region_code) REFERENCES region (code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    // active is 1 while the cover lasts, NULL after (a unique key ignores NULLs): the unique key makes
    // "one active Party organization per organization" hold even against racing requests
    await queryRunner.query(`
      CREATE TABLE party_coverage (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        party_organization_id CHAR(36) NOT NULL,
        social_organization_id CHAR(36) NOT NULL,
        since DATE NOT NULL,
        until DATE NULL,
        active TINYINT AS (IF(until IS NULL, 1, NULL)) STORED,
        UNIQUE KEY uq_party_coverage_id (id),
        UNIQUE KEY uq_party_coverage_active (social_organization_id, active),
        -- PartyOrganization.coverages (over time) and dissolving (ends the active ones)
        KEY idx_party_coverage_party (party_organization_id, until),
        -- SocialOrganization.partyCoverageHistory
        KEY idx_party_coverage_organization (social_organization_id, since)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await queryRunner.query(`
      CREATE TABLE work_coverage (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        social_organization_id CHAR(36) NOT NULL,
        region_code CHAR(6) NOT NULL,
        kind VARCHAR(16) NOT NULL,
        person_name VARCHAR(64) NULL,
        since DATE NOT NULL,
        until DATE NULL,
        last_contact_at DATE NULL,
        UNIQUE KEY uq_work_coverage_id (id),
        -- SocialOrganization.workCoverage and the per-organization "has an active measure" test
        KEY idx_work_coverage_organization (social_organization_id, until),
        -- coverageStats.workCovered (a region range of measures) and the INSTRUCTOR_NO_CONTACT alert
        KEY idx_work_coverage_region (region_code, kind, until, since, last_contact_at, social_organization_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await queryRunner.query(`
      CREATE TABLE cross_appointment (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        social_organization_id CHAR(36) NOT NULL,
        party_organization_id CHAR(36) NOT NULL,
        region_code CHAR(6) NOT NULL,
        person_name VARCHAR(64) NOT NULL,
        party_post VARCHAR(16) NOT NULL,
        management_post VARCHAR(16) NOT NULL,
        direction VARCHAR(24) NOT NULL,
        since DATE NOT NULL,
        until DATE NULL,
        UNIQUE KEY uq_cross_appointment_id (id),
        -- SocialOrganization.crossAppointments
        KEY idx_cross_appointment_organization (social_organization_id, until),
        -- coverageStats.crossAppointed (a region range of appointments)
        KEY idx_cross_appointment_region (region_code, until, since, social_organization_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE cross_appointment');
    await queryRunner.query('DROP TABLE work_coverage');
    await queryRunner.query('DROP TABLE party_coverage');
    await queryRunner.query('DROP TABLE party_organization');
    await queryRunner.query('DROP TABLE social_organization_change');
    await queryRunner.query(`
      ALTER TABLE social_organization
        DROP KEY idx_social_organization_stats, DROP KEY idx_social_organization_type,
        DROP KEY idx_social_organization_charter, DROP KEY idx_social_organization_eligible,
        DROP KEY idx_social_organization_coverage, DROP KEY idx_social_organization_registered,
        DROP KEY idx_social_organization_party,
        DROP COLUMN category, DROP COLUMN registration_level, DROP COLUMN status_changed_at,
        DROP COLUMN charter_clause, DROP COLUMN charter_changed_at, DROP COLUMN full_member_count,
        DROP COLUMN full_member_count_version, DROP COLUMN full_member_count_reported_at,
        DROP COLUMN eligible, DROP COLUMN party_organization_id, DROP COLUMN coverage_mode,
        DROP COLUMN covered_since, DROP COLUMN first_covered_at, DROP COLUMN version`);
  }
}
