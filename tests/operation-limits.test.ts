import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_OPERATION_LIMITS,
  measureOperation,
  type OperationMeasures,
} from '@pb/platform/operation-limits';
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ourOperations } from './limits/our-operations.js';
import { repoRoot } from './utils/system.js';

/**
 * The limits are chosen from our own operations: the largest of each measure, with a margin. This test
 * measures every operation the platform sends (wall, saved queries, simulator, resync, import), prints
 * the table the gateway README's reasoning rests on, and fails when one of ours comes within the margin.
 */
const MARGIN = 1.5;

describe('operation limits', () => {
  it('leave a margin over every operation of ours', async () => {
    const schema = buildASTSchema(parse(await readFile(join(repoRoot, 'schema/supergraph.graphql'), 'utf8')));
    const operations = await ourOperations();
    expect(operations.length).toBeGreaterThan(30);
    const rows = operations.map((operation) => ({
      operation: `${operation.source}: ${operation.name}`,
      // the saved queries' and the wall's variables: a province
      ...measureOperation(schema, operation.text, { province: '330000', regionCode: '330000' }),
    }));
    const keys = ['bytes', 'tokens', 'depth', 'aliases', 'directives', 'cost'] as const;
    const largest = (key: keyof OperationMeasures) => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
    console.table(
      keys.map((key) => ({ measure: key, largest: largest(key)[key], operation: largest(key).operation })),
    );
    const limits = DEFAULT_OPERATION_LIMITS;
    expect(largest('bytes').bytes * MARGIN).toBeLessThanOrEqual(limits.maxDocumentBytes);
    expect(largest('tokens').tokens * MARGIN).toBeLessThanOrEqual(limits.maxTokens);
    expect(largest('depth').depth * MARGIN).toBeLessThanOrEqual(limits.maxDepth);
    expect(largest('aliases').aliases * MARGIN).toBeLessThanOrEqual(limits.maxAliases);
    expect(largest('directives').directives * MARGIN).toBeLessThanOrEqual(limits.maxDirectives);
    expect(largest('cost').cost * MARGIN).toBeLessThanOrEqual(limits.maxCost);
  });
});
