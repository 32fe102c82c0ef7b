import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each Party organization keeps its size: the organizations it covers now (`covered_units`) and their
 * full members as party-work reported them (`covered_full_members`), recomputed whenever a cover or a
 * count changes. The STRUCTURE alerts then read one row per Party organization, through
 * `idx_party_organization_active` (dissolved_at, region_code, seq), with no grouping.
 */
export class PartyOrganizationSize1764547200000 implements MigrationInterface {
  name = 'PartyOrganizationSize1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE party_organization
        ADD COLUMN covered_units INT NOT NULL DEFAULT 0,
        ADD COLUMN covered_full_members INT NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      UPDATE party_organization p
         SET covered_units = (SELECT COUNT(*) FROM social_organization o WHERE o.party_organization_id = p.id),
             covered_full_members = (SELECT COALESCE(SUM(o.full_member_count), 0) FROM social_organization o
                                      WHERE o.party_organization_id = p.id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE party_organization DROP COLUMN covered_units, DROP COLUMN covered_full_members',
    );
  }
}
