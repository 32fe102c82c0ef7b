import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coverage alerts at national scale (100 000 organizations). Instructors without recorded contact
 * are kept per region cell (`instructors_no_contact`), like the other coverage cells: recomputed after a
 * change in the region and every cell when the day changes. The alerts whose count is neither a cell nor
 * a difference of cells are counted by a range read of an index that holds every column their rule
 * tests; each kind's page is read in insertion order (`seq`) from an index led by the kind's
 * equality columns and `seq`, whose trailing columns let the rule and the region be tested in the index,
 * so a page reads about `first + 1` matching entries, not every alert of the kind.
 */
export class AlertIndexes1764892800000 implements MigrationInterface {
  name = 'AlertIndexes1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE coverage_cell ADD COLUMN instructors_no_contact INT NOT NULL DEFAULT 0',
    );
    // empty cells make the next read rebuild them, the new column included
    await queryRunner.query('DELETE FROM coverage_cell');
    await queryRunner.query(`
      ALTER TABLE social_organization
        -- the pages of ELIGIBLE_NOT_ESTABLISHED, BLANK_SPOT, CHARTER_CLAUSE_MISSING, STANDALONE_BELOW_THRESHOLD
        ADD KEY idx_social_organization_alerts
          (status, seq, region_code, coverage_mode, eligible, charter_clause, work_covered_until),
        -- REGISTERED_NOT_IN_STEP, count and page: the uncovered registrations of the in-step period
        ADD KEY idx_social_organization_not_in_step
          (status, coverage_mode, registered_at, region_code, work_covered_until)`);
    await queryRunner.query(`
      ALTER TABLE party_organization
        -- the STRUCTURE page, in insertion order, every rule's columns in the index
        ADD KEY idx_party_organization_structure
          (dissolved_at, seq, region_code, formation_mode, covered_units, covered_full_members, has_committee, type),
        -- the STRUCTURE count of JOINT_BRANCH_OVER_5_UNITS: joint branches above the limit
        ADD KEY idx_party_organization_units (formation_mode, dissolved_at, covered_units, region_code),
        -- the STRUCTURE count of COMMITTEE_MISSING: branches without a committee above the member limit
        ADD KEY idx_party_organization_committee (has_committee, dissolved_at, covered_full_members, region_code),
        -- the STRUCTURE count of PARTY_COMMITTEE_NEEDED: branches above the member limit
        ADD KEY idx_party_organization_members (dissolved_at, covered_full_members, type, region_code)`);
    await queryRunner.query(`
      ALTER TABLE work_coverage
        -- the INSTRUCTOR_NO_CONTACT page: the instructors in insertion order
        ADD KEY idx_work_coverage_kind (kind, seq, region_code, since, until, last_contact_at, social_organization_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE work_coverage DROP KEY idx_work_coverage_kind');
    await queryRunner.query(`
      ALTER TABLE party_organization DROP KEY idx_party_organization_structure,
        DROP KEY idx_party_organization_units, DROP KEY idx_party_organization_committee,
        DROP KEY idx_party_organization_members`);
    await queryRunner.query(`
      ALTER TABLE social_organization DROP KEY idx_social_organization_alerts,
        DROP KEY idx_social_organization_not_in_step`);
    await queryRunner.query('ALTER TABLE coverage_cell DROP COLUMN instructors_no_contact');
  }
}
