import { today } from '@pb/platform/calendar';
import { readAhead, readUntil, untilWatched } from '@pb/platform/testing';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithOrganization, type TestApp } from '../test-support.js';

let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000000801';
const PARTY = '00000000-0000-4000-8000-000000000802';
const YEAR = Number(today().slice(0, 4));
const RECORD =
  'mutation ($i: RecordFundingInput!) { recordFunding(input: $i) { source amountFen receivedOn project } }';

beforeAll(async () => {
  test = await startWithOrganization(
    { id: ORG, name: '成都市网络视听协会', regionCode: '510104' },
    {
      id: PARTY,
      name: '成都市网络社会组织联合党委',
      type: 'COMMITTEE',
      formationMode: 'INDUSTRY',
      regionCode: '510100',
      establishedAt: '2019-01-01',
    },
  );
});
afterAll(async () => {
  await test?.stop();
});

describe('funding', () => {
  it('records money in fen by source for either recipient and totals it by source and quarter', async () => {
    const inputs = [
      {
        source: 'DUES_ALLOCATION',
        amountFen: 500_000_00,
        receivedOn: `${YEAR}-01-15`,
        partyOrganizationId: PARTY,
      },
      {
        source: 'SOCIAL_CONSTRUCTION_FUND',
        amountFen: 2_000_000_00,
        receivedOn: `${YEAR}-04-02`,
        socialOrganizationId: ORG,
        project: '网络文明共建',
      },
      { source: 'DUES_ALLOCATION', amountFen: 1_99, receivedOn: `${YEAR}-04-30`, socialOrganizationId: ORG },
      { source: 'SELF_RAISED', amountFen: 7_00, receivedOn: `${YEAR - 1}-12-31`, socialOrganizationId: ORG },
    ];
    for (const i of inputs) expect((await test.as('operator', RECORD, { i })).errors).toBeUndefined();
    const stats = await test.as<{ fundingStats: Record<string, unknown> }>(
      'wall',
      `{ fundingStats(regionCode: "510000", year: ${YEAR}) { year records totalFen bySource { source records amountFen } byQuarter { quarter amountFen } } }`,
    );
    expect(stats.data?.fundingStats).toMatchObject({
      year: YEAR,
      records: 3,
      totalFen: String(500_000_00 + 2_000_000_00 + 1_99),
      byQuarter: [
        { quarter: `${YEAR}Q1`, amountFen: String(500_000_00) },
        { quarter: `${YEAR}Q2`, amountFen: String(2_000_000_00 + 1_99) },
        { quarter: `${YEAR}Q3`, amountFen: '0' },
        { quarter: `${YEAR}Q4`, amountFen: '0' },
      ],
    });
    const bySource = (
      stats.data?.fundingStats.bySource as Array<{ source: string; records: number; amountFen: string }>
    ).filter((s) => s.records > 0);
    expect(bySource).toEqual([
      { source: 'DUES_ALLOCATION', records: 2, amountFen: String(500_000_00 + 1_99) },
      { source: 'SOCIAL_CONSTRUCTION_FUND', records: 1, amountFen: String(2_000_000_00) },
    ]);
    const elsewhere = await test.as<{ fundingStats: { records: number } }>(
      'wall',
      `{ fundingStats(regionCode: "330000", year: ${YEAR}) { records } }`,
    );
    expect(elsewhere.data?.fundingStats.records).toBe(0);
  });

  it('refuses no or two recipients, a non-positive amount, and a region outside the operator', async () => {
    const base = { source: 'PROJECT', amountFen: 100, receivedOn: today() };
    const none = await test.as('operator', RECORD, { i: base });
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'ONE_RECIPIENT' });
    const both = await test.as('operator', RECORD, {
      i: { ...base, partyOrganizationId: PARTY, socialOrganizationId: ORG },
    });
    expect(both.errors?.[0]?.extensions?.rule).toBe('ONE_RECIPIENT');
    const zero = await test.as('operator', RECORD, {
      i: { ...base, amountFen: 0, socialOrganizationId: ORG },
    });
    expect(zero.errors?.[0]?.extensions?.field).toBe('input.amountFen');
    const outside = await test.as(
      'operator',
      RECORD,
      { i: { ...base, socialOrganizationId: ORG } },
      '330000',
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('live funding figure', () => {
  it('sends the whole new figure of the year to subscribers of the region, and nothing of another region', async () => {
    const open = async (query: string, regionCode: string | null) =>
      (await subscribe({
        schema: test.app.schema,
        document: parse(query),
        contextValue: test.app.context({
          viewer: new Viewer('sub-wall', ['wall'], regionCode),
          requestId: 'sub',
        }),
      })) as AsyncIterableIterator<ExecutionResult>;
    const sichuan = await open(
      `subscription { fundingStatsChanged(regionCode: "510000") { version year totalFen } }`,
      '510000',
    );
    const zhejiang = await open(
      `subscription { fundingStatsChanged(regionCode: "330000") { version totalFen } }`,
      '330000',
    );
    const fromZhejiang = zhejiang.next();
    // a subscription reaches Redis once it is read; Sichuan's first figure is awaited below
    const readSichuan = readAhead(sichuan);
    await untilWatched(test.app.pubSub, `FUNDING_STATS_CHANGED:${today().slice(0, 4)}`, ['510000', '330000']);
    const before = await test.as<{ fundingStats: { totalFen: string; version: string } }>(
      'wall',
      '{ fundingStats(regionCode: "510000") { totalFen version } }',
    );
    const recorded = await test.as('operator', RECORD, {
      i: { source: 'FISCAL_SPECIAL', amountFen: 30_000_00, receivedOn: today(), partyOrganizationId: PARTY },
    });
    expect(recorded.errors).toBeUndefined();

    // an earlier test's publication may come first; the figure with this record follows, newer each time
    type Figure = { totalFen: string; version: string };
    const expected = String(BigInt(before.data!.fundingStats.totalFen) + 30_000_00n);
    const seen = await readUntil(
      async () => (await readSichuan()).data!.fundingStatsChanged as Figure,
      (figure) => figure.totalFen === expected,
    );
    expect(Number(seen.at(-1)!.version)).toBeGreaterThan(Number(before.data!.fundingStats.version));
    const snapshot = await test.as<{ fundingStats: { totalFen: string } }>(
      'wall',
      '{ fundingStats(regionCode: "510000") { totalFen } }',
    );
    expect(snapshot.data!.fundingStats.totalFen).toBe(expected);

    // Zhejiang's subscriber heard nothing of Sichuan's money
    const quiet = await Promise.race([
      fromZhejiang.then(() => 'heard'),
      new Promise((resolve) => setTimeout(() => resolve('quiet'), 500)),
    ]);
    expect(quiet).toBe('quiet');
    await sichuan.return?.();
    await zhejiang.return?.();
  });
});
