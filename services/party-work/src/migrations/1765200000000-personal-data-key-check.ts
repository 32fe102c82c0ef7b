import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The check value of PERSONAL_DATA_KEY (see personal-data/key-check.ts): one row, written by the first
 * start after this migration, compared by every later start, so a server given another key than the one
 * the ID numbers and phones were encrypted with stops before it serves instead of failing every read.
 */
export class PersonalDataKeyCheck1765200000000 implements MigrationInterface {
  name = 'PersonalDataKeyCheck1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE personal_data_key_check (
        id TINYINT NOT NULL PRIMARY KEY,
        check_value BINARY(32) NOT NULL,
        stored_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        CONSTRAINT chk_personal_data_key_check_one_row CHECK (id = 1)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE personal_data_key_check');
  }
}
