import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DefinitionNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  visit,
} from 'graphql';
import { repoRoot } from '../utils/system.js';

/**
 * The wall's own operations, read from `dashboard/src/graphql/*.graphql` as the wall bundles them (one
 * definition a file, fragments appended), so a bench sends what the wall sends today.
 */
export interface WallOperation {
  name: string;
  kind: 'query' | 'subscription';
  /** the operation with every fragment it spreads */
  document: string;
  /** the wall's variables for a region shown (null: national); undefined where the wall skips it */
  variables(regionCode: string | null): Record<string, unknown> | undefined;
}

export function wallOperations(): WallOperation[] {
  const dir = join(repoRoot, 'dashboard', 'src', 'graphql');
  const definitions: DefinitionNode[] = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .flatMap((file) => parse(readFileSync(join(dir, file), 'utf8')).definitions);
  const fragments = new Map(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const spreads = (node: OperationDefinitionNode | FragmentDefinitionNode, into: Set<string>) => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (into.has(name)) return;
        into.add(name);
        spreads(fragments.get(name)!, into);
      },
    });
    return into;
  };
  return definitions
    .filter(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && (d.operation === 'query' || d.operation === 'subscription'),
    )
    .map((operation) => ({
      name: operation.name?.value ?? '(anonymous)',
      kind: operation.operation as 'query' | 'subscription',
      document: [operation, ...[...spreads(operation, new Set())].map((name) => fragments.get(name)!)]
        .map((node) => print(node))
        .join('\n'),
      variables(regionCode) {
        // every variable of the wall's operations names the region shown (`regionCode`, or `code` for
        // its title); one that must not be null is skipped on a national wall, as the wall skips it
        const values: Record<string, unknown> = {};
        for (const variable of operation.variableDefinitions ?? []) {
          if (regionCode === null && variable.type.kind === Kind.NON_NULL_TYPE) return undefined;
          values[variable.variable.name.value] = regionCode;
        }
        return values;
      },
    }));
}
