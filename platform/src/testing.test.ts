import { describe, expect, it } from 'vitest';
import { readUntil } from './testing.js';

describe('readUntil', () => {
  it('reads until a value is wanted and returns every value seen, that one last', async () => {
    const values = [1, 2, 3, 4];
    const seen = await readUntil(
      async () => values.shift()!,
      (value) => value === 3,
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(values).toEqual([4]);
  });

  it('fails, naming what it saw, when nothing new comes in time', async () => {
    const values = [1, 2];
    const read = () => {
      const value = values.shift();
      // a stream that falls silent after two values
      return value === undefined ? new Promise<number>(() => {}) : Promise.resolve(value);
    };
    await expect(readUntil(read, (value) => value === 3, 50)).rejects.toThrow(
      'nothing new within 50 ms; saw [1,2]',
    );
  });
});
