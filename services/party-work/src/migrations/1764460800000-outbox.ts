import { OUTBOX_TABLE_SQL } from '@pb/platform/outbox';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `outbox`: FullMemberCountChanged events commit with the change they describe; the relay publishes them. */
export class Outbox1764460800000 implements MigrationInterface {
  name = 'Outbox1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_TABLE_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox');
  }
}
