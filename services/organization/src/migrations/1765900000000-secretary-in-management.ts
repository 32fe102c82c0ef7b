import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 书记兼任管理层: the secretary of an organization's own Party organization who also holds a management
 * post. The cross appointment is the one record of it (issue 17: one record, not a second one in
 * party-work), so each organization keeps, beside `cross_appointed_until`, the last day a cross
 * appointment with the Party post 书记 is active (`secretary_cross_appointed_until`, same conventions),
 * in the covering index of the coverage cells, and each cell counts the standalone-covered organizations
 * with one (`secretary_cross_appointed`).
 */
export class SecretaryInManagement1765900000000 implements MigrationInterface {
  name = 'SecretaryInManagement1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE social_organization
        ADD COLUMN secretary_cross_appointed_until DATE NULL,
        DROP KEY idx_social_organization_stats,
        ADD KEY idx_social_organization_stats (status, region_code, coverage_mode, eligible, charter_clause,
          registered_at, first_covered_at, work_covered_until, cross_appointed_until,
          secretary_cross_appointed_until)`);
    await queryRunner.query(`
      UPDATE social_organization o
         SET secretary_cross_appointed_until =
             (SELECT MAX(COALESCE(c.until, '9999-12-31')) FROM cross_appointment c
               WHERE c.social_organization_id = o.id AND c.party_post = '书记')`);
    await queryRunner.query(
      'ALTER TABLE coverage_cell ADD COLUMN secretary_cross_appointed INT NOT NULL DEFAULT 0',
    );
    // empty cells make the next read rebuild them, the new column included
    await queryRunner.query('DELETE FROM coverage_cell');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE coverage_cell DROP COLUMN secretary_cross_appointed');
    await queryRunner.query(`
      ALTER TABLE social_organization
        DROP KEY idx_social_organization_stats,
        DROP COLUMN secretary_cross_appointed_until,
        ADD KEY idx_social_organization_stats (status, region_code, coverage_mode, eligible, charter_clause,
          registered_at, first_covered_at, work_covered_until, cross_appointed_until)`);
  }
}
