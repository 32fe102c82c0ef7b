import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';

let test: TestApp;
const HANGZHOU_BRANCH = '00000000-0000-4000-8000-000000000601';
const SHENZHEN_BRANCH = '00000000-0000-4000-8000-000000000602';

const RECORD = `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

async function record(branchId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await test.as<{ recordActivity: { id: string } }>('operator', RECORD, {
    input: {
      branchId,
      type: 'PARTY_LECTURE',
      mode: 'ONLINE',
      title: '张三同志讲党课', // free text that may name a person: never on the wall's feed
      heldAt: hoursAgo(1),
      expected: 8,
      present: 0,
      online: 7,
      excused: 1,
      absent: 0,
      ...overrides,
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.recordActivity.id;
}

beforeAll(async () => {
  test = await startTestApp();
  const branch = (id: string, name: string, regionCode: string) =>
    test.app.services.organizations.applyPartyOrganization(
      { id, name, type: 'BRANCH', formationMode: 'STANDALONE', regionCode, establishedAt: '2018-01-01' },
      1,
    );
  await branch(HANGZHOU_BRANCH, '西湖区网络作家协会党支部', '330106');
  await branch(SHENZHEN_BRANCH, '南山区直播行业协会党支部', '440305');
});
afterAll(() => test?.stop());

describe("the wall's activity feed", () => {
  it('lists the latest activities to a wall, newest first, with the branch name and no title', async () => {
    const older = await record(HANGZHOU_BRANCH, {
      type: 'GROUP_MEETING',
      mode: 'OFFLINE',
      online: 0,
      present: 7,
    });
    const newer = await record(HANGZHOU_BRANCH);
    await record(SHENZHEN_BRANCH);
    const result = await test.as<{ recentActivities: Array<Record<string, unknown>> }>(
      'wall',
      '{ recentActivities(regionCode: "330000", first: 5) { id type mode heldAt branchName region { code } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recentActivities.map((a) => a.id)).toEqual([newer, older]);
    expect(result.data!.recentActivities[1]).toEqual({
      id: older,
      type: 'GROUP_MEETING',
      mode: 'OFFLINE',
      heldAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      branchName: '西湖区网络作家协会党支部',
      region: { code: '330106' },
    });
    // the title is not a field of the feed at all
    const title = await test.as('wall', '{ recentActivities { title } }');
    expect(title.errors?.[0]?.message).toContain('title');
  });

  it('scopes the feed to the viewer’s region', async () => {
    const shenzhen = await test.as<{ recentActivities: Array<{ region: { code: string } }> }>(
      'wall',
      '{ recentActivities(first: 50) { region { code } } }',
      {},
      '440000',
    );
    expect(shenzhen.data!.recentActivities.length).toBeGreaterThan(0);
    expect(shenzhen.data!.recentActivities.every((a) => a.region.code.startsWith('44'))).toBe(true);
    const outside = await test.as('wall', '{ recentActivities(regionCode: "330000") { id } }', {}, '440000');
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('streams each activity recorded in the region to a wall, as its feed line', async () => {
    const viewer = new Viewer('wall-screen', ['wall'], '330000');
    const stream = (await subscribe({
      schema: test.app.schema,
      document: parse(
        'subscription { activityFeed(regionCode: "330100") { id type mode branchName region { code } } }',
      ),
      contextValue: test.app.context({ viewer, requestId: 'feed' }),
    })) as AsyncIterableIterator<ExecutionResult>;
    const next = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const id = await record(HANGZHOU_BRANCH, {
      type: 'THEMED_PARTY_DAY',
      mode: 'HYBRID',
      present: 4,
      online: 3,
    });
    const { value } = await next;
    await stream.return?.();
    expect(value.errors).toBeUndefined();
    expect(value.data).toEqual({
      activityFeed: {
        id,
        type: 'THEMED_PARTY_DAY',
        mode: 'HYBRID',
        branchName: '西湖区网络作家协会党支部',
        region: { code: '330106' },
      },
    });
  });
});
