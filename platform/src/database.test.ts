import { createConnection } from 'mysql2/promise';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type DataSourceSettings, openDatabase } from './database.js';
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

// the service's own tables: one it reads and writes, and an audit log it may only append to
class CreateTables1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE note (id INT PRIMARY KEY, body VARCHAR(20))');
    await queryRunner.query('CREATE TABLE audit (seq INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(20))');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit');
    await queryRunner.query('DROP TABLE note');
  }
}

class AddTable1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE later (id INT PRIMARY KEY)');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE later');
  }
}

describe('an owner account (MYSQL_OWNER_URL)', () => {
  const owned = testEnvironment('platform_owned');
  const other = testEnvironment('platform_other');
  // accounts are the server's: this test's own, dropped after it
  const id = owned.database.split('_')[1];
  const accounts = { service: `pbt_${id}_svc`, other: `pbt_${id}_oth` };
  const password = 'pbt-service-password';
  const ownerUrl = owned.common.mysqlUrl;
  const urlOf = (user: string, secret = password) => {
    const url = new URL(ownerUrl);
    url.username = user;
    url.password = encodeURIComponent(secret);
    return url.toString();
  };
  const settings = (database: string, user: string, migrations: DataSourceSettings['migrations']) => ({
    mysqlUrl: urlOf(user),
    ownerUrl,
    database,
    entities: [],
    migrations,
    tableAccess: { audit: 'append-only' as const },
    poolSize: 2,
  });
  const opened: DataSource[] = [];
  const open = async (options: DataSourceSettings) => {
    const dataSource = await openDatabase(options);
    opened.push(dataSource);
    return dataSource;
  };

  beforeAll(async () => {
    await createAccount(ownerUrl, accounts.service, password);
    // a second creation of the same account, as another test run's, is no failure
    await Promise.all([
      createAccount(ownerUrl, accounts.other, password),
      createAccount(ownerUrl, accounts.other, password),
    ]);
  });
  afterAll(async () => {
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    await owned.cleanUp();
    await other.cleanUp();
    const root = await createConnection(ownerUrl);
    for (const user of Object.values(accounts)) await root.query("DROP USER IF EXISTS ?@'%'", [user]);
    await root.end();
  });

  it('migrates as the owner and runs the service as its account, with its tables only', async () => {
    const service = await open(settings(owned.database, accounts.service, [CreateTables1700000000000]));
    await open(settings(other.database, accounts.other, [CreateTables1700000000000]));
    const [{ account }] = await service.query('SELECT CURRENT_USER() AS account');
    expect(account).toBe(`${accounts.service}@%`);

    await service.query("INSERT INTO note VALUES (1, 'a')");
    await service.query("UPDATE note SET body = 'b' WHERE id = 1");
    await service.query('DELETE FROM note WHERE id = 1');
    await service.query("INSERT INTO audit (what) VALUES ('read')");
    expect(await service.query('SELECT what FROM audit')).toEqual([{ what: 'read' }]);

    const denied = /denied/;
    await expect(service.query("UPDATE audit SET what = 'x'")).rejects.toThrow(denied);
    await expect(service.query('DELETE FROM audit')).rejects.toThrow(denied);
    await expect(service.query('TRUNCATE TABLE audit')).rejects.toThrow(denied);
    await expect(service.query('DROP TABLE note')).rejects.toThrow(denied);
    await expect(service.query('ALTER TABLE note ADD COLUMN x INT')).rejects.toThrow(denied);
    await expect(service.query('CREATE TABLE mine (id INT)')).rejects.toThrow(denied);
    await expect(service.query("DELETE FROM schema_migrations WHERE name LIKE '%'")).rejects.toThrow(denied);
    await expect(service.query(`SELECT * FROM \`${other.database}\`.note`)).rejects.toThrow(denied);
  });

  it('grants a table a later migration adds, and takes back privileges granted beyond the settings', async () => {
    const root = await createConnection(ownerUrl);
    await root.query(`GRANT UPDATE, DELETE ON \`${owned.database}\`.audit TO ?@'%' WITH GRANT OPTION`, [
      accounts.service,
    ]);
    await root.end();
    const service = await open(
      settings(owned.database, accounts.service, [CreateTables1700000000000, AddTable1700000000001]),
    );
    await service.query('INSERT INTO later VALUES (1)');
    await expect(service.query('DELETE FROM audit')).rejects.toThrow(/denied/);
    await expect(service.query(`GRANT SELECT ON audit TO ?@'%'`, [accounts.other])).rejects.toThrow(/denied/);
  });

  it('runs a command as the owner when it asks to', async () => {
    const owner = await open({
      ...settings(owned.database, accounts.service, [CreateTables1700000000000]),
      connectAs: 'owner',
    });
    await owner.query('ALTER TABLE note ADD KEY idx_note_body (body)');
  });

  it('refuses a service account that holds more than its tables, and names the setting of a wrong one', async () => {
    await expect(
      openDatabase({ ...settings(owned.database, accounts.service, []), mysqlUrl: ownerUrl, ownerUrl }),
    ).rejects.toThrow(/account of MYSQL_URL \(.+\) holds privileges beyond the tables/);
    await expect(
      openDatabase({
        ...settings(owned.database, accounts.service, []),
        mysqlUrl: urlOf(accounts.service, 'wrong'),
      }),
    ).rejects.toThrow(/refused the credentials in MYSQL_URL/);
    await expect(
      openDatabase({
        ...settings(owned.database, accounts.service, []),
        ownerUrl: urlOf(accounts.other, 'wrong'),
      }),
    ).rejects.toThrow(
      /refused the credentials in MYSQL_OWNER_URL: fix the user or password \(MYSQL_OWNER_URL, MYSQL_OWNER_PASSWORD\)/,
    );
  });
});
