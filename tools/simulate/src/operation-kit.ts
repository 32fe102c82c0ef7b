import type { GraphQLClient, GraphQLOutcome } from '@pb/platform/graphql-client';
import type { World } from './world.js';

/** What every operation is, and the draws and the busy mark they share; the operations are by area beside it. */

export interface OperationContext {
  gateway: GraphQLClient;
  world: World;
  random: () => number;
}

export interface Operation {
  /** Stable name, printed in the status line. */
  name: string;
  weight: number;
  /** Sends the operation (one or more requests); null when nothing in the pools fits it now. */
  run(context: OperationContext): Promise<GraphQLOutcome<unknown> | null>;
}

export function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

export function weighted<T>(random: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items.at(-1)![0];
}

export const int = (random: () => number, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));

/** Runs `work` with the organizations marked busy, so no other operation acts on them meanwhile. */
export async function holding<T>(world: World, ids: string[], work: () => Promise<T>): Promise<T> {
  for (const id of ids) world.busy.add(id);
  try {
    return await work();
  } finally {
    for (const id of ids) world.busy.delete(id);
  }
}
