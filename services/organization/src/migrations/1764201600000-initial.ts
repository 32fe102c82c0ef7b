import { loadRegions } from '@pb/platform/regions';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regions (loaded from the national list) and social organizations.
 * Indexes: `social_organization(region_code, seq)` serves the region-subtree list in registration order
 * and the per-region counts (a prefix range on region_code); `uscc` is unique (duplicate detection).
 */
export class Initial1764201600000 implements MigrationInterface {
  name = 'Initial1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE region (
        code CHAR(6) NOT NULL PRIMARY KEY,
        name VARCHAR(64) NOT NULL,
        level VARCHAR(16) NOT NULL,
        parent_code CHAR(6) NULL,
        KEY idx_region_parent (parent_code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    const regions = loadRegions();
    for (let i = 0; i < regions.length; i += 1000) {
      const batch = regions.slice(i, i + 1000);
      await queryRunner.query(
        `INSERT INTO region (code, name, level, parent_code) VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`,
        batch.flatMap((r) => [r.code, r.name, r.level, r.parentCode]),
      );
    }
    await queryRunner.query(`
      CREATE TABLE social_organization (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        uscc CHAR(18) NOT NULL,
        name VARCHAR(200) NOT NULL,
        type VARCHAR(32) NOT NULL,
        region_code CHAR(6) NOT NULL,
        registered_at DATE NOT NULL,
        registration_authority VARCHAR(100) NOT NULL,
        supervising_unit VARCHAR(100) NULL,
        staff_count INT NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        UNIQUE KEY uq_social_organization_id (id),
        UNIQUE KEY uq_social_organization_uscc (uscc),
        KEY idx_social_organization_region (region_code, seq),
        CONSTRAINT fk_social_organization_region FOREIGN KEY (region_code) REFERENCES region (code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE social_organization');
    await queryRunner.query('DROP TABLE region');
  }
}
