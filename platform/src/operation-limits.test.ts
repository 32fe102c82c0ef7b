import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CostVerdicts, costVariables } from './operation-limits.js';

describe('the variables an operation cost depends on', () => {
  it('are those of first, representations and @skip/@include, not a mutation input', () => {
    expect(costVariables(parse('mutation ($input: AddInput!) { add(input: $input) { id name } }'))).toEqual(
      [],
    );
    expect(
      costVariables(
        parse(`query ($n: Int, $after: String, $on: Boolean!, $off: Boolean!, $region: String) {
          list(first: $n, after: $after, regionCode: $region) @include(if: $on) {
            edges { node { id children(first: 5) @skip(if: $off) { id } } }
          }
        }`),
      ),
    ).toEqual(['n', 'off', 'on']);
    expect(
      costVariables(parse('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }')),
    ).toEqual(['r']);
  });
});

describe('cost verdicts', () => {
  const schema = buildSchema(`
    type Query { items(first: Int, note: String): [Item!]! }
    type Item { id: ID! children(first: Int): [Item!]! }
  `);
  const document = parse(
    'query ($n: Int, $note: String) { items(first: $n, note: $note) { children(first: 5) { id } } }',
  );

  it('refuses by the values of the variables the cost reads, and remembers each verdict', () => {
    const verdicts = new CostVerdicts({ maxCost: 50 });
    const over = verdicts.refusal({ schema, document, variableValues: { n: 100, note: 'a' } });
    expect(over?.extensions.code).toBe('COST_LIMIT_EXCEEDED');
    // another note, the same page size: the verdict remembered, not a new walk of the document
    expect(verdicts.refusal({ schema, document, variableValues: { n: 100, note: 'b' } })).toBe(over);
    expect(verdicts.refusal({ schema, document, variableValues: { n: 10, note: 'a' } })).toBeUndefined();
  });

  it('leaves a request it cannot cost to the engine, and does not hold it against the next', () => {
    const verdicts = new CostVerdicts({ maxCost: 50 });
    // a note of the wrong type: the engine's error to give, and the note is not in the verdict's key
    expect(verdicts.refusal({ schema, document, variableValues: { n: 10, note: 5 } })).toBeUndefined();
    const over = verdicts.refusal({ schema, document, variableValues: { n: 100, note: 7 } });
    expect(over).toBeUndefined();
    // the same page sizes with a good note: judged on their own
    expect(verdicts.refusal({ schema, document, variableValues: { n: 10, note: 'a' } })).toBeUndefined();
    expect(
      verdicts.refusal({ schema, document, variableValues: { n: 100, note: 'a' } })?.extensions.code,
    ).toBe('COST_LIMIT_EXCEEDED');
  });
});
