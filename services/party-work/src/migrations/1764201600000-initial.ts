import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `organization_replica`: this subgraph's copy of each social organization's region and status, fed by
 * the organization subgraph's events (never read from its database), for scoping and roll-ups.
 * `party_member`: index (region_code, stage) serves the regional counts by stage; (social_organization_id,
 * stage) serves each organization's member counts; (region_code, seq) the scoped list.
 */
export class Initial1764201600000 implements MigrationInterface {
  name = 'Initial1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organization_replica (
        id CHAR(36) NOT NULL PRIMARY KEY,
        name VARCHAR(200) NOT NULL,
        region_code CHAR(6) NOT NULL,
        status VARCHAR(16) NOT NULL,
        version INT NOT NULL,
        KEY idx_organization_replica_region (region_code)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE party_member (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        name VARCHAR(64) NOT NULL,
        stage VARCHAR(16) NOT NULL,
        stage_since DATE NOT NULL,
        social_organization_id CHAR(36) NOT NULL,
        region_code CHAR(6) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        UNIQUE KEY uq_party_member_id (id),
        KEY idx_party_member_region_stage (region_code, stage),
        KEY idx_party_member_region_seq (region_code, seq),
        KEY idx_party_member_organization_stage (social_organization_id, stage)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE party_member');
    await queryRunner.query('DROP TABLE organization_replica');
  }
}
