import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * fundingStats of a year reads only (received_on, region_code, source, amount_fen): a covering index
 * answers it from the index alone; it replaces the narrower (received_on, region_code).
 */
export class FundingStatsIndex1764633600000 implements MigrationInterface {
  name = 'FundingStatsIndex1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE funding_record
      ADD KEY idx_funding_record_stats (received_on, region_code, source, amount_fen),
      DROP INDEX idx_funding_record_received_region`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE funding_record
      ADD KEY idx_funding_record_received_region (received_on, region_code),
      DROP INDEX idx_funding_record_stats`);
  }
}
