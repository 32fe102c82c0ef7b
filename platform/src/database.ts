import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Database bootstrap. Each subgraph owns one database and never reads another's; the server and
 * the credentials come from MYSQL_URL, the database name from the service.
 */

const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** Creates the database if it does not exist (utf8mb4, so Chinese names round-trip). */
export async function ensureDatabase(mysqlUrl: string, database: string): Promise<void> {
  if (!DATABASE_NAME.test(database)) throw new Error(`invalid database name "${database}"`);
  const connection = await connectServer(mysqlUrl);
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

/** Drops a database; tests use it to clean up the databases they created. */
export async function dropDatabase(mysqlUrl: string, database: string): Promise<void> {
  if (!DATABASE_NAME.test(database)) throw new Error(`invalid database name "${database}"`);
  const connection = await connectServer(mysqlUrl);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

async function connectServer(mysqlUrl: string) {
  try {
    return await createConnection({ uri: mysqlUrl, connectTimeout: 5000 });
  } catch (error) {
    throw new DependencyUnavailableError(describeMysqlError(mysqlUrl, error), { cause: error });
  }
}

export interface DataSourceSettings {
  mysqlUrl: string;
  database: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  poolSize?: number;
}

/** A TypeORM data source on MySQL 8 / MariaDB: UTC times, utf8mb4, migrations (never `synchronize`). */
export function createDataSource(settings: DataSourceSettings): DataSource {
  const url = new URL(settings.mysqlUrl);
  return new DataSource({
    type: 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database: settings.database,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    dateStrings: ['DATE'],
    poolSize: settings.poolSize ?? 10,
    // failed queries are logged by the servers with an error id; TypeORM's own log would print the
    // parameters, which can be personal data
    logging: false,
  });
}

/** Creates the database if needed, connects, and applies pending migrations. */
export async function openDatabase(settings: DataSourceSettings): Promise<DataSource> {
  await ensureDatabase(settings.mysqlUrl, settings.database);
  const dataSource = createDataSource(settings);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new DependencyUnavailableError(describeMysqlError(settings.mysqlUrl, error), { cause: error });
  }
  try {
    await withMigrationLock(settings, () => dataSource.runMigrations({ transaction: 'each' }));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
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
 * it, so it is taken and released on a connection of its own: the pool could hand those two statements
 * different connections. Should this process die mid-migration, the server releases the lock with it.
 */
async function withMigrationLock<T>(settings: DataSourceSettings, migrate: () => Promise<T>): Promise<T> {
  // MySQL caps lock names at 64 characters; two long names cut to the same one only wait for each other
  const lockName = `migrations:${settings.database}`.slice(0, 64);
  const connection = await connectServer(settings.mysqlUrl);
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [
      lockName,
      MIGRATION_LOCK_TIMEOUT_SECONDS,
    ]);
    if (rows[0]?.acquired !== 1) {
      throw new Error(
        `another process has been migrating database ${settings.database} for ${MIGRATION_LOCK_TIMEOUT_SECONDS} s ` +
          `(lock "${lockName}"): see SHOW PROCESSLIST for what it runs`,
      );
    }
    try {
      return await migrate();
    } finally {
      // should this fail, the connection is gone, and the server released the lock with it
      await connection.query('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => {});
    }
  } finally {
    await connection.end().catch(() => {});
  }
}

/** A service this one needs (MySQL, Redis) is not answering; the message says what to start. */
export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';
}

function describeMysqlError(mysqlUrl: string, error: unknown): string {
  const url = new URL(mysqlUrl);
  const where = `${url.hostname}:${url.port || 3306}`;
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ENOTFOUND') {
    return `MySQL is not answering at ${where}: start MySQL 8 or MariaDB there, or set MYSQL_URL.`;
  }
  if (code === 'ER_ACCESS_DENIED_ERROR') {
    return `MySQL at ${where} refused the credentials in MYSQL_URL: fix the user or password.`;
  }
  return `MySQL at ${where} failed: ${(error as Error).message}`;
}
