import type { DataSource } from 'typeorm';

/**
 * Loading millions of rows into empty tables is fastest without their secondary indexes: each insert would
 * otherwise touch random pages of every index, and InnoDB builds an index from sorted rows far faster.
 * For each empty table of `tables`, this drops its secondary indexes (as the schema defines them at that
 * moment), runs `load`, and adds the same indexes back, also when `load` fails. Tables that hold rows keep
 * their indexes, so a second seed still relies on the unique keys.
 */
export async function withIndexesDeferred<T>(
  dataSource: DataSource,
  tables: string[],
  load: () => Promise<T>,
  log: (line: string) => void = () => {},
): Promise<T> {
  const empty: string[] = [];
  for (const table of tables) {
    const rows = await dataSource.query(`SELECT 1 FROM \`${table}\` LIMIT 1`);
    if (rows.length === 0) empty.push(table);
  }
  const definitions = new Map<string, string[]>();
  if (empty.length > 0) {
    const columns = (await dataSource.query(
      `SELECT TABLE_NAME AS t, INDEX_NAME AS i, NON_UNIQUE AS nonUnique, COLUMN_NAME AS c, SUB_PART AS sub
       FROM information_schema.STATISTICS
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?) AND INDEX_NAME <> 'PRIMARY'
       ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
      [empty],
    )) as Array<{ t: string; i: string; nonUnique: number | string; c: string; sub: number | null }>;
    const indexes = new Map<string, { table: string; unique: boolean; parts: string[] }>();
    for (const col of columns) {
      const key = `${col.t}.${col.i}`;
      const index = indexes.get(key) ?? { table: col.t, unique: Number(col.nonUnique) === 0, parts: [] };
      index.parts.push(`\`${col.c}\`${col.sub ? `(${col.sub})` : ''}`);
      indexes.set(key, index);
    }
    for (const [key, index] of indexes) {
      const name = key.slice(index.table.length + 1);
      const list = definitions.get(index.table) ?? [];
      list.push(`ADD ${index.unique ? 'UNIQUE ' : ''}KEY \`${name}\` (${index.parts.join(', ')})`);
      definitions.set(index.table, list);
      await dataSource.query(`ALTER TABLE \`${index.table}\` DROP INDEX \`${name}\``);
    }
  }
  try {
    return await load();
  } finally {
    for (const [table, adds] of definitions) {
      const started = Date.now();
      await dataSource.query(`ALTER TABLE \`${table}\` ${adds.join(', ')}`);
      log(`indexes of ${table} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }
}
