import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { usccCheckCharacter } from '@pb/platform';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './utils/browser.js';
import { repoRoot, type System, startSystem } from './utils/system.js';

/** The wall in a real browser, fed by the real system through the gateway. */
describe('the wall in Chromium', () => {
  let system: System;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const artifacts = join(repoRoot, 'tests', 'artifacts');

  const figure = async (testId: string) =>
    Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    system = await startSystem({ organizations: 30 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${system.baseUrl}/`);
    await page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 15_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stopAll();
  });

  it('shows the national figures equal to the API snapshot', async () => {
    const snapshot = await system.graphql<{
      coverageStats: { organizations: number };
      memberStats: { fullMembers: number };
    }>('{ coverageStats { organizations } memberStats { fullMembers } }', {}, { role: 'wall' });
    expect(await figure('figure-organizations')).toBe(snapshot.data?.coverageStats.organizations);
    expect(await figure('figure-full-members')).toBe(snapshot.data?.memberStats.fullMembers);
    expect(await page.textContent('body')).toContain('正式党员');
    await page.screenshot({ path: join(artifacts, 'wall-1920x1080.png') });
  });

  it('changes the number on the page within a second of a new full member and a new organization', async () => {
    const before = await figure('figure-full-members');
    const list = await system.graphql<{ socialOrganizations: { edges: Array<{ node: { id: string } }> } }>(
      '{ socialOrganizations(first: 1) { edges { node { id } } } }',
    );
    const addedAt = Date.now();
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
    expect(added.errors).toBeUndefined();
    await expect.poll(() => figure('figure-full-members'), { timeout: 2000, interval: 50 }).toBe(before + 1);
    expect(Date.now() - addedAt).toBeLessThan(2000);

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
    expect(registered.errors).toBeUndefined();
    await expect
      .poll(() => figure('figure-organizations'), { timeout: 2000, interval: 50 })
      .toBe(organizationsBefore + 1);
  });

  it('shows reconnecting while the gateway restarts, then is live again with the right numbers', async () => {
    await system.stop('gateway');
    await page.waitForSelector('[data-testid="connection-state"][data-state="reconnecting"]', {
      timeout: 10_000,
    });
    await system.restart('gateway');
    await page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 20_000 });
    const snapshot = await system.graphql<{ memberStats: { fullMembers: number } }>(
      '{ memberStats { fullMembers } }',
      {},
      { role: 'wall' },
    );
    expect(await figure('figure-full-members')).toBe(snapshot.data?.memberStats.fullMembers);
    // while the gateway was down the browser logged failed connections; nothing else may be an error
    const unexpected = consoleErrors.filter(
      (e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e),
    );
    expect(unexpected).toEqual([]);
  });
});
