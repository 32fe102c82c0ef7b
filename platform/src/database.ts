import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DependencyUnavailableError } from './errors.js';

/**
 * Database bootstrap. Each subgraph owns one database and never reads another's; the server and
 * the credentials come from MYSQL_URL, the database name from the service.
 */

const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/**
 * Creates the database if it does not exist (utf8mb4, so Chinese names round-trip), as the account of
 * `mysqlUrl`, which the setting `variable` gives (named in what a failure says).
 */
export async function ensureDatabase(
  mysqlUrl: string,
  database: string,
  variable = 'MYSQL_URL',
): Promise<void> {
  if (!DATABASE_NAME.test(database)) throw new Error(`invalid database name "${database}"`);
  const connection = await connectServer(mysqlUrl, variable);
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } catch (error) {
    throw new Error(describeMysqlError(mysqlUrl, error, variable), { cause: error });
  } finally {
    await connection.end();
  }
}

/**
 * Drops a database, and the grants on its tables (MySQL keeps those after the tables are gone, so test
 * runs would pile them up on the shared service accounts); tests use it to clean up what they created.
 */
export async function dropDatabase(mysqlUrl: string, database: string): Promise<void> {
  if (!DATABASE_NAME.test(database)) throw new Error(`invalid database name "${database}"`);
  const connection = await connectServer(mysqlUrl);
  try {
    const [grants] = await connection.query<RowDataPacket[]>(
      'SELECT User AS user, Host AS host, Table_name AS name FROM mysql.tables_priv WHERE Db = ?',
      [database],
    );
    for (const { user, host, name } of grants) {
      await connection.query(
        `REVOKE ALL PRIVILEGES ON ${connection.escapeId(database)}.${connection.escapeId(name)} FROM ?@?`,
        [user, host],
      );
    }
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

/**
 * CREATE USER IF NOT EXISTS, as the account of `ownerUrl` (which needs CREATE USER). Accounts are the
 * server's, not a database's: test runs on databases of their own share them, and of two creating one at
 * once, the one that loses the race may hear "exists" (ER_CANNOT_USER), the outcome it wanted.
 */
export async function createAccount(ownerUrl: string, user: string, password: string): Promise<void> {
  const connection = await connectServer(ownerUrl);
  try {
    await connection.query("CREATE USER IF NOT EXISTS ?@'%' IDENTIFIED BY ?", [user, password]);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ER_CANNOT_USER') throw error;
  } finally {
    await connection.end().catch(() => {});
  }
}

async function connectServer(mysqlUrl: string, variable = 'MYSQL_URL'): Promise<Connection> {
  try {
    return await createConnection({ uri: mysqlUrl, connectTimeout: 5000 });
  } catch (error) {
    throw new DependencyUnavailableError(describeMysqlError(mysqlUrl, error, variable), { cause: error });
  }
}

export interface DataSourceSettings {
  /** The account the service runs with (MYSQL_URL). */
  mysqlUrl: string;
  /**
   * The account that owns the database (MYSQL_OWNER_URL): when set, it creates the database, migrates it
   * and grants the `mysqlUrl` account its tables (see `openDatabase`); unset, `mysqlUrl` does all that.
   */
  ownerUrl?: string;
  database: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** What the service may do on tables that it must not update or delete (the others it reads and writes). */
  tableAccess?: Record<string, TableAccess>;
  /**
   * Which account the returned data source runs as: the service's (the default), or the owner's, for an
   * operator command that changes the schema itself (the seed defers indexes); without an owner, the one.
   */
  connectAs?: 'service' | 'owner';
  poolSize?: number;
}

/** The tables of one subgraph: its entities, its migrations in order, and the tables it may not change. */
export type SubgraphTables = Pick<DataSourceSettings, 'entities' | 'migrations' | 'tableAccess'>;

/** How a subgraph opens its database: as MYSQL_URL's account, MYSQL_OWNER_URL's owning it when set. */
export function subgraphDatabaseSettings(
  config: { mysqlUrl: string; mysqlOwnerUrl?: string; database: string },
  tables: SubgraphTables,
  connectAs: DataSourceSettings['connectAs'] = 'service',
): DataSourceSettings {
  return {
    mysqlUrl: config.mysqlUrl,
    ownerUrl: config.mysqlOwnerUrl,
    database: config.database,
    ...tables,
    connectAs,
  };
}

/**
 * What the service account may do on a table: `read-write` (SELECT, INSERT, UPDATE, DELETE, every table
 * not named otherwise), `append-only` (SELECT, INSERT: an audit log, which the triggers also guard against
 * the owner's own UPDATE and DELETE) or `read-only` (SELECT).
 */
export type TableAccess = 'read-write' | 'append-only' | 'read-only';

const TABLE_PRIVILEGES: Record<TableAccess, readonly string[]> = {
  'read-write': ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  'append-only': ['SELECT', 'INSERT'],
  'read-only': ['SELECT'],
};

/** TypeORM's record of applied migrations: the owner's, which the service only reads. */
const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Connections per data source: ten for write transactions and two that writes leave to reads
 * (transaction.ts). With ten in all and eight for writes, bench live's writes were answered later (p50
 * 2.6 s against 0.5 s, 91 against 100 a second) once the machine was saturated.
 */
export const DEFAULT_POOL_SIZE = 12;

/** A TypeORM data source on MySQL 8 / MariaDB: UTC times, utf8mb4, migrations (never `synchronize`). */
export function createDataSource(settings: DataSourceSettings, mysqlUrl = settings.mysqlUrl): DataSource {
  const url = new URL(mysqlUrl);
  return new DataSource({
    type: 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database: settings.database,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    dateStrings: ['DATE'],
    poolSize: settings.poolSize ?? DEFAULT_POOL_SIZE,
    // mysql2 captures a stack trace before every statement, for the error it may raise (6% of party-work's
    // CPU in bench live); our errors carry an error id and the failing operation, never a stack
    extra: { trace: false },
    // failed queries are logged by the servers with an error id; TypeORM's own log would print the
    // parameters, which can be personal data
    logging: false,
  });
}

/**
 * Creates the database if needed, connects, and applies pending migrations. With an owner account
 * (`ownerUrl`), the owner does the first and the last, then grants the service account (`mysqlUrl`) its
 * tables, and the data source returned runs as the service account: it cannot change the schema, read
 * another database, or update, delete or truncate an append-only table.
 */
export async function openDatabase(settings: DataSourceSettings): Promise<DataSource> {
  const { ownerUrl } = settings;
  if (ownerUrl === undefined) {
    await ensureDatabase(settings.mysqlUrl, settings.database);
    return migrated(settings, settings.mysqlUrl, 'MYSQL_URL', async () => {});
  }
  await ensureDatabase(ownerUrl, settings.database, 'MYSQL_OWNER_URL');
  const service = await serviceAccount(settings.mysqlUrl);
  let owner: DataSource;
  try {
    owner = await migrated(settings, ownerUrl, 'MYSQL_OWNER_URL', (lock) =>
      grantTables(lock, settings, service),
    );
  } finally {
    await service.connection.end().catch(() => {});
  }
  if (settings.connectAs === 'owner') return owner;
  await owner.destroy();
  return initialized(createDataSource(settings), settings.mysqlUrl, 'MYSQL_URL');
}

/** A data source of `mysqlUrl`'s account, migrated, and `then` run, both holding the migration lock. */
async function migrated(
  settings: DataSourceSettings,
  mysqlUrl: string,
  variable: string,
  then: (lock: Connection) => Promise<void>,
): Promise<DataSource> {
  const dataSource = await initialized(createDataSource(settings, mysqlUrl), mysqlUrl, variable);
  try {
    await withMigrationLock(mysqlUrl, variable, settings.database, async (lock) => {
      await dataSource.runMigrations({ transaction: 'each' });
      await then(lock);
    });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

async function initialized(dataSource: DataSource, mysqlUrl: string, variable: string): Promise<DataSource> {
  try {
    return await dataSource.initialize();
  } catch (error) {
    throw new DependencyUnavailableError(describeMysqlError(mysqlUrl, error, variable), { cause: error });
  }
}

/** The service account as MySQL names it in GRANT (the user, and the host pattern it matched at login). */
interface ServiceAccount {
  user: string;
  host: string;
  /** A connection as the account, which reads what the account holds. */
  connection: Connection;
}

/**
 * The service account as the server sees it, asked as that account (so the grants go to the very account
 * it logs in as, whatever host pattern that is). One that holds privileges beyond single tables (on every
 * database, or a whole database) is refused: table grants could not narrow those, as MySQL revokes nothing
 * partially, so the service would keep DROP, or another database.
 */
async function serviceAccount(mysqlUrl: string): Promise<ServiceAccount> {
  const connection = await connectServer(mysqlUrl, 'MYSQL_URL');
  try {
    const [[current]] = await connection.query<RowDataPacket[]>('SELECT CURRENT_USER() AS account');
    const name = String(current?.account);
    const at = name.lastIndexOf('@');
    const account = { user: name.slice(0, at), host: name.slice(at + 1) };
    const [grants] = await connection.query<RowDataPacket[]>('SHOW GRANTS');
    const broad = grants
      .map((row) => String(Object.values(row)[0]))
      .filter((grant) => {
        const on = /^GRANT (.+?) ON (\S+) TO /.exec(grant);
        if (!on) return false;
        const [, privileges, target] = on;
        return (target === '*.*' && privileges !== 'USAGE') || /^`[^`]*`\.\*$/.test(target ?? '');
      });
    if (broad.length > 0) {
      throw new Error(
        `the account of MYSQL_URL (${name}) holds privileges beyond the tables its owner grants it ` +
          `(${broad.map((grant) => grant.replace(/ TO .*/, '')).join('; ')}): give the service an account ` +
          'of its own that holds nothing else (README, "Database accounts"), or unset MYSQL_OWNER_URL to run ' +
          'with one account',
      );
    }
    return { ...account, connection };
  } catch (error) {
    await connection.end().catch(() => {});
    throw error;
  }
}

/**
 * Grants the service account exactly its privileges on every table of the database, as the owner, after
 * each migration run (so a table a migration adds is granted too), and revokes what it holds beyond them.
 * Table by table: a grant on the database would cover the audit log too, and MySQL cannot take one table
 * out of it (no partial revokes). What the account holds is read as the account, as an owner may not read
 * the grant tables. Grants come before revokes, so replicas still running meanwhile never lose what they use.
 */
async function grantTables(
  owner: Connection,
  settings: DataSourceSettings,
  service: ServiceAccount,
): Promise<void> {
  try {
    const [tables] = await owner.query<RowDataPacket[]>(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
      [settings.database],
    );
    const [held] = await service.connection.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS name, PRIVILEGE_TYPE AS privilege, IS_GRANTABLE AS grantable
       FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = ?`,
      [settings.database],
    );
    const holds = new Map<string, Set<string>>();
    for (const { name, privilege, grantable } of held) {
      const privileges = holds.get(name) ?? new Set<string>();
      privileges.add(String(privilege));
      // an account that may pass its privileges on could hand them to any other
      if (grantable === 'YES') privileges.add('GRANT OPTION');
      holds.set(name, privileges);
    }
    for (const { name } of tables) {
      const access = settings.tableAccess?.[name] ?? (name === MIGRATIONS_TABLE ? 'read-only' : 'read-write');
      const wanted = TABLE_PRIVILEGES[access];
      const table = `${owner.escapeId(settings.database)}.${owner.escapeId(name)}`;
      const current = holds.get(name) ?? new Set<string>();
      if (wanted.some((privilege) => !current.has(privilege))) {
        await owner.query(`GRANT ${wanted.join(', ')} ON ${table} TO ?@?`, [service.user, service.host]);
      }
      const extra = [...current].filter((privilege) => !wanted.includes(privilege));
      if (extra.length > 0) {
        await owner.query(`REVOKE ${extra.join(', ')} ON ${table} FROM ?@?`, [service.user, service.host]);
      }
    }
  } catch (error) {
    throw new Error(
      `the owner account of MYSQL_OWNER_URL could not grant the account of MYSQL_URL (${service.user}@${service.host}) ` +
        `its tables of ${settings.database}: ${(error as Error).message}. The owner needs ALL PRIVILEGES ON ` +
        `${settings.database}.* WITH GRANT OPTION, and the service account must exist (README, "Database accounts")`,
      { cause: error },
    );
  }
}

/**
 * How long a replica waits for another to finish migrating before it gives up (and its container is
 * restarted): long enough for an index built over a full production table.
 */
const MIGRATION_LOCK_TIMEOUT_SECONDS = 600;

/**
 * Runs `migrate` holding a server-wide named lock for this database, so replicas that start together
 * migrate one after the other: the first applies what is pending, the others then find nothing to do.
 * Without it both create the same table and one fails. A MySQL lock belongs to the session that took
 * it, so it is taken and released on a connection of its own (handed to `migrate`): the pool could hand
 * those two statements different connections. Should this process die mid-migration, the server releases
 * the lock with it.
 */
async function withMigrationLock<T>(
  mysqlUrl: string,
  variable: string,
  database: string,
  migrate: (lock: Connection) => Promise<T>,
): Promise<T> {
  // MySQL caps lock names at 64 characters; two long names cut to the same one only wait for each other
  const lockName = `migrations:${database}`.slice(0, 64);
  const connection = await connectServer(mysqlUrl, variable);
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [
      lockName,
      MIGRATION_LOCK_TIMEOUT_SECONDS,
    ]);
    if (rows[0]?.acquired !== 1) {
      throw new Error(
        `another process has been migrating database ${database} for ${MIGRATION_LOCK_TIMEOUT_SECONDS} s ` +
          `(lock "${lockName}"): see SHOW PROCESSLIST for what it runs`,
      );
    }
    try {
      return await migrate(connection);
    } finally {
      // should this fail, the connection is gone, and the server released the lock with it
      await connection.query('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => {});
    }
  } finally {
    await connection.end().catch(() => {});
  }
}

function describeMysqlError(mysqlUrl: string, error: unknown, variable = 'MYSQL_URL'): string {
  const url = new URL(mysqlUrl);
  const where = `${url.hostname}:${url.port || 3306}`;
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ENOTFOUND') {
    return `MySQL is not answering at ${where}: start MySQL 8 or MariaDB there, or set ${variable}.`;
  }
  if (code === 'ER_ACCESS_DENIED_ERROR') {
    const password = variable.replace(/_URL$/, '_PASSWORD');
    return `MySQL at ${where} refused the credentials in ${variable}: fix the user or password (${variable}, ${password}).`;
  }
  if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_TABLEACCESS_DENIED_ERROR') {
    const fix =
      variable === 'MYSQL_OWNER_URL'
        ? 'the owner needs ALL PRIVILEGES on its database WITH GRANT OPTION'
        : 'set MYSQL_OWNER_URL to the account that owns the database, which creates, migrates and grants it';
    return `MySQL at ${where} refused the account in ${variable}: ${(error as Error).message}; ${fix} (README, "Database accounts").`;
  }
  return `MySQL at ${where} failed: ${(error as Error).message}`;
}
