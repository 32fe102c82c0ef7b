import { today } from '@pb/platform/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';

let test: TestApp;
const ORGANIZATION = '00000000-0000-4000-8000-0000000000c1';

beforeAll(async () => {
  test = await startTestApp();
  await test.app.services.organizations.apply(
    { id: ORGANIZATION, name: '杭州市网络安全协会', regionCode: '330106', status: 'ACTIVE' },
    1,
  );
});
afterAll(async () => {
  await test?.stop();
});

describe('the full-member count reported to the organization subgraph', () => {
  it('equals the members after many concurrent additions to one organization, with no request failing', async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        test.as(
          'operator',
          'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
          {
            input: { name: `并发${i}`, socialOrganizationId: ORGANIZATION, stage: 'FULL' },
          },
        ),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const [truth] = await test.app.dataSource.query(
      "SELECT COUNT(*) AS n FROM party_member WHERE social_organization_id = ? AND status = 'ACTIVE' AND stage = 'FULL'",
      [ORGANIZATION],
    );
    const [counter] = await test.app.dataSource.query(
      'SELECT full_member_count AS count, version FROM full_member_counter WHERE social_organization_id = ?',
      [ORGANIZATION],
    );
    expect(Number(counter.count)).toBe(Number(truth.n));
    // the event with the highest version carries the final count
    const events = (
      await test.app.dataSource.query("SELECT event FROM outbox WHERE event LIKE '%FullMemberCountChanged%'")
    )
      .map((row: { event: string }) => JSON.parse(row.event))
      .filter((event: { aggregateId: string }) => event.aggregateId === ORGANIZATION)
      .sort((a: { version: number }, b: { version: number }) => b.version - a.version);
    expect(events[0].version).toBe(Number(counter.version));
    expect(events[0].data.fullMemberCount).toBe(Number(truth.n));
  });

  it('starts the counter of an organization seeded without one from its members, then moves it by one', async () => {
    const seeded = '00000000-0000-4000-8000-0000000000c2';
    await test.app.services.organizations.apply(
      { id: seeded, name: '杭州市数字经济促进会', regionCode: '330106', status: 'ACTIVE' },
      1,
    );
    // as the seed writes members: rows only, no counter
    for (const i of [1, 2, 3]) {
      await test.app.dataSource.query(
        `INSERT INTO party_member (id, name, stage, stage_since, social_organization_id, region_code, status, probation_extended_months)
         VALUES (UUID(), ?, 'FULL', '2020-01-01', ?, '330106', 'ACTIVE', 0)`,
        [`种子${i}`, seeded],
      );
    }
    const added = await test.as(
      'operator',
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      { input: { name: '新党员', socialOrganizationId: seeded, stage: 'FULL' } },
    );
    expect(added.errors).toBeUndefined();
    const [counter] = await test.app.dataSource.query(
      'SELECT full_member_count AS count, version FROM full_member_counter WHERE social_organization_id = ?',
      [seeded],
    );
    expect({ count: Number(counter.count), version: Number(counter.version) }).toEqual({
      count: 4,
      version: 1,
    });
    const [event] = (
      await test.app.dataSource.query(
        'SELECT event FROM outbox WHERE event LIKE ? ORDER BY id DESC LIMIT 1',
        [`%${seeded}%`],
      )
    ).map((row: { event: string }) => JSON.parse(row.event));
    expect(event).toMatchObject({ version: 1, data: { fullMemberCount: 4 } });
  });

  it('counts a full member transferred into an organization without a counter once, not twice', async () => {
    const from = '00000000-0000-4000-8000-0000000000c3';
    const to = '00000000-0000-4000-8000-0000000000c4';
    for (const id of [from, to])
      await test.app.services.organizations.apply(
        { id, name: `转接测试${id.slice(-1)}`, regionCode: '330106', status: 'ACTIVE' },
        1,
      );
    const added = await test.as<{ addPartyMember: { id: string } }>(
      'operator',
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      { input: { name: '转出党员', socialOrganizationId: from, stage: 'FULL' } },
    );
    // `to` has had no member change, so no counter row: the transfer makes it
    const transferred = await test.as(
      'operator',
      'mutation ($input: TransferPartyMemberInput!) { transferPartyMember(input: $input) { id } }',
      {
        input: {
          memberId: added.data!.addPartyMember.id,
          socialOrganizationId: to,
          effectiveOn: today(),
          approvedBy: '上级党委',
        },
      },
    );
    expect(transferred.errors).toBeUndefined();
    const counters = (await test.app.dataSource.query(
      'SELECT social_organization_id AS id, full_member_count AS count FROM full_member_counter WHERE social_organization_id IN (?, ?) ORDER BY id',
      [from, to],
    )) as Array<{ id: string; count: number }>;
    expect(counters.map((c) => [c.id, Number(c.count)])).toEqual([
      [from, 0],
      [to, 1],
    ]);
  });
});
