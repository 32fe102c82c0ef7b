import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './utils/system.js';

/**
 * The gateway's read cache (gateway/src/read-cache.ts): a wall's repeated read is answered without the
 * subgraphs while nothing has changed, and never with an answer older than a change once the change's
 * writer has its response, whichever way the change came (through the gateway or behind its back).
 */

const FIGURES = '{ memberStats { fullMembers } coverageStats { organizations } }';
const ADD_FULL_MEMBER = 'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }';

interface Figures {
  memberStats: { fullMembers: number };
  coverageStats: { organizations: number };
}

// generous: a stopped subgraph starts again cold, on a busy 2-core machine
describe('the read cache', { timeout: 180_000 }, () => {
  let system: System;
  let organizationId: string;

  beforeAll(async () => {
    system = await startSystem({ organizations: 8 });
    const list = await system.subgraph<{ socialOrganizations: { edges: Array<{ node: { id: string } }> } }>(
      'organization',
      'admin',
      '{ socialOrganizations(first: 1) { edges { node { id } } } }',
    );
    organizationId = list.data!.socialOrganizations.edges[0]!.node.id;
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  const read = async (token: string) => {
    const answer = await system.graphql<Figures>(FIGURES, {}, { token });
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };

  it('shows a change made behind the gateway on the next read, and one made through it', async () => {
    const wall = await system.token('wall');
    const before = await read(wall);
    expect(await read(wall)).toEqual(before);

    // straight to the subgraph, as an import or another gateway would: its writer moves the counter
    const behind = await system.subgraph('party-work', 'operator', ADD_FULL_MEMBER, {
      input: { name: '缓存之外', stage: 'FULL', socialOrganizationId: organizationId },
    });
    expect(behind.errors).toBeUndefined();
    expect((await read(wall)).memberStats.fullMembers).toBe(before.memberStats.fullMembers + 1);

    const through = await system.graphql(
      ADD_FULL_MEMBER,
      { input: { name: '经由网关', stage: 'FULL', socialOrganizationId: organizationId } },
      { role: 'operator' },
    );
    expect(through.errors).toBeUndefined();
    expect((await read(wall)).memberStats.fullMembers).toBe(before.memberStats.fullMembers + 2);
  });

  it('answers a repeated wall read without the subgraphs, and an admin read never', async () => {
    const wall = await system.token('wall');
    const admin = await system.token('admin');
    const kept = await read(wall);
    expect((await system.graphql<Figures>(FIGURES, {}, { token: admin })).errors).toBeUndefined();
    await system.stop('party-work');
    try {
      // nothing changed since: the wall's answer is the kept one, whole
      expect(await read(wall)).toEqual(kept);
      // an admin may read personal data: each read goes to the subgraph, which is down
      const adminRead = await system.graphql<Figures>(FIGURES, {}, { token: admin });
      expect(adminRead.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await system.restart('party-work');
    }
    // a start moves the subgraph's counter: the next read asks it again, and gets the same figures
    expect(await read(wall)).toEqual(kept);
  });

  it('serves and keeps each operation of a batch on its own', async () => {
    const wall = await system.token('wall');
    const MEMBERS = '{ memberStats { fullMembers } }';
    const COVERAGE = '{ coverageStats { organizations } }';
    // a party-work read not asked before: nothing of it is kept
    const NOT_KEPT = '{ notKept: memberStats { fullMembers } }';
    const batch = async (queries: string[]) => {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${wall}` },
        body: JSON.stringify(queries.map((query) => ({ query }))),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Array<{
        data?: Record<string, unknown> | null;
        errors?: Array<{ extensions?: Record<string, unknown> }>;
      }>;
    };
    const kept = await batch([MEMBERS, COVERAGE]);
    expect(kept.map((answer) => answer.errors)).toEqual([undefined, undefined]);
    await system.stop('party-work');
    try {
      const [members, coverage, notKept] = await batch([MEMBERS, COVERAGE, NOT_KEPT]);
      // each kept answer is served whole; the read not kept goes to the subgraph, which is down
      expect(members).toEqual(kept[0]);
      expect(coverage).toEqual(kept[1]);
      expect(notKept?.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await system.restart('party-work');
    }
  });
});
