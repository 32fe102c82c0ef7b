import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from './utils/subscriptions.js';
import { type System, startSystem } from './utils/system.js';

/** The walking skeleton end to end: both subgraphs joined by the gateway, over HTTP and graphql-ws. */
describe('federation through the gateway', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ organizations: 40 });
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  it('joins organizations from one subgraph with member counts from the other', async () => {
    const result = await system.graphql<{
      socialOrganizations: {
        totalCount: number;
        edges: Array<{
          node: { id: string; name: string; region: { name: string }; fullMemberCount: number | null };
        }>;
      };
    }>(
      '{ socialOrganizations(first: 5) { totalCount edges { node { id name region { name } fullMemberCount } } } }',
      {},
      { role: 'analyst' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.socialOrganizations.totalCount).toBe(40);
    const nodes = result.data!.socialOrganizations.edges.map((e) => e.node);
    expect(nodes).toHaveLength(5);
    for (const node of nodes) {
      expect(node.region.name.length).toBeGreaterThan(0);
      expect(Number.isInteger(node.fullMemberCount)).toBe(true);
    }
    // the counts are the members seeded for exactly these organizations
    const members = await system.graphql<{ partyMembers: { totalCount: number } }>(
      'query ($id: ID) { partyMembers(filter: { socialOrganizationId: $id, stage: FULL }) { totalCount } }',
      { id: nodes[0]!.id },
    );
    expect(members.data?.partyMembers.totalCount).toBe(nodes[0]!.fullMemberCount);
  });

  it('refuses a request without a token, and one whose token was not signed by us', async () => {
    const anonymous = await system.graphql('{ coverageStats { organizations } }', {}, { token: null });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await system.graphql(
      '{ coverageStats { organizations } }',
      {},
      { token: 'e30.e30.forged' },
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses records to the wall role and reads outside the viewer region', async () => {
    const wall = await system.token('wall');
    const records = await system.graphql('{ socialOrganizations { totalCount } }', {}, { token: wall });
    expect(records.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stats = await system.graphql<{ coverageStats: { organizations: number } }>(
      '{ coverageStats { organizations } }',
      {},
      { token: wall },
    );
    expect(stats.data?.coverageStats.organizations).toBe(40);

    const zhejiang = await system.token('analyst', '330000');
    const outside = await system.graphql(
      '{ coverageStats(regionCode: "440000") { organizations } }',
      {},
      { token: zhejiang },
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('delivers partyMemberAdded with the organization name from the other subgraph within a second', async () => {
    const list = await system.graphql<{
      socialOrganizations: { edges: Array<{ node: { id: string; name: string } }> };
    }>('{ socialOrganizations(first: 1) { edges { node { id name } } } }');
    const organization = list.data!.socialOrganizations.edges[0]!.node;
    const subscription = subscribe<{
      partyMemberAdded: { name: string; socialOrganization: { id: string; name: string } | null };
    }>(
      system.gatewayWsUrl,
      await system.token('analyst'),
      'subscription { partyMemberAdded { name socialOrganization { id name } } }',
    );
    try {
      await subscription.ready;
      // the gateway opens the upstream subscription after the client's; give it a moment to be in place
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sentAt = Date.now();
      const added = await system.graphql<{ addPartyMember: { id: string } }>(
        'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
        { input: { name: '测试党员', socialOrganizationId: organization.id, stage: 'FULL' } },
        { role: 'operator' },
      );
      expect(added.errors).toBeUndefined();
      const event = await subscription.next(1000);
      expect(Date.now() - sentAt).toBeLessThan(1000);
      expect(event.partyMemberAdded).toEqual({
        name: '测试党员',
        socialOrganization: { id: organization.id, name: organization.name },
      });
    } finally {
      await subscription.close();
    }
  });
});
