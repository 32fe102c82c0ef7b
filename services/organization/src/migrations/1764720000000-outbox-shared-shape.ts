import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox takes the platform's shape (`OUTBOX_TABLE_SQL`: id, stream, event), so this subgraph is
 * relayed by the platform's `OutboxRelay` like party-work. Rows still unsent are kept and addressed to
 * the stream of the default namespace, the only one that had this subgraph's older outbox.
 */
export class OutboxSharedShape1764720000000 implements MigrationInterface {
  name = 'OutboxSharedShape1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox
        CHANGE seq id BIGINT NOT NULL AUTO_INCREMENT,
        CHANGE payload event LONGTEXT NOT NULL,
        ADD COLUMN stream VARCHAR(120) NOT NULL DEFAULT 'pb:events:organization' AFTER id,
        DROP KEY idx_outbox_unsent,
        -- the relay's scan: pending rows in order
        ADD KEY idx_outbox_pending (sent_at, id)`);
    await queryRunner.query('ALTER TABLE outbox ALTER COLUMN stream DROP DEFAULT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox
        DROP COLUMN stream,
        CHANGE id seq BIGINT NOT NULL AUTO_INCREMENT,
        CHANGE event payload MEDIUMTEXT NOT NULL,
        DROP KEY idx_outbox_pending,
        ADD KEY idx_outbox_unsent (sent_at, seq)`);
  }
}
