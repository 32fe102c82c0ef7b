import { addMonths, today } from '@pb/platform/calendar';
import { readAhead, readUntil, untilWatched } from '@pb/platform/testing';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readYear } from '../statistics/period.js';
import { startTestApp, type TestApp } from '../test-support.js';

/**
 * 谈心谈话覆盖率 (talkStats, live as talkStatsChanged) and the YEARLY_TALK_MISSING work alert on a small
 * branch whose talks are recorded one by one: who counts, in which year, and when the alert stands. The
 * figure against its oracle after random writes is in statistics-oracle.test.ts, the alert in
 * work-alert.oracle.test.ts.
 */
let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000001701';
const BRANCH = '00000000-0000-4000-8000-000000001702';
const DAY = today();
const YEAR = Number(DAY.slice(0, 4));
// the alerts are kept as of this day: today in Q4, else 2 October of this year
const Q4_DAY = DAY.slice(5) >= '10-01' ? DAY : `${YEAR}-10-02`;
const ids: Record<string, string> = {};

type Figure = {
  year: number;
  members: number;
  talkedWith: number;
  talkCoverageRate: number;
  version: string;
};
const STATS =
  'query ($r: ID, $y: Int) { talkStats(regionCode: $r, year: $y) { year members talkedWith talkCoverageRate version } }';
const TALK = 'mutation ($i: RecordTalkInput!) { recordTalk(input: $i) { id } }';
const ALERTS = `{ workAlerts(kinds: [YEARLY_TALK_MISSING], first: 50) {
  totalCount edges { node { kind rule message dueOn branch { id } member { id } } } } }`;

const stats = async (regionCode: string | null, year?: number) => {
  const result = await test.as<{ talkStats: Figure }>('wall', STATS, { r: regionCode, y: year ?? null });
  expect(result.errors).toBeUndefined();
  return result.data!.talkStats;
};
const talk = async (participantIds: string[], heldOn = DAY) => {
  const result = await test.as('operator', TALK, {
    i: { heldOn, topic: '思想、工作和生活情况', talker: '支部书记', participantIds },
  });
  expect(result.errors).toBeUndefined();
};
const alerts = async () =>
  (
    await test.as<{
      workAlerts: {
        totalCount: number;
        edges: Array<{ node: { message: string; dueOn: string; rule: string; branch: { id: string } } }>;
      };
    }>('analyst', ALERTS)
  ).data!.workAlerts;

beforeAll(async () => {
  test = await startTestApp();
  const { organizations, workAlertKeeper } = test.app.services;
  await organizations.apply(
    { id: ORG, name: '南京市软件行业协会', regionCode: '320106', status: 'ACTIVE' },
    1,
  );
  await organizations.applyPartyOrganization(
    {
      id: BRANCH,
      name: '南京市软件行业协会党支部',
      type: 'BRANCH',
      formationMode: 'STANDALONE',
      regionCode: '320106',
      establishedAt: '2019-05-01',
    },
    1,
  );
  for (const [name, stage] of [
    ['full', 'FULL'],
    ['full2', 'FULL'],
    ['probationary', 'PROBATIONARY'],
    ['activist', 'ACTIVIST'],
  ] as const) {
    const added = await test.as<{ addPartyMember: { id: string } }>(
      'operator',
      'mutation ($i: AddPartyMemberInput!) { addPartyMember(input: $i) { id } }',
      {
        i: {
          name: `谈话${name}`,
          socialOrganizationId: ORG,
          branchId: BRANCH,
          stage,
          stageSince: addMonths(DAY, -6),
        },
      },
    );
    expect(added.errors).toBeUndefined();
    ids[name] = added.data!.addPartyMember.id;
  }
  await workAlertKeeper.reconcile(Q4_DAY);
});
afterAll(async () => {
  await test?.stop();
});

describe('talk coverage (谈心谈话覆盖率)', () => {
  it('counts the Party members on the rolls, none talked with yet; 0 on an empty base', async () => {
    expect(await stats('320000')).toMatchObject({
      year: YEAR,
      members: 3,
      talkedWith: 0,
      talkCoverageRate: 0,
    });
    expect(await stats('440000')).toMatchObject({ members: 0, talkedWith: 0, talkCoverageRate: 0 });
    const badYear = await test.as('wall', STATS, { r: null, y: 1999 });
    expect(badYear.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('raises YEARLY_TALK_MISSING from Q4 for the branch, saying how many of how many', async () => {
    const found = await alerts();
    expect(found.totalCount).toBe(1);
    expect(found.edges[0]!.node).toMatchObject({
      branch: { id: BRANCH },
      dueOn: `${Q4_DAY.slice(0, 4)}-12-31`,
      message: `南京市软件行业协会党支部: 3 of 3 Party members not yet talked with in ${Q4_DAY.slice(0, 4)}.`,
    });
    expect(found.edges[0]!.node.rule).toContain('once a year');
  });

  it('moves live with each Party member first talked with this year, once per member, not for an activist', async () => {
    const stream = (await subscribe({
      schema: test.app.schema,
      document: parse(
        'subscription { talkStatsChanged(regionCode: "320106") { year members talkedWith talkCoverageRate version } }',
      ),
      contextValue: test.app.context({
        viewer: new Viewer('sub-wall', ['wall'], '320000'),
        requestId: 'sub',
      }),
    })) as AsyncIterableIterator<ExecutionResult<{ talkStatsChanged: Figure }>>;
    const readFigure = readAhead(stream);
    // live once Redis has the channel subscribed (a deadline, not a pause)
    await untilWatched(test.app.pubSub, `TALK_STATS_CHANGED:${readYear(null)}`, ['320106']);
    // the last figure `want` accepts; figures of earlier writes may come first
    const next = async (want: (figure: Figure) => boolean) =>
      (await readUntil(async () => (await readFigure()).data!.talkStatsChanged, want)).at(-1)!;

    await talk([ids.full!, ids.activist!]);
    const first = await next((f) => f.talkedWith === 1);
    expect(first).toMatchObject({ year: YEAR, members: 3, talkedWith: 1 });
    expect(first.talkCoverageRate).toBeCloseTo(1 / 3, 12);
    // a second talk with the same member this year counts no one new
    await talk([ids.full!]);
    expect(await stats('320106')).toMatchObject({ members: 3, talkedWith: 1 });
    // last year's talk counts in last year's figure only
    await talk([ids.full2!], `${YEAR - 1}-06-15`);
    expect(await stats('320106')).toMatchObject({ talkedWith: 1 });
    expect(await stats('320106', YEAR - 1)).toMatchObject({ year: YEAR - 1, members: 3, talkedWith: 1 });
    await talk([ids.probationary!]);
    const second = await next((f) => f.talkedWith === 2);
    expect(Number(second.version)).toBeGreaterThan(Number(first.version));

    // a member leaving the rolls leaves both the base and the talked with
    const ended = await test.as(
      'operator',
      'mutation ($i: EndMembershipInput!) { endPartyMembership(input: $i) { status } }',
      { i: { memberId: ids.full, reason: 'TRANSFERRED_OUT', effectiveOn: DAY, approvedBy: '支部委员会' } },
    );
    expect(ended.errors).toBeUndefined();
    const after = await next((f) => f.members === 2);
    expect(after).toMatchObject({ talkedWith: 1 });
    expect(await stats(null, YEAR - 1)).toMatchObject({ members: 2, talkedWith: 1 });
    await stream.return?.();
  });

  it('keeps the alert while a Party member is owed a talk, and clears it when the last is talked with', async () => {
    expect((await alerts()).edges[0]?.node.message).toContain(': 1 of 2 Party members');
    await talk([ids.full2!]);
    expect((await alerts()).totalCount).toBe(0);
    expect(await stats('320000')).toMatchObject({ members: 2, talkedWith: 2, talkCoverageRate: 1 });
    // by city, for analysts: Nanjing's figure is the province's
    const byCity = await test.as<{ talkStatsByRegion: Array<{ region: { code: string } } & Figure> }>(
      'analyst',
      '{ talkStatsByRegion(parentCode: "320000") { region { code } members talkedWith talkCoverageRate } }',
    );
    expect(byCity.errors).toBeUndefined();
    expect(byCity.data!.talkStatsByRegion).toEqual([
      { region: { code: '320100' }, members: 2, talkedWith: 2, talkCoverageRate: 1 },
    ]);
    // before Q4 the year is not yet over enough to ask
    await test.app.services.workAlertKeeper.reconcile(`${YEAR + 1}-09-30`);
    expect((await alerts()).totalCount).toBe(0);
    await test.app.services.workAlertKeeper.reconcile(`${YEAR + 1}-10-01`);
    expect((await alerts()).edges[0]?.node.message).toContain(
      `2 of 2 Party members not yet talked with in ${YEAR + 1}`,
    );
  });
});
