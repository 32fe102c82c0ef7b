import { describe, expect, it } from 'vitest';
import { parseSupergraph } from './supergraph.js';
import { composeSupergraph } from './testing/subgraphs.js';

describe('parseSupergraph', () => {
  it('lists the subgraphs and replaces the URLs it is given', () => {
    const supergraph = parseSupergraph(composeSupergraph(), { PARTY_WORK: 'http://party-work:4002/graphql' });
    expect(supergraph.subgraphs).toEqual([
      { graph: 'ORGANIZATION', name: 'organization', url: 'http://localhost:4001/graphql' },
      { graph: 'PARTY_WORK', name: 'party-work', url: 'http://party-work:4002/graphql' },
    ]);
    expect(supergraph.sdl).toContain('url: "http://party-work:4002/graphql"');
    expect(supergraph.sdl).not.toContain('localhost:4002');
  });

  it('rejects a document that is not a supergraph, saying why', () => {
    expect(() => parseSupergraph('type Query {')).toThrow(/Syntax Error/);
    expect(() => parseSupergraph('type Query { a: Int }')).toThrow('no join__Graph enum values');
    expect(() => parseSupergraph('type Query { a: Nope }')).toThrow('Unknown type "Nope"');
  });
});
