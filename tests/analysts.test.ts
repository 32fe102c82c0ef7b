import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './utils/browser.js';
import { repoRoot, type System, startSystem } from './utils/system.js';

/** The analysts' side of the gateway: the saved queries, CSV export and GraphiQL, on the real system. */

const SAVED_DIR = join(repoRoot, 'gateway', 'saved-queries');
const SAVED = [
  '01-eligible-not-established.graphql',
  '02-branches-behind-compliance.graphql',
  '03-coverage-by-city.graphql',
  '04-compliance-by-city.graphql',
  '05-activity-purposes-by-city.graphql',
  '06-team-building.graphql',
  '08-appraisal-grades-by-city.graphql',
];
const ZHEJIANG = '330000';

type Row = Record<string, string>;

/** RFC 4180 as the gateway writes it: a BOM, a header line, quoted cells where needed, CRLF. */
function parseCsv(bytes: Uint8Array): { header: string[]; rows: Row[] } {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3));
  // every cell ends with a comma or the CRLF that ends its line (the last line too)
  const lines: string[][] = [];
  let cells: string[] = [];
  for (const [, quoted, plain, end] of text.matchAll(/(?:"((?:[^"]|"")*)"|([^",\r\n]*))(,|\r\n)/g)) {
    cells.push(quoted === undefined ? plain! : quoted.replaceAll('""', '"'));
    if (end === '\r\n') {
      lines.push(cells);
      cells = [];
    }
  }
  const [header = [], ...body] = lines;
  return {
    header,
    rows: body.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i] ?? '']))),
  };
}

describe('analysts', () => {
  let system: System;

  async function exportCsv(query: string, token: string | null, variables: Record<string, unknown> = {}) {
    return fetch(`${system.baseUrl}/graphql.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  }
  const codesOf = async (response: Response) =>
    ((await response.json()) as { errors: Array<{ extensions?: { code?: string } }> }).errors.map(
      (e) => e.extensions?.code,
    );

  beforeAll(async () => {
    system = await startSystem({ organizations: 60 });
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  describe('saved queries', () => {
    it.each(SAVED)('%s runs for a provincial analyst and returns data without errors', async (file) => {
      const query = await readFile(join(SAVED_DIR, file), 'utf8');
      const token = await system.token('analyst', ZHEJIANG);
      const result = await system.graphql(query, {}, { token });
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {}).length).toBeGreaterThan(0);
      for (const answer of Object.values(result.data!)) expect(answer).not.toBeNull();
    });

    it('answer with the same figures as the plain lists they summarise', async () => {
      const token = await system.token('analyst', ZHEJIANG);
      const query = await readFile(join(SAVED_DIR, '03-coverage-by-city.graphql'), 'utf8');
      const byCity = await system.graphql<{
        coverageByRegion: Array<{ region: { code: string }; organizations: number }>;
      }>(query, {}, { token });
      const cities = byCity.data!.coverageByRegion;
      expect(cities.length).toBeGreaterThan(0);
      for (const city of cities) expect(city.region.code).toMatch(/^33\d\d00$/);
      const total = await system.graphql<{ socialOrganizations: { totalCount: number } }>(
        `{ socialOrganizations(filter: { regionCode: "${ZHEJIANG}", status: ACTIVE }) { totalCount } }`,
        {},
        { token },
      );
      expect(cities.reduce((sum, city) => sum + city.organizations, 0)).toBe(
        total.data!.socialOrganizations.totalCount,
      );
    });
  });

  it('07 answers talk coverage by city summing to the province, with the branches behind it', async () => {
    const token = await system.token('analyst', ZHEJIANG);
    const query = await readFile(join(SAVED_DIR, '07-talk-coverage-by-city.graphql'), 'utf8');
    type Figure = { members: number; talkedWith: number };
    const byCity = await system.graphql<{
      talkStatsByRegion: Array<Figure & { region: { code: string } }>;
      workAlerts: { totalCount: number; edges: Array<{ node: { regionCode: string; message: string } }> };
    }>(query, {}, { token });
    expect(byCity.errors).toBeUndefined();
    const cities = byCity.data!.talkStatsByRegion;
    expect(cities.length).toBeGreaterThan(0);
    for (const city of cities) expect(city.region.code).toMatch(/^33\d\d00$/);
    const province = await system.graphql<{ talkStats: Figure }>(
      `{ talkStats(regionCode: "${ZHEJIANG}") { members talkedWith } }`,
      {},
      { token },
    );
    const sum = (key: keyof Figure) => cities.reduce((total, city) => total + city[key], 0);
    expect({ members: sum('members'), talkedWith: sum('talkedWith') }).toEqual(province.data!.talkStats);
    for (const { node } of byCity.data!.workAlerts.edges) {
      expect(node.regionCode.startsWith('33')).toBe(true);
      expect(node.message).toMatch(/\d+ of \d+ Party members not yet talked with/);
    }
  });

  describe('CSV export', () => {
    it('exports a saved query as CSV with dotted columns, the same rows as the JSON result', async () => {
      const query = await readFile(join(SAVED_DIR, '01-eligible-not-established.graphql'), 'utf8');
      const token = await system.token('analyst', ZHEJIANG);
      const json = await system.graphql<{
        coverageAlerts: {
          totalCount: number;
          edges: Array<{ node: { socialOrganization: { uscc: string } } }>;
        };
      }>(query, {}, { token });
      const response = await exportCsv(query, token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain('EligibleNotEstablished.csv');
      expect(response.headers.get('x-total-count')).toBe(String(json.data!.coverageAlerts.totalCount));
      const { header, rows } = parseCsv(new Uint8Array(await response.arrayBuffer()));
      expect(header).toEqual(
        expect.arrayContaining([
          'severity',
          'region.name',
          'socialOrganization.uscc',
          'socialOrganization.fullMemberCount',
        ]),
      );
      expect(rows.map((row) => row['socialOrganization.uscc'])).toEqual(
        json.data!.coverageAlerts.edges.map((edge) => edge.node.socialOrganization.uscc),
      );
      for (const row of rows)
        expect(Number(row['socialOrganization.fullMemberCount'])).toBeGreaterThanOrEqual(3);
    });

    it('keeps to the region of the token, and refuses a region outside it', async () => {
      const query =
        '{ socialOrganizations(first: 500) { totalCount edges { node { uscc region { code } } } } }';
      const provincial = await system.token('analyst', ZHEJIANG);
      const response = await exportCsv(query, provincial);
      expect(response.status).toBe(200);
      const { rows } = parseCsv(new Uint8Array(await response.arrayBuffer()));
      const national = await system.graphql<{ socialOrganizations: { totalCount: number } }>(
        '{ socialOrganizations { totalCount } }',
        {},
        { role: 'analyst' },
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(national.data!.socialOrganizations.totalCount);
      expect(rows.length).toBe(Number(response.headers.get('x-total-count')));
      for (const row of rows) expect(row['region.code']).toMatch(/^33/);

      const elsewhere = await exportCsv(
        '{ socialOrganizations(filter: { regionCode: "440000" }) { edges { node { uscc } } } }',
        provincial,
      );
      expect(elsewhere.status).toBe(403);
      expect(await codesOf(elsewhere)).toEqual(['FORBIDDEN']);
    });

    it('refuses a caller without a token, and records to the wall role', async () => {
      const query = '{ socialOrganizations { edges { node { uscc } } } }';
      const anonymous = await exportCsv(query, null);
      expect(anonymous.status).toBe(401);
      expect(await codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);
      const wall = await exportCsv(query, await system.token('wall'));
      expect(wall.status).toBe(403);
      expect(await codesOf(wall)).toEqual(['FORBIDDEN']);
    });

    it('exports personal data masked for an analyst, as the JSON API does', async () => {
      const query = '{ partyMembers(first: 50) { edges { node { id idNumber phone } } } }';
      const response = await exportCsv(query, await system.token('analyst'));
      expect(response.status).toBe(200);
      const { rows } = parseCsv(new Uint8Array(await response.arrayBuffer()));
      const raw = await system.graphql<{
        partyMembers: {
          edges: Array<{ node: { id: string; idNumber: string | null; phone: string | null } }>;
        };
      }>(query, {}, { role: 'admin' });
      const plain = new Map(raw.data!.partyMembers.edges.map(({ node }) => [node.id, node]));
      const withData = rows.filter((row) => row.idNumber);
      expect(withData.length).toBeGreaterThan(0);
      for (const row of withData) {
        expect(row.idNumber).toContain('*');
        expect(row.idNumber).not.toBe(plain.get(row.id!)?.idNumber);
        if (row.phone) expect(row.phone).not.toBe(plain.get(row.id!)?.phone);
      }
    });

    it('says the result has no list when it has none', async () => {
      const response = await exportCsv('{ coverageStats { organizations } }', await system.token('analyst'));
      expect(response.status).toBe(422);
      expect(await codesOf(response)).toEqual(['CSV_NO_LIST']);
    });
  });

  describe('GraphiQL in Chromium, offline', () => {
    let browser: Browser;
    let page: Page;
    const consoleErrors: string[] = [];
    const foreignRequests: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 1440, height: 900 },
      });
      page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (!['blob:', 'data:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
          foreignRequests.push(request.url());
        }
      });
      await page.goto(`${system.gatewayUrl}`);
      await page.waitForSelector('.graphiql-container .graphiql-tab', { timeout: 20_000 });
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function exportDownload() {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#pb-export')]);
      const bytes = new Uint8Array(await readFile((await download.path())!));
      return { name: download.suggestedFilename(), ...parseCsv(bytes) };
    }

    it('opens the saved queries as tabs on a first visit and exports the current one as CSV', async () => {
      const tabs = await page.locator('.graphiql-tab').allTextContents();
      expect(tabs.join(' ')).toContain('EligibleNotEstablished');
      expect(tabs.join(' ')).toContain('CoverageByCity');
      const csv = await exportDownload();
      expect(csv.name).toBe('EligibleNotEstablished.csv');
      expect(csv.header).toContain('socialOrganization.uscc');
      expect(await page.textContent('#pb-status')).toContain('Exported');
      await mkdir(join(repoRoot, 'tests', 'artifacts'), { recursive: true });
      await page.screenshot({ path: join(repoRoot, 'tests', 'artifacts', 'graphiql-analysts.png') });
    });

    it('exports the tab the analyst switches to', async () => {
      // a DOM click on the tab's button: GraphiQL's tabs are also drag handles for reordering, and
      // Playwright's synthetic mouse press on them in headless Chromium does not switch the tab
      await page.locator('.graphiql-tab button[title="CoverageByCity"]').dispatchEvent('click');
      await page.waitForSelector('.graphiql-tab-active button[title="CoverageByCity"]');
      const csv = await exportDownload();
      expect(csv.name).toBe('CoverageByCity.csv');
      expect(csv.header).toEqual(expect.arrayContaining(['region.name', 'organizationCoverageRate']));
      expect(csv.rows.length).toBeGreaterThan(0);
    });

    // a reload: Chromium parses GraphiQL's 9 MB inlined page again
    it('opens a saved query from the bar and exports it', { timeout: 60_000 }, async () => {
      await Promise.all([page.waitForNavigation(), page.selectOption('#pb-saved', 'ComplianceByCity')]);
      await page.waitForSelector('.graphiql-tab-active button[title="ComplianceByCity"]', {
        timeout: 40_000,
      });
      const csv = await exportDownload();
      expect(csv.name).toBe('ComplianceByCity.csv');
      expect(csv.header).toEqual(expect.arrayContaining(['region.name', 'complianceRate']));
    });

    // before the refused export below, which Chromium logs as a failed (4xx) load
    it('loaded nothing from another host and logged no errors', () => {
      expect(foreignRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });

    it('shows the error code when the current query cannot be exported', async () => {
      // a new tab with the default text, which selects no list
      await page.click('.graphiql-tab-add');
      await page.waitForTimeout(300);
      await page.click('#pb-export');
      await page.waitForSelector('#pb-status.pb-error');
      expect(await page.textContent('#pb-status')).toMatch(/BAD_USER_INPUT|GRAPHQL_|CSV_NO_LIST/);
    });
  });
});
