import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Subgraph, type System, startSystem } from './utils/system.js';

/**
 * Failures that stay small: with one subgraph stopped, the gateway still answers what the other one
 * holds, puts null where the stopped one would have answered, and says so in a masked error that
 * names nothing internal. Once the subgraph is back, the same query answers in full again.
 *
 * A subgraph that hangs rather than refuses is covered in gateway/src/errors.test.ts: the gateway
 * waits 30 s for a subgraph, too long to wait for here.
 */

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

interface Organizations {
  socialOrganizations: {
    totalCount: number;
    edges: Array<{
      node: { id: string; name: string; region: { name: string }; fullMemberCount: number | null };
    }>;
  };
}

interface Members {
  partyMembers: {
    totalCount: number;
    edges: Array<{
      node: { id: string; name: string; stage: string; socialOrganization: { name: string } | null };
    }>;
  };
}

interface RecentActivities {
  recentActivities: Array<{ id: string; branchName: string; region: { name: string } | null }>;
}

/** Organization's fields with one of party-work's. */
const ORGANIZATIONS = `{ socialOrganizations(first: 5) {
  totalCount edges { node { id name region { name } fullMemberCount } } } }`;
/** Party-work's root with one of organization's fields. */
const MEMBERS = `{ partyMembers(first: 5) {
  totalCount edges { node { id name stage socialOrganization { name } } } } }`;
/** The wall's activity feed: party-work's, naming its region from organization. */
const RECENT_ACTIVITIES = '{ recentActivities(first: 5) { id branchName region { name } } }';

/**
 * Whose reads these are: an admin's, which always reach the subgraphs. Another viewer's read that the
 * gateway answered before, unchanged since, may be answered from its read cache while a subgraph is down
 * (tests/read-cache.test.ts); what a stopped subgraph costs shows on a read that must ask it.
 */
const READER = 'admin' as const;

/** What tells where or how the gateway calls a subgraph; never in an answer. */
const INTERNALS = ['_entities', 'representations', '127.0.0.1', 'localhost', 'http://'];

// generous: a stopped subgraph starts again cold, on a busy 2-core machine
describe('one subgraph down', { timeout: 120_000 }, () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ organizations: 12 });
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  /** Stops `subgraph`, runs `check`, then starts it again whatever `check` did. */
  async function whileStopped(subgraph: Subgraph, check: () => Promise<void>): Promise<void> {
    await system.stop(subgraph);
    try {
      await check();
    } finally {
      await system.restart(subgraph);
    }
  }

  /**
   * The one failure of a partial answer: SERVICE_UNAVAILABLE with one error id and a message to try
   * again, and nothing in the whole answer that tells where or how the gateway called the subgraph.
   * The runtime copies the failure of one call to each entity the call was for; the masker gives the
   * copies one error id, and the plugin useOneErrorPerFailedCall keeps one of them.
   */
  function expectOneMaskedFailure(answer: GraphQLAnswer<unknown>, stopped: Subgraph): void {
    expect(answer.errors).toHaveLength(1);
    for (const error of answer.errors!) {
      expect(error.message).toMatch(/unavailable; try again/);
      expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', errorId: expect.any(String) });
    }
    const json = JSON.stringify(answer);
    for (const internal of [...INTERNALS, `:${system.processes.get(stopped)!.port}`]) {
      expect(json).not.toContain(internal);
    }
    expect(json).not.toMatch(/stack|ECONN|\bat \S+ \(/i);
  }

  it("answers organization's fields with party-work stopped, null for party-work's field", async () => {
    const full = await system.graphql<Organizations>(ORGANIZATIONS, {}, { role: READER });
    expect(full.errors).toBeUndefined();
    const counts = full.data!.socialOrganizations.edges.map(({ node }) => node.fullMemberCount);
    expect(counts.every(Number.isInteger)).toBe(true);

    await whileStopped('party-work', async () => {
      const partial = await system.graphql<Organizations>(ORGANIZATIONS, {}, { role: READER });
      expectOneMaskedFailure(partial, 'party-work');
      // everything organization holds, as before; the member counts null
      expect(partial.data).toEqual({
        socialOrganizations: {
          ...full.data!.socialOrganizations,
          edges: full.data!.socialOrganizations.edges.map(({ node }) => ({
            node: { ...node, fullMemberCount: null },
          })),
        },
      });
    });

    const again = await answerWhen(
      () => system.graphql<Organizations>(ORGANIZATIONS, {}, { role: READER }),
      (answer) => answer.errors === undefined,
    );
    expect(again.data).toEqual(full.data);
  });

  it("answers party-work's root with organization stopped, null for organization's field", async () => {
    const full = await system.graphql<Members>(MEMBERS, {}, { role: READER });
    expect(full.errors).toBeUndefined();
    expect(full.data!.partyMembers.edges.length).toBeGreaterThan(0);
    const feed = await system.graphql<RecentActivities>(RECENT_ACTIVITIES, {}, { role: READER });
    expect(feed.errors).toBeUndefined();
    expect(feed.data!.recentActivities.length).toBeGreaterThan(0);

    await whileStopped('organization', async () => {
      const partial = await system.graphql<Members>(MEMBERS, {}, { role: READER });
      expectOneMaskedFailure(partial, 'organization');
      expect(partial.data).toEqual({
        partyMembers: {
          ...full.data!.partyMembers,
          edges: full.data!.partyMembers.edges.map(({ node }) => ({
            node: { ...node, socialOrganization: null },
          })),
        },
      });
      // the wall's feed still lists the activities by branch, without their regions
      const partialFeed = await system.graphql<RecentActivities>(RECENT_ACTIVITIES, {}, { role: READER });
      expectOneMaskedFailure(partialFeed, 'organization');
      expect(partialFeed.data).toEqual({
        recentActivities: feed.data!.recentActivities.map((item) => ({ ...item, region: null })),
      });
    });

    const again = await answerWhen(
      () => system.graphql<Members>(MEMBERS, {}, { role: READER }),
      (answer) => answer.errors === undefined,
    );
    expect(again.data).toEqual(full.data);
    expect(await system.graphql(RECENT_ACTIVITIES, {}, { role: READER })).toEqual(feed);
  });
});

/** Asks until `done` holds of the answer; fails with the last answer after `withinMs`. */
async function answerWhen<T>(
  ask: () => Promise<T>,
  done: (answer: T) => boolean,
  withinMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await ask();
    if (done(answer)) return answer;
    if (Date.now() > deadline) {
      throw new Error(`no such answer within ${withinMs} ms; the last: ${JSON.stringify(answer)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
