import type { DataSource } from 'typeorm';

/**
 * Multi-row inserts for the seed: rows are buffered per table and flushed as one statement of up to
 * `batchSize` rows, several statements in flight at once on the pool.
 */
export class BatchWriter {
  private readonly buffers = new Map<string, { row: string; rows: unknown[][] }>();
  private readonly inFlight = new Set<Promise<void>>();
  readonly written = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly batchSize = 2000,
    private readonly concurrency = 6,
  ) {}

  /** Queues one row for `head` (`INSERT IGNORE INTO t (a, b)`); `row` is its placeholder group. */
  async add(head: string, row: string, values: unknown[]): Promise<void> {
    let buffer = this.buffers.get(head);
    if (!buffer) {
      buffer = { row, rows: [] };
      this.buffers.set(head, buffer);
    }
    buffer.rows.push(values);
    if (buffer.rows.length >= this.batchSize) await this.flushOne(head);
  }

  async flush(): Promise<void> {
    for (const head of this.buffers.keys()) await this.flushOne(head);
    await Promise.all(this.inFlight);
  }

  /**
   * Parallel INSERT IGNOREs of rows already there can deadlock on the unique index, and the triggers that
   * keep the statistic cells (funding_cell, branch_cell) make batches of the same regions meet on the
   * same cell rows: run it again, after a random wait that grows, so the batches that met do not meet
   * again at once (at 100 000 organizations a fixed short wait ran out of its attempts).
   */
  private async insert(sql: string, values: unknown[], attempt = 1): Promise<void> {
    try {
      await this.dataSource.query(sql, values);
    } catch (error) {
      const code = (error as { driverError?: { errno?: number } }).driverError?.errno;
      if (code !== 1213 || attempt >= 16) throw error;
      const ceiling = Math.min(2_000, 20 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
      await this.insert(sql, values, attempt + 1);
    }
  }

  private async flushOne(head: string): Promise<void> {
    const buffer = this.buffers.get(head);
    if (!buffer || buffer.rows.length === 0) return;
    const rows = buffer.rows;
    buffer.rows = [];
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const statement = this.insert(
      `${head} VALUES ${rows.map(() => buffer.row).join(', ')}`,
      rows.flat(),
    ).then(() => {
      const table = /INTO\s+(\w+)/.exec(head)?.[1] ?? head;
      this.written.set(table, (this.written.get(table) ?? 0) + rows.length);
    });
    const tracked = statement.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
