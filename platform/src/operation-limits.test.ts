import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costVariables } from './operation-limits.js';

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
