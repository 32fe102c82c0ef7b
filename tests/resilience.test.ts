import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from './utils/subscriptions.js';
import { type System, startSystem } from './utils/system.js';

/** Two replicas of each subgraph behind a balancer, and a Redis of the system's own. */
describe('replicas and restarts', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ organizations: 20, replicas: 2, ownRedis: true });
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  const countQuery = '{ socialOrganizations(first: 1) { totalCount } }';

  it('answers through the gateway while a replica of each subgraph has crashed', async () => {
    await system.kill('organization-1');
    await system.kill('party-work-2');
    for (let i = 0; i < 6; i++) {
      const result = await system.graphql<{ socialOrganizations: { totalCount: number } }>(countQuery);
      expect(result.errors).toBeUndefined();
      expect(result.data?.socialOrganizations.totalCount).toBe(20);
    }
    await system.restart('organization-1');
    await system.restart('party-work-2');
  });

  it('delivers an event raised on one replica to a subscriber served by another, also after Redis restarts', async () => {
    const organizations = await system.graphql<{
      socialOrganizations: { edges: Array<{ node: { id: string } }> };
    }>('{ socialOrganizations(first: 1) { edges { node { id } } } }');
    const organizationId = organizations.data!.socialOrganizations.edges[0]!.node.id;
    const add = (name: string, replica: string) =>
      system.subgraph(
        replica,
        'operator',
        'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
        { input: { name, socialOrganizationId: organizationId, stage: 'FULL' } },
      );

    const subscription = subscribe<{ partyMemberAdded: { name: string } }>(
      system.gatewayWsUrl,
      await system.token('analyst'),
      'subscription { partyMemberAdded { name } }',
    );
    try {
      await subscription.ready;
      await new Promise((resolve) => setTimeout(resolve, 300));
      // one mutation on each replica: whichever replica serves the subscription hears both
      expect((await add('甲一', 'party-work-1')).errors).toBeUndefined();
      expect((await add('乙二', 'party-work-2')).errors).toBeUndefined();
      const names = [
        (await subscription.next(10_000)).partyMemberAdded.name,
        (await subscription.next(10_000)).partyMemberAdded.name,
      ];
      expect(names.sort()).toEqual(['乙二', '甲一'].sort());

      await system.stopRedis();
      await system.startRedis();
      const restarted = Date.now();
      // the replicas reconnect to Redis by themselves: write, on one replica then the other, until an
      // event flows again. Read from `events` rather than `next(timeout)`: a waiter that timed out would
      // take the late event with it, and the test would not see delivery resume however soon it did
      let delivered: string | undefined;
      for (let attempt = 0; !delivered && Date.now() - restarted < 20_000; attempt++) {
        await add(`丙${attempt}`, `party-work-${(attempt % 2) + 1}`);
        const deadline = Date.now() + 500;
        while (!delivered && Date.now() < deadline) {
          delivered = subscription.events
            .map((event) => event.partyMemberAdded.name)
            .find((name) => name.startsWith('丙'));
          if (!delivered) await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      const resumedMs = Date.now() - restarted;
      console.log(`live delivery resumed ${resumedMs} ms after Redis restarted`);
      expect(delivered).toMatch(/^丙/);
      expect(resumedMs).toBeLessThan(5_000);
    } finally {
      await subscription.close();
    }
  }, 60_000);
});
