import { type DatabaseService, DEVELOPMENT_DATABASE_ACCOUNTS } from '@pb/platform/development-accounts';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './utils/system.js';

/**
 * Each subgraph runs as its own MySQL account, which holds only what its owner granted it on its own
 * database: the audit log of personal-data reads takes new rows and nothing else (no UPDATE, DELETE or
 * TRUNCATE, whatever a bug or an injected statement tries), and the other subgraph's database is closed.
 */
describe('least privilege in the database', () => {
  let system: System;
  const opened: mysql.Connection[] = [];
  const root = () => connect(new URL(system.mysqlUrl));

  /** A connection as a subgraph's own account (the development one the system runs with). */
  function as(service: DatabaseService, database: string) {
    const url = new URL(system.mysqlUrl);
    url.username = DEVELOPMENT_DATABASE_ACCOUNTS[service].user;
    url.password = encodeURIComponent(DEVELOPMENT_DATABASE_ACCOUNTS[service].password);
    url.pathname = `/${database}`;
    return connect(url);
  }

  async function connect(url: URL) {
    const connection = await mysql.createConnection(url.toString());
    opened.push(connection);
    return connection;
  }

  beforeAll(async () => {
    system = await startSystem({ organizations: 5 });
  });
  afterAll(async () => {
    await Promise.all(opened.map((connection) => connection.end()));
    await system?.stopAll();
  });

  it('runs each subgraph as its own account, not root', async () => {
    const [rows] = await (await root()).query<mysql.RowDataPacket[]>(
      'SELECT DISTINCT DB AS db, USER AS user FROM information_schema.PROCESSLIST WHERE DB IN (?, ?) ORDER BY DB',
      [system.organizationDatabase, system.partyWorkDatabase],
    );
    expect(rows).toEqual([
      { db: system.organizationDatabase, user: DEVELOPMENT_DATABASE_ACCOUNTS.organization.user },
      { db: system.partyWorkDatabase, user: DEVELOPMENT_DATABASE_ACCOUNTS['party-work'].user },
    ]);
  });

  it("records a personal-data read through the gateway, as party-work's account", async () => {
    const partyWork = await as('party-work', system.partyWorkDatabase);
    const count = async () =>
      Number(
        (await partyWork.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM personal_data_read'))[0][0]
          ?.n,
      );
    const before = await count();
    const result = await system.graphql('{ partyMembers(first: 3) { edges { node { id idNumber } } } }');
    expect(result.errors).toBeUndefined();
    expect(await count()).toBeGreaterThan(before);
  });

  it("lets party-work's account append to the audit log and read it, and nothing more", async () => {
    const partyWork = await as('party-work', system.partyWorkDatabase);
    await partyWork.query(
      `INSERT INTO personal_data_read (viewer_subject, viewer_role, field, request_id, read_at)
       VALUES ('least-privilege-test', 'admin', 'audit-log', 'least-privilege', UTC_TIMESTAMP(3))`,
    );
    const [rows] = await partyWork.query<mysql.RowDataPacket[]>(
      "SELECT request_id FROM personal_data_read WHERE viewer_subject = 'least-privilege-test'",
    );
    expect(rows).toEqual([{ request_id: 'least-privilege' }]);

    const denied = /command denied to user 'pb_party_work'/;
    await expect(partyWork.query('TRUNCATE TABLE personal_data_read')).rejects.toThrow(denied);
    await expect(partyWork.query("UPDATE personal_data_read SET viewer_subject = 'x'")).rejects.toThrow(
      denied,
    );
    await expect(partyWork.query('DELETE FROM personal_data_read')).rejects.toThrow(denied);
    await expect(partyWork.query('DROP TABLE personal_data_read')).rejects.toThrow(denied);
    await expect(partyWork.query('DROP TRIGGER personal_data_read_no_delete')).rejects.toThrow(/denied/);
    await expect(partyWork.query('UPDATE personal_data_key_check SET id = 1')).rejects.toThrow(denied);
    // what it may do, it still does elsewhere: its other tables are read and written
    await partyWork.query('UPDATE party_member SET name = name LIMIT 1');
  });

  it("keeps each subgraph's account out of the other's database", async () => {
    const partyWork = await as('party-work', system.partyWorkDatabase);
    await expect(
      partyWork.query(`SELECT * FROM \`${system.organizationDatabase}\`.social_organization LIMIT 1`),
    ).rejects.toThrow(/denied to user 'pb_party_work'/);
    const organization = await as('organization', system.organizationDatabase);
    await expect(
      organization.query(`SELECT * FROM \`${system.partyWorkDatabase}\`.personal_data_read LIMIT 1`),
    ).rejects.toThrow(/denied to user 'pb_organization'/);
    await expect(as('organization', system.partyWorkDatabase)).rejects.toThrow(/Access denied/);
  });
});
