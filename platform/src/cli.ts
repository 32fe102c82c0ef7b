import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { exitWithReason, UsageError } from './process.js';

/**
 * The operator command line every subgraph has (`node dist/cli.js COMMAND [--orgs N]`): it opens the
 * service's database (creating and migrating it), runs one command, and closes it. A missing database
 * server or a bad setting is one line on stderr and exit code 1.
 */
export interface CliCommand {
  describe: string;
  /**
   * `owner`: the command runs as the database's owner (MYSQL_OWNER_URL, when set), for one that changes
   * the schema (the seed defers indexes); the others run as the service, with the service's grants.
   */
  connectAs?: 'service' | 'owner';
  /** `args`: the positional arguments after the command's name. */
  run(dataSource: DataSource, options: { orgs: number; args: string[] }): Promise<void>;
}

export async function runDatabaseCli(
  service: string,
  openDataSource: (connectAs: 'service' | 'owner') => Promise<DataSource>,
  commands: Record<string, CliCommand>,
): Promise<void> {
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { orgs: { type: 'string', default: '300' } },
    });
    const name = positionals[0] ?? '';
    const command = commands[name];
    if (!command) {
      const usage = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(10)} ${c.describe}`);
      throw new UsageError(`unknown command "${name}"; one of:\n${usage.join('\n')}`);
    }
    const orgs = Number(values.orgs);
    if (!Number.isInteger(orgs) || orgs < 0)
      throw new UsageError(`--orgs must be a whole number, got "${values.orgs}"`);
    const dataSource = await openDataSource(command.connectAs ?? 'service');
    try {
      await command.run(dataSource, { orgs, args: positionals.slice(1) });
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    exitWithReason(service, error);
  }
}

/** Inserts rows in multi-row statements of `batchSize`, reporting progress after each. */
export async function insertInBatches<T>(
  dataSource: DataSource,
  statement: { head: string; row: string; values(item: T): unknown[] },
  items: readonly T[],
  onProgress: (done: number, total: number) => void = () => {},
  batchSize = 1000,
): Promise<void> {
  for (let i = 0; i < items.length; i += batchSize) {
    const batch = items.slice(i, i + batchSize);
    await dataSource.query(
      `${statement.head} VALUES ${batch.map(() => statement.row).join(', ')}`,
      batch.flatMap((item) => statement.values(item)),
    );
    onProgress(Math.min(i + batchSize, items.length), items.length);
  }
}
