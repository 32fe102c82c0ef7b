import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { usccCheckCharacter } from '@pb/platform/uscc';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  mapRegionPaint,
  recordSubscriptions,
  rootFields,
  type SentSubscription,
} from './utils/browser.js';
import { repoRoot, runCollecting, type System, startSystem } from './utils/system.js';

/** The wall in a real browser, fed by the real system through the gateway. */
/** How many regions each ranking shows (WallView's RankingPanel limit). */
const RANKING_ROWS = 5;

describe('the wall in Chromium', () => {
  let system: System;
  let browser: Browser;
  let page: Page;
  /** the browser's errors, each marked whether the gateway was down (restarting) when it came */
  const consoleErrors: Array<{ text: string; gatewayDown: boolean }> = [];
  let gatewayDown = false;
  const artifacts = join(repoRoot, 'tests', 'artifacts');
  const ZHEJIANG = '330000';

  /** the graphql-ws `subscribe` messages each wall sent, from before it opened */
  const subscriptionsOf = new WeakMap<Page, SentSubscription[]>();
  const figure = async (testId: string, on: Page = page) =>
    Number(await on.getAttribute(`[data-testid="${testId}"]`, 'data-value'));
  const openWall = async (query = '') => {
    const opened = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    opened.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push({ text: message.text(), gatewayDown });
    });
    opened.on('pageerror', (error) => consoleErrors.push({ text: error.message, gatewayDown }));
    subscriptionsOf.set(opened, recordSubscriptions(opened));
    await opened.goto(`${system.baseUrl}/${query}`);
    await opened.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 30_000 });
    return opened;
  };
  /** what the wall should show for a region, read as the wall reads it (a wall token) */
  const snapshot = async (regionCode: string | null = null) => {
    const year = new Date().getFullYear();
    const wall = await system.graphql<{
      coverageStats: {
        organizations: number;
        partyCovered: number;
        eligible: number;
        eligibleStandalone: number;
        organizationCoverageRate: number;
        workCoverageRate: number;
        eligibleCoverageRate: number;
        standalone: number;
        secretaryCrossAppointed: number;
      };
      memberStats: {
        fullMembers: number;
        byStage: Array<{ stage: string; count: number }>;
        businessBackbone: number;
        management: number;
      };
      secretaryStats: {
        secretaryRate: number;
        partyOrganizations: number;
        withSecretary: number;
        branches: number;
        branchesWithSecretary: number;
        reserveTalent: number;
      };
      talkStats: { talkCoverageRate: number };
      appraisalStats: { appraisalRate: number };
      trainingStats: {
        members: number;
        membersMeetingMinimum: number;
        staff: number;
        staffMeetingMinimum: number;
      };
      activityStats: { complianceRate: number };
      fundingStats: { totalFen: string; bySource: Array<{ source: string; amountFen: string }> };
      activityStatsByRegion: Array<{ region: { code: string } | null; complianceRate: number }>;
      workAlertCounts: Array<{ kind: string; count: number }>;
      coverageAlertCounts: Array<{ kind: string; count: number }>;
      coverageAlerts: { totalCount: number };
      workAlerts: { totalCount: number };
      coverageByRegion: Array<{
        region: { code: string } | null;
        organizations: number;
        organizationCoverageRate: number;
      }>;
    }>(
      `query ($regionCode: ID, $year: Int) {
        coverageStats(regionCode: $regionCode) { organizations partyCovered eligible eligibleStandalone
          organizationCoverageRate workCoverageRate eligibleCoverageRate standalone secretaryCrossAppointed }
        memberStats(regionCode: $regionCode) { fullMembers byStage { stage count } businessBackbone management }
        secretaryStats(regionCode: $regionCode) { secretaryRate partyOrganizations withSecretary branches
          branchesWithSecretary reserveTalent }
        talkStats(regionCode: $regionCode) { talkCoverageRate }
        appraisalStats(regionCode: $regionCode) { appraisalRate }
        trainingStats(regionCode: $regionCode) { members membersMeetingMinimum staff staffMeetingMinimum }
        activityStats(regionCode: $regionCode) { complianceRate }
        fundingStats(regionCode: $regionCode, year: $year) { totalFen bySource { source amountFen } }
        activityStatsByRegion(parentCode: $regionCode) { region { code } complianceRate }
        workAlertCounts(regionCode: $regionCode) { kind count }
        coverageAlertCounts(regionCode: $regionCode) { kind count }
        coverageAlerts(regionCode: $regionCode, first: 1) { totalCount }
        workAlerts(regionCode: $regionCode, first: 1) { totalCount }
        coverageByRegion(parentCode: $regionCode) { region { code } organizations organizationCoverageRate }
      }`,
      { regionCode, year },
      { role: 'wall' },
    );
    expect(wall.errors).toBeUndefined();
    // the count of active Party organizations, as an analyst may read it record by record
    const parties = await system.graphql<{ partyOrganizations: { totalCount: number } }>(
      'query ($regionCode: ID) { partyOrganizations(filter: { regionCode: $regionCode, active: true }) { totalCount } }',
      { regionCode },
      { role: 'analyst' },
    );
    return { ...wall.data!, partyOrganizations: parties.data!.partyOrganizations.totalCount };
  };
  /** the headline figures as the wall shows them */
  const headline = async (on: Page) => ({
    organizations: await figure('figure-organizations', on),
    partyOrganizations: await figure('figure-party-organizations', on),
    fullMembers: await figure('figure-full-members', on),
    organizationCoverage: await figure('figure-organization-coverage', on),
    workCoverage: await figure('figure-work-coverage', on),
    eligibleCoverage: await figure('figure-eligible-coverage', on),
    compliance: await figure('figure-compliance', on),
    talkCoverage: await figure('figure-talk-coverage', on),
    appraisal: await figure('figure-appraisal', on),
  });
  /** the headline figures as the API gives them */
  const expectedHeadline = (expected: Awaited<ReturnType<typeof snapshot>>) => ({
    organizations: expected.coverageStats.organizations,
    partyOrganizations: expected.partyOrganizations,
    fullMembers: expected.memberStats.fullMembers,
    organizationCoverage: expected.coverageStats.organizationCoverageRate,
    workCoverage: expected.coverageStats.workCoverageRate,
    eligibleCoverage: expected.coverageStats.eligibleCoverageRate,
    compliance: expected.activityStats.complianceRate,
    talkCoverage: expected.talkStats.talkCoverageRate,
    appraisal: expected.appraisalStats.appraisalRate,
  });
  const expectHeadline = async (on: Page, expected: Awaited<ReturnType<typeof snapshot>>) => {
    expect(await headline(on)).toEqual(expectedHeadline(expected));
  };
  /**
   * members by stage, team building, funding by source, both rankings, every alert count and total and
   * the map, as the API has them
   */
  const expectPanelsEqual = async (
    on: Page,
    expected: Awaited<ReturnType<typeof snapshot>>,
    // below the nation the map labels its regions, over the pixel a region's colour is read from
    { pixels = true } = {},
  ) => {
    // members by stage, in the order of development, with the API's counts
    const stages = await on.$$eval('[data-testid="stages-list"] li', (items) =>
      items.map((li) => [
        li.dataset.key,
        Number(li.querySelector('.bars__value')?.textContent?.replace(/\D/g, '')),
      ]),
    );
    expect(stages).toEqual(
      ['APPLICANT', 'ACTIVIST', 'CANDIDATE', 'PROBATIONARY', 'FULL'].map((stage) => [
        stage,
        expected.memberStats.byStage.find((s) => s.stage === stage)?.count ?? 0,
      ]),
    );
    // team building: the served 书记配备率 (not one worked out in the browser), its counts and the work roles
    const fact = (testId: string) =>
      on.$eval(`[data-testid="${testId}"]`, (el) => [
        Number(el.getAttribute('data-value')),
        el.hasAttribute('data-total') ? Number(el.getAttribute('data-total')) : null,
      ]);
    const team = () =>
      Promise.all(
        [
          'team-secretary-rate',
          'team-with-secretary',
          'team-branches-with-secretary',
          'team-secretary-in-management',
          'team-reserve-talent',
          'team-staff-training',
          'team-member-training',
          'team-business-backbone',
          'team-management',
        ].map(fact),
      );
    const secretaries = expected.secretaryStats;
    await expect.poll(team, { timeout: 8000 }).toEqual([
      [secretaries.secretaryRate, null],
      [secretaries.withSecretary, secretaries.partyOrganizations],
      [secretaries.branchesWithSecretary, secretaries.branches],
      [expected.coverageStats.secretaryCrossAppointed, expected.coverageStats.standalone],
      [secretaries.reserveTalent, null],
      [expected.trainingStats.staffMeetingMinimum, expected.trainingStats.staff],
      [expected.trainingStats.membersMeetingMinimum, expected.trainingStats.members],
      [expected.memberStats.businessBackbone, null],
      [expected.memberStats.management, null],
    ]);
    expect(await figure('funding-total', on)).toBe(Number(expected.fundingStats.totalFen));
    /** a bar list's rows as the wall shows them: key and the served figure behind the text */
    const bars = (testId: string) =>
      on.$$eval(`[data-testid="${testId}"] li`, (items) =>
        items.map((li) => [li.dataset.key, Number(li.dataset.value)] as [string, number]),
      );
    // each source's amount, largest first
    expect(await bars('funding-list')).toEqual(
      expected.fundingStats.bySource
        .map(({ source, amountFen }): [string, number] => [source, Number(amountFen)])
        .sort((a, b) => b[1] - a[1]),
    );

    // the rankings: the child regions' rates, highest first (ties by code), the five the wall shows
    const ranking = <T extends { region: { code: string } | null }>(rows: T[], rate: (row: T) => number) =>
      rows
        .filter((row) => row.region !== null)
        .map((row): [string, number] => [row.region!.code, rate(row)])
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, RANKING_ROWS);
    const provinces = expected.coverageByRegion.filter((row) => row.region !== null);
    await expect
      .poll(() => bars('ranking-coverage'), { timeout: 8000 })
      .toEqual(ranking(provinces, (row) => row.organizationCoverageRate));
    await expect
      .poll(() => bars('ranking-compliance'), { timeout: 8000 })
      .toEqual(ranking(expected.activityStatsByRegion, (row) => row.complianceRate));

    // every alert count and each group's total is the API's (read again within 5 s of a change)
    const shown = (group: string) =>
      on.$$eval(`[data-testid="alerts-${group}"]`, (sections) => {
        const section = sections[0];
        if (!section) return null;
        return {
          total: Number(section.querySelector('.alerts__total')?.getAttribute('data-value')),
          kinds: Object.fromEntries(
            Array.from(section.querySelectorAll('[data-kind]')).map((li) => [
              li.getAttribute('data-kind'),
              Number(li.getAttribute('data-value')),
            ]),
          ),
        };
      });
    const served = (counts: Array<{ kind: string; count: number }>) =>
      Object.fromEntries(counts.map(({ kind, count }) => [kind, count]));
    await expect
      .poll(() => shown('coverage'), { timeout: 8000 })
      .toEqual({ total: expected.coverageAlerts.totalCount, kinds: served(expected.coverageAlertCounts) });
    await expect
      .poll(() => shown('work'), { timeout: 8000 })
      .toEqual({ total: expected.workAlerts.totalCount, kinds: served(expected.workAlertCounts) });

    // every child region with organizations is shaded by its rate, and drawn in the colour it was given
    const withData = provinces.filter((row) => row.organizations > 0);
    expect(withData.length).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const paint = await mapRegionPaint(
          on,
          withData.map((row) => row.region!.code),
        );
        return withData.map((row) => {
          const p = paint[row.region!.code]!;
          return { value: p.value, drawn: !pixels || p.pixel === p.colour };
        });
      })
      .toEqual(
        withData.map((row) => ({ value: Math.round(row.organizationCoverageRate * 1000) / 10, drawn: true })),
      );
  };
  /** the streams the wall follows: the root field of each subscription document it has */
  const followedStreams = async () => {
    const dir = join(repoRoot, 'dashboard', 'src', 'graphql');
    const sources = await Promise.all(
      (await readdir(dir))
        .filter((file) => file.endsWith('.graphql'))
        .map((file) => readFile(join(dir, file), 'utf8')),
    );
    return sources.filter((source) => /^\s*subscription\b/m.test(source)).flatMap(rootFields);
  };
  /**
   * The wall opened exactly one subscription per stream it follows (field and variables), and no
   * other: panels that follow the same stream share it.
   */
  const expectOneSubscriptionPerStream = async (on: Page, regionCode: string | null) => {
    const sent = subscriptionsOf.get(on)!;
    const streams = (await followedStreams()).map((field) => `${field}(${JSON.stringify({ regionCode })})`);
    expect(new Set(streams).size).toBe(streams.length);
    // the socket sends them all once it is acknowledged; wait until every stream has been asked for
    await expect
      .poll(() => new Set(sent.map((s) => s.stream)).size, { timeout: 10_000 })
      .toBe(streams.length);
    expect(sent.map((s) => s.stream).sort()).toEqual([...streams].sort());
  };
  /**
   * Polls each check until it holds (giving up after 10 s) and returns how many milliseconds after
   * `since` each first held, null for never: a failure then says how late, not only that it was.
   */
  const timesUntil = async (since: number, checks: Record<string, () => Promise<boolean>>) => {
    const took: Record<string, number | null> = Object.fromEntries(Object.keys(checks).map((k) => [k, null]));
    while (Object.values(took).includes(null) && Date.now() - since < 10_000) {
      for (const [name, check] of Object.entries(checks)) {
        if (took[name] === null && (await check())) took[name] = Date.now() - since;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return took;
  };
  const panelsReady = async (on: Page) => {
    for (const panel of ['map', 'ranking', 'trends', 'alerts', 'stages', 'funding', 'team-building']) {
      await on.waitForSelector(`[data-testid="panel-${panel}"][data-status="ready"]`, { timeout: 10_000 });
    }
    for (const part of ['registrations', 'activity-types', 'online-share']) {
      await on.waitForSelector(`[data-testid="trend-${part}"][data-status="ready"] canvas`, {
        timeout: 10_000,
      });
    }
  };

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    system = await startSystem({ organizations: 30 });
    browser = await launchChromium();
    page = await openWall();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stopAll();
  });

  it('fills every panel with the seeded data, equal to the API snapshot', async () => {
    await panelsReady(page);
    const expected = await snapshot();
    await expectHeadline(page, expected);
    expect(await page.textContent('body')).toContain('正式党员');
    await expectPanelsEqual(page, expected);

    // the feed starts from the latest activities, registrations and new Party organizations
    expect(await page.$$('[data-testid="feed-item"]')).not.toHaveLength(0);

    await page.screenshot({ path: join(artifacts, 'wall-1920x1080.png') });
    // the longer English texts, for a look at whether they fit too; then back to Chinese
    await page.click('[data-testid="language-toggle"]');
    await page.waitForSelector('html[lang="en"]');
    await page.screenshot({ path: join(artifacts, 'wall-en-1920x1080.png') });
    await page.click('[data-testid="language-toggle"]');
    await page.waitForSelector('html[lang="zh-CN"]');
  });

  it('opens one subscription per stream it follows, however many panels follow each', async () => {
    await panelsReady(page);
    await expectOneSubscriptionPerStream(page, null);
    const fields = subscriptionsOf.get(page)!.map((s) => s.field);
    // the statistics streams and the feed's, each once
    expect(fields.sort()).toEqual(
      [
        'activityFeed',
        'activityStatsChanged',
        'coverageStatsChanged',
        'establishmentFeed',
        'fundingStatsChanged',
        'memberStatsChanged',
        'registrationFeed',
        'secretaryStatsChanged',
        'talkStatsChanged',
        'appraisalStatsChanged',
        'trainingStatsChanged',
      ].sort(),
    );
  });

  it("moves the organizations figure, Zhejiang's colour on the map and the feed within two seconds of a registration", async () => {
    const others = (await snapshot()).coverageByRegion
      .filter((row) => row.region && row.organizations > 0 && row.region.code !== ZHEJIANG)
      .map((row) => row.region!.code);
    const before = await mapRegionPaint(page, [ZHEJIANG, ...others]);
    const organizationsBefore = await figure('figure-organizations');

    const register = (uscc: string) =>
      system.graphql(
        `mutation ($uscc: String!) { registerSocialOrganization(input: {
          uscc: $uscc, name: "大屏测试网络协会", type: SOCIAL_ASSOCIATION, regionCode: "330106",
          registeredAt: "2025-01-02", registrationAuthority: "杭州市西湖区民政局", staffCount: 5 }) { id } }`,
        { uscc },
        { role: 'operator' },
      );
    const body = '51330106MJ0000001';
    const check = usccCheckCharacter(body);
    // a mistyped code is refused and changes nothing on the wall
    const refused = await register(`${body}${check === '0' ? '1' : '0'}`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const registered = await register(`${body}${check}`);
    const answeredAt = Date.now();
    expect(registered.errors).toBeUndefined();
    const id = (registered.data as { registerSocialOrganization: { id: string } }).registerSocialOrganization
      .id;
    const took = await timesUntil(answeredAt, {
      figure: async () => (await figure('figure-organizations')) === organizationsBefore + 1,
      // a new uncovered organization lowers Zhejiang's coverage: another colour, and drawn so
      map: async () => {
        const zhejiang = (await mapRegionPaint(page, [ZHEJIANG]))[ZHEJIANG]!;
        return zhejiang.colour !== before[ZHEJIANG]!.colour && zhejiang.pixel === zhejiang.colour;
      },
      feed: async () =>
        (await page.getAttribute('[data-testid="feed-item"]', 'data-key')) === `registration:${id}`,
    });
    expect(Object.entries(took).filter(([, ms]) => ms === null || ms >= 2000)).toEqual([]);
    const zhejiangNow = (await snapshot()).coverageByRegion.find((row) => row.region?.code === ZHEJIANG)!;
    expect((await mapRegionPaint(page, [ZHEJIANG]))[ZHEJIANG]!.value).toBe(
      Math.round(zhejiangNow.organizationCoverageRate * 1000) / 10,
    );
    // and only Zhejiang changed colour
    const after = await mapRegionPaint(page, others);
    expect(others.map((code) => after[code]!.colour)).toEqual(others.map((code) => before[code]!.colour));
  });

  it('moves the full-member figure within two seconds of a new full member', async () => {
    const before = await figure('figure-full-members');
    const list = await system.graphql<{ socialOrganizations: { edges: Array<{ node: { id: string } }> } }>(
      '{ socialOrganizations(first: 1) { edges { node { id } } } }',
    );
    const added = await system.graphql(
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      {
        input: {
          name: '大屏测试',
          socialOrganizationId: list.data!.socialOrganizations.edges[0]!.node.id,
          stage: 'FULL',
        },
      },
      { role: 'operator' },
    );
    const answeredAt = Date.now();
    expect(added.errors).toBeUndefined();
    const took = await timesUntil(answeredAt, {
      figure: async () => (await figure('figure-full-members')) === before + 1,
    });
    expect(took.figure).not.toBeNull();
    expect(took.figure).toBeLessThan(2000);
  });

  it('?kiosk=1 hides the controls and the cursor; ?region=330000 shows only Zhejiang, with its figures', async () => {
    // the ordinary wall has controls and a cursor, so their absence below means something
    expect(await page.isVisible('[data-testid="language-toggle"]')).toBe(true);
    expect(await page.$$('[data-testid^="map-rate-"]')).toHaveLength(4);
    expect(await page.$eval('[data-testid="panel-map"]', (el) => getComputedStyle(el).cursor)).not.toBe(
      'none',
    );

    const kiosk = await openWall(`?kiosk=1&region=${ZHEJIANG}`);
    try {
      await panelsReady(kiosk);
      await expectOneSubscriptionPerStream(kiosk, ZHEJIANG);
      expect(await kiosk.$$('button')).toHaveLength(0);
      const cursors = await kiosk.$$eval('main, main *', (elements) => [
        ...new Set(elements.map((el) => getComputedStyle(el).cursor)),
      ]);
      expect(cursors).toEqual(['none']);

      expect(await kiosk.getAttribute('[data-testid="wall-scope"]', 'data-region')).toBe(ZHEJIANG);
      await expect.poll(() => kiosk.textContent('[data-testid="wall-scope"]')).toBe('浙江省');
      await expectHeadline(kiosk, await snapshot(ZHEJIANG));
      await expectPanelsEqual(kiosk, await snapshot(ZHEJIANG), { pixels: false });
      // the map and ranking are Zhejiang's cities
      const cities = await kiosk.$$eval('[data-testid="ranking-coverage"] li', (items) =>
        items.map((li) => li.dataset.key ?? ''),
      );
      expect(cities.length).toBeGreaterThan(0);
      for (const city of cities) expect(city).toMatch(/^33\d\d00$/);
      await kiosk.screenshot({ path: join(artifacts, `wall-${ZHEJIANG}-kiosk-1920x1080.png`) });
    } finally {
      await kiosk.close();
    }
  }, 60_000);

  it('shows reconnecting while the gateway restarts, then is live again with the right numbers', async () => {
    const before = await figure('figure-full-members');
    gatewayDown = true;
    await system.stop('gateway');
    await page.waitForSelector('[data-testid="connection-state"][data-state="reconnecting"]', {
      timeout: 10_000,
    });
    // a change the wall cannot hear while the gateway is down: only the snapshot after reconnecting tells it
    const list = await system.subgraph<{ socialOrganizations: { edges: Array<{ node: { id: string } }> } }>(
      'organization',
      'admin',
      '{ socialOrganizations(first: 1) { edges { node { id } } } }',
    );
    const added = await system.subgraph(
      'party-work',
      'operator',
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      {
        input: {
          name: '断线期间',
          stage: 'FULL',
          socialOrganizationId: list.data!.socialOrganizations.edges[0]!.node.id,
        },
      },
    );
    expect(added.errors).toBeUndefined();

    await system.restart('gateway');
    await page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 20_000 });
    gatewayDown = false;
    const expected = await snapshot();
    expect(expected.memberStats.fullMembers).toBe(before + 1);
    await expectHeadline(page, expected);

    // while the gateway was down the browser logged refused connections; nothing else, then or ever, is an error
    const unexpected = consoleErrors.filter(
      (e) => !(e.gatewayDown && /WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e.text)),
    );
    expect(unexpected).toEqual([]);
  }, 90_000);

  it('under `pnpm simulate` every panel is filled and moving, in Chinese, without console errors, and equal to the API once the changes are in', async () => {
    await panelsReady(page);
    const errorsBefore = consoleErrors.length;
    const provincesShown = (await snapshot()).coverageByRegion
      .filter((row) => row.region && row.organizations > 0)
      .map((row) => row.region!.code);
    /** what each panel shows, in the terms a change would alter (a chart by its pixels) */
    const panels = async () => ({
      ...(await page.evaluate(() => {
        const all = (selector: string, read: (el: HTMLElement) => string | undefined) =>
          Array.from(document.querySelectorAll<HTMLElement>(selector), read).join('|');
        return {
          headline: all('[data-testid^="figure-"][data-value]', (el) => el.dataset.value),
          ranking: all('[data-testid^="ranking-"] li', (el) => el.textContent ?? ''),
          trends: all('[data-testid^="trend-"] canvas', (el) => (el as HTMLCanvasElement).toDataURL()),
          feed: all('[data-testid="feed-item"]', (el) => el.dataset.key),
          alerts: all(
            '[data-testid="panel-alerts"] [data-kind]',
            (el) => `${el.dataset.kind}=${el.dataset.value}`,
          ),
          stages: all('[data-testid="stages-list"] li', (el) => el.textContent ?? ''),
          funding: all('[data-testid="funding-total"]', (el) => el.dataset.value),
        };
      })),
      map: JSON.stringify(
        Object.values(await mapRegionPaint(page, provincesShown)).map((paint) => paint.value),
      ),
    });
    const before = await panels();

    // the live demo: the simulator through the gateway for 20 s, the wall watched while it runs
    const run = runCollecting(
      [
        'tools/simulate/dist/cli.js',
        '--gateway',
        system.gatewayUrl,
        '--rate',
        '10',
        '--seconds',
        '20',
        '--seed',
        '11',
        '--json',
      ],
      { ...process.env, NODE_ENV: 'test' },
    );
    let finished = false;
    const states = new Set<string>();
    const feedTops = new Set<string>();
    void run.then(() => {
      finished = true;
    });
    while (!finished) {
      states.add((await page.getAttribute('[data-testid="connection-state"]', 'data-state')) ?? 'none');
      feedTops.add((await page.getAttribute('[data-testid="feed-item"]', 'data-key')) ?? 'none');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const simulated = await run;
    expect(simulated.code, simulated.stderr).toBe(0);
    const summary = JSON.parse(simulated.stdout.trim().split('\n').at(-1)!) as { succeeded: number };
    expect(summary.succeeded).toBeGreaterThan(150);
    expect([...states]).toEqual(['live']);
    // the feed kept moving, and stays bounded
    expect(feedTops.size).toBeGreaterThan(10);
    expect((await page.$$('[data-testid="feed-item"]')).length).toBeLessThanOrEqual(50);

    // every panel moved (the last changes may still be on their way: asked again until they are in)
    await expect
      .poll(
        async () => {
          const after = await panels();
          return Object.keys(before).filter(
            (panel) => before[panel as keyof typeof before] === after[panel as keyof typeof after],
          );
        },
        { timeout: 5000 },
      )
      .toEqual([]);

    // once the last change is in, the wall equals the API's snapshot
    // (an event between the subgraphs, such as a member count deciding eligibility, may still be on its way)
    await expect
      .poll(
        async () => {
          const [shown, truth] = [await headline(page), expectedHeadline(await snapshot())];
          return JSON.stringify(shown) === JSON.stringify(truth) ? 'equal' : { shown, truth };
        },
        { timeout: 5000 },
      )
      .toBe('equal');
    await expectPanelsEqual(page, await snapshot());
    // and a province's wall, opened after the burst, equals its snapshot in every number too
    const province = await openWall(`?kiosk=1&region=${ZHEJIANG}`);
    try {
      await panelsReady(province);
      await expect
        .poll(async () => JSON.stringify(await headline(province)), { timeout: 5000 })
        .toBe(JSON.stringify(expectedHeadline(await snapshot(ZHEJIANG))));
      await expectPanelsEqual(province, await snapshot(ZHEJIANG), { pixels: false });
    } finally {
      await province.close();
    }

    // in Chinese: the page's language and every panel's title
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const titles = await page.$$eval('.panel__title, .figure__label', (items) =>
      items.map((h) => h.textContent?.trim() ?? ''),
    );
    expect(titles.length).toBeGreaterThanOrEqual(15);
    for (const title of titles) expect(title).toMatch(/^[\u4e00-\u9fff·（）()0-9 ]+$/);
    expect(consoleErrors.slice(errorsBefore)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'wall-simulated-1920x1080.png') });
  }, 120_000);
});
