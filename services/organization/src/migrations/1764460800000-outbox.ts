import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: each write stores the domain events describing it in the same transaction;
 * a relay publishes unsent rows in order and marks them sent, so an event is never lost when Redis is
 * down (it waits) and never sent for a write that rolled back.
 * Index: `(sent_at, seq)` serves the relay's "oldest unsent first" and the clean-up of sent rows.
 */
export class Outbox1764460800000 implements MigrationInterface {
  name = 'Outbox1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        payload MEDIUMTEXT NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        sent_at DATETIME(3) NULL,
        KEY idx_outbox_unsent (sent_at, seq)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox');
  }
}
