import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { testEnvironment } from './testing.js';

const env = testEnvironment('platform_migrations');
afterAll(() => env.cleanUp());

// plain CREATE TABLE, as real migrations are: a second replica running it too fails with "already exists"
class CreateRegion1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE region (code CHAR(6) PRIMARY KEY)');
    // widens the window in which an unserialised second replica would start the same migration
    await queryRunner.query('SELECT SLEEP(0.3)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE region');
  }
}

class CreateOrganization1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE organization (id INT PRIMARY KEY, region CHAR(6) NOT NULL)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE organization');
  }
}

describe('migrations', () => {
  it('run once when two replicas start together on a fresh database', async () => {
    const open = () =>
      openDatabase({
        mysqlUrl: env.common.mysqlUrl,
        database: env.database,
        entities: [],
        migrations: [CreateRegion1700000000000, CreateOrganization1700000000001],
        poolSize: 2,
      });
    const replicas = await Promise.allSettled([open(), open()]);
    const opened = replicas.flatMap((replica) => (replica.status === 'fulfilled' ? [replica.value] : []));
    try {
      expect(replicas.filter((replica) => replica.status === 'rejected')).toEqual([]);
      const applied: Array<{ name: string }> = await opened[0]!.query(
        'SELECT name FROM schema_migrations ORDER BY id',
      );
      expect(applied.map((row) => row.name)).toEqual([
        'CreateRegion1700000000000',
        'CreateOrganization1700000000001',
      ]);
    } finally {
      await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    }
  });
});
