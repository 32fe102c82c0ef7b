import { type DocumentNode, Kind, type OperationDefinitionNode, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as panels from '../panels';

describe('the panels’ operations', () => {
  const documents = Object.entries(panels).filter(
    ([, value]) =>
      typeof value === 'object' && value !== null && 'kind' in value && value.kind === Kind.DOCUMENT,
  );

  it.each(documents)('%s defines every fragment it spreads and is one named operation', (_name, document) => {
    const spread = new Set<string>();
    const defined = new Set<string>();
    visit(document as DocumentNode, {
      FragmentSpread: (node) => {
        spread.add(node.name.value);
      },
      FragmentDefinition: (node) => {
        defined.add(node.name.value);
      },
    });
    expect([...spread].filter((name) => !defined.has(name))).toEqual([]);
    const operations = (document as DocumentNode).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    expect(operations).toHaveLength(1);
    expect(operations[0]?.name?.value).toBeTruthy();
  });
});
