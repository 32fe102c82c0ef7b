import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each organization keeps the last day any of its work-coverage measures (`work_covered_until`) and any
 * of its cross appointments (`cross_appointed_until`) is active, '9999-12-31' for open-ended ones, NULL
 * when it has none. Measures and appointments never start in the future, so one is active today exactly
 * when that day is today or later: the coverage statistics become one covering range scan of
 * `idx_social_organization_stats`, with no join.
 */
export class CoverageSummary1764374400000 implements MigrationInterface {
  name = 'CoverageSummary1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE social_organization
        ADD COLUMN work_covered_until DATE NULL,
        ADD COLUMN cross_appointed_until DATE NULL,
        DROP KEY idx_social_organization_stats,
        -- coverageStats / coverageByRegion: a covering range scan on the region prefix of active rows
        ADD KEY idx_social_organization_stats (status, region_code, coverage_mode, eligible, charter_clause,
          registered_at, first_covered_at, work_covered_until, cross_appointed_until)`);
    await queryRunner.query(`
      UPDATE social_organization o
         SET work_covered_until = (SELECT MAX(COALESCE(w.until, '9999-12-31')) FROM work_coverage w
                                    WHERE w.social_organization_id = o.id),
             cross_appointed_until = (SELECT MAX(COALESCE(c.until, '9999-12-31')) FROM cross_appointment c
                                       WHERE c.social_organization_id = o.id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE social_organization
        DROP KEY idx_social_organization_stats,
        DROP COLUMN work_covered_until,
        DROP COLUMN cross_appointed_until,
        ADD KEY idx_social_organization_stats
          (status, region_code, coverage_mode, eligible, charter_clause, registered_at, first_covered_at)`);
  }
}
