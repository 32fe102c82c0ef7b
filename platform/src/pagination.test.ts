import { describe, expect, it, vi } from 'vitest';
import { toConnection } from './pagination.js';

const rows = [{ seq: 1 }, { seq: 2 }, { seq: 3 }];

describe('toConnection', () => {
  it('counts only when totalCount is read, and once', async () => {
    const count = vi.fn(async () => 42);
    const connection = toConnection(rows, { limit: 2, afterSeq: 0 }, count, (row) => row.seq);
    expect(connection.edges.map((edge) => edge.node)).toEqual([1, 2]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(count).not.toHaveBeenCalled();
    expect(await connection.totalCount).toBe(42);
    expect(await connection.totalCount).toBe(42);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('takes a total already known as it is', () => {
    expect(toConnection(rows, { limit: 5, afterSeq: 0 }, 3, (row) => row.seq).totalCount).toBe(3);
  });
});
