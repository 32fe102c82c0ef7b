import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollecting, type System, startSystem } from './utils/system.js';

/**
 * `pnpm simulate` against a running system: for a few seconds at a fixed rate through the gateway, the
 * figures of the wall must move (activities, members, organizations, coverage) and every operation must
 * either succeed or be refused by a domain rule (never an internal error or a lost request), and
 * refusals must stay rare, as the simulator keeps to the rules.
 */
describe('pnpm simulate', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ organizations: 40 });
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  interface Figures {
    coverageStats: {
      organizations: number;
      partyCovered: number;
      workCovered: number;
      charterIncluded: number;
    };
    activityStats: { activities: number };
    memberStats: { byStage: Array<{ stage: string; count: number }> };
  }
  const figures = async () => {
    const result = await system.graphql<Figures>(
      `{ coverageStats { organizations partyCovered workCovered charterIncluded }
         activityStats { activities }
         memberStats { byStage { stage count } } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data!;
    return {
      ...data.coverageStats,
      activities: data.activityStats.activities,
      members: data.memberStats.byStage.reduce((sum, s) => sum + s.count, 0),
    };
  };

  it('drives operations through the gateway so the figures move, with refusals rare and by rule', async () => {
    const before = await figures();
    const run = await runCollecting(
      [
        'tools/simulate/dist/cli.js',
        '--gateway',
        system.gatewayUrl,
        '--rate',
        '12',
        '--seconds',
        '8',
        '--seed',
        '7',
        '--json',
      ],
      { ...process.env, NODE_ENV: 'test' },
    );
    expect(run.code, run.stderr).toBe(0);
    // a status line came while it ran, and the summary at the end
    expect(run.stderr).toMatch(/simulate: 5 s: \d+ ops \([\d.]+\/s, p50 \d+ ms, p95 \d+ ms\)/);
    expect(run.stderr).toMatch(/simulate: done: \d+ s: \d+ ops/);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      done: number;
      succeeded: number;
      errors: Record<string, number>;
      byOperation: Record<string, number>;
    };
    expect(summary.done).toBeGreaterThanOrEqual(80);
    // refused only by the rules users can break (a record a moment too new for the other subgraph, say)
    const unexpected = Object.keys(summary.errors).filter(
      (code) => !/^(BAD_USER_INPUT|CONFLICT|NOT_FOUND)(\/|$)/.test(code),
    );
    expect(unexpected).toEqual([]);
    expect(summary.done - summary.succeeded).toBeLessThanOrEqual(Math.ceil(summary.done * 0.05));
    for (const name of ['activity', 'application', 'stage-change', 'registration'])
      expect(summary.byOperation[name], name).toBeGreaterThan(0);

    const after = await figures();
    expect(after.activities).toBeGreaterThan(before.activities);
    expect(after.members).toBeGreaterThan(before.members);
    expect(after.organizations).toBeGreaterThan(before.organizations);
    expect(
      after.partyCovered + after.workCovered + after.charterIncluded,
      'coverage or charter moved',
    ).toBeGreaterThan(before.partyCovered + before.workCovered + before.charterIncluded);
  }, 120_000);
});
