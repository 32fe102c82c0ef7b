import { addMonths, today } from '@pb/platform/calendar';
import type { BaseContext } from '@pb/platform/subgraph';
import { type Role, Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';
import { withIdCheck } from './personal-data.cipher.js';

let test: TestApp;
const BEIJING = {
  org: '00000000-0000-4000-8000-000000000311',
  branch: '00000000-0000-4000-8000-000000000411',
};
const ZHEJIANG = {
  org: '00000000-0000-4000-8000-000000000312',
  branch: '00000000-0000-4000-8000-000000000412',
};
const BEIJING_ID = withIdCheck('11010819900307123');
const ZHEJIANG_ID = withIdCheck('33010619880512456');
let beijingMember: string;
let zhejiangMember: string;

interface Entry {
  id: string;
  readAt: string;
  readerSubject: string;
  readerRoles: string[];
  field: string;
  memberId: string | null;
  regionCode: string | null;
  operationName: string | null;
  requestId: string;
  clientRequestId: string | null;
  filter: string | null;
}
interface Reads {
  personalDataReads: {
    totalCount: number;
    edges: Array<{ cursor: string; node: Entry }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
}

const READS = `query AuditTrail($filter: PersonalDataReadFilter, $first: Int, $after: String) {
  personalDataReads(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id readAt readerSubject readerRoles field memberId regionCode operationName requestId clientRequestId filter } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

/**
 * Runs an operation in process with a viewer and request ids of the test's choosing, through the same
 * context factory and resolvers the server uses.
 */
async function run<T>(
  viewer: Viewer,
  query: string,
  variables: Record<string, unknown> = {},
  request: Partial<Pick<BaseContext, 'requestId' | 'clientRequestId'>> = {},
): Promise<ExecutionResult<T>> {
  return (await execute({
    schema: test.app.schema,
    document: parse(query),
    variableValues: variables,
    contextValue: test.app.context({
      viewer,
      requestId: request.requestId ?? `req-${Date.now()}`,
      ...request,
    }),
  })) as ExecutionResult<T>;
}

const auditor = (regionCode: string | null = null, subject = 'auditor-1') =>
  new Viewer(subject, ['auditor'], regionCode);

async function reads(filter: Record<string, unknown>, viewer = auditor(), first = 100, after?: string) {
  const result = await run<Reads>(viewer, READS, { filter, first, after });
  expect(result.errors).toBeUndefined();
  return result.data!.personalDataReads;
}

async function readIdNumber(viewer: Viewer, memberId: string, request = {}) {
  const result = await run<{ partyMember: { idNumber: string } }>(
    viewer,
    'query WhoseIdNumber($id: ID!) { partyMember(id: $id) { idNumber } }',
    { id: memberId },
    request,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.partyMember.idNumber;
}

beforeAll(async () => {
  test = await startTestApp();
  const { organizations } = test.app.services;
  const members: string[] = [];
  for (const [place, region, name, idNumber] of [
    [BEIJING, '110108', '刘洋', BEIJING_ID],
    [ZHEJIANG, '330106', '王芳', ZHEJIANG_ID],
  ] as const) {
    await organizations.apply(
      { id: place.org, name: `${name}所在协会`, regionCode: region, status: 'ACTIVE' },
      1,
    );
    await organizations.applyPartyOrganization(
      {
        id: place.branch,
        name: `${name}所在协会党支部`,
        type: 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: region,
        establishedAt: '2019-05-01',
      },
      1,
    );
    const added = await test.as<{ addPartyMember: { id: string } }>(
      'operator',
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      {
        input: {
          name,
          socialOrganizationId: place.org,
          branchId: place.branch,
          idNumber,
          stageSince: addMonths(today(), -3),
        },
      },
    );
    expect(added.errors).toBeUndefined();
    members.push(added.data!.addPartyMember.id);
  }
  [beijingMember, zhejiangMember] = members as [string, string];
});
afterAll(async () => {
  await test?.stop();
});

describe('personalDataReads, the audit log of personal data', () => {
  it("lists the reads of one member's ID number for an auditor, without the data itself", async () => {
    // through the server, as any client would
    const read = await test.as<{ partyMember: { idNumber: string } }>(
      'admin',
      'query ReadOne($id: ID!) { partyMember(id: $id) { idNumber } }',
      { id: beijingMember },
    );
    expect(read.data?.partyMember.idNumber).toBe(BEIJING_ID);

    const result = await test.as<Reads>('auditor', READS, { filter: { memberId: beijingMember } });
    expect(result.errors).toBeUndefined();
    const { edges, totalCount } = result.data!.personalDataReads;
    expect(totalCount).toBe(1);
    expect(edges[0]!.node).toMatchObject({
      readerSubject: 'test-admin',
      readerRoles: ['admin'],
      field: 'ID_NUMBER',
      memberId: beijingMember,
      regionCode: '110108',
      operationName: 'ReadOne',
      filter: null,
    });
    expect(edges[0]!.node.requestId).toMatch(/\S{8,}/);
    expect(Date.now() - Date.parse(edges[0]!.node.readAt)).toBeLessThan(60_000);
    expect(JSON.stringify(result)).not.toContain(BEIJING_ID);
  });

  it('lets an admin read the log too', async () => {
    const result = await test.as<Reads>('admin', READS, { filter: { memberId: beijingMember } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.personalDataReads.totalCount).toBeGreaterThan(0);
  });

  it.each<Role>([
    'analyst',
    'wall',
    'operator',
  ])('refuses %s with FORBIDDEN naming the auditor role', async (role) => {
    const result = await test.as(role, READS, {});
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toMatch(/auditor/);
    expect(result.data).toBeNull();
  });

  it('writes each read of the log to the log, with the filter it used', async () => {
    const reader = auditor(null, 'auditor-watched');
    await run<Reads>(reader, READS, { filter: { memberId: zhejiangMember, regionCode: '330000' } });
    const watched = await reads({ readerSubject: 'auditor-watched' });
    expect(watched.totalCount).toBe(1);
    const logged = watched.edges[0]!.node;
    expect(logged).toMatchObject({
      field: 'AUDIT_LOG',
      readerSubject: 'auditor-watched',
      readerRoles: ['auditor'],
      memberId: null,
      regionCode: '330000',
      operationName: 'AuditTrail',
    });
    expect(JSON.parse(logged.filter!)).toMatchObject({ memberId: zhejiangMember, regionCode: '330000' });
    // a read is written before it reads, so the reader finds its own look at the log on top
    const own = await reads({ readerSubject: 'auditor-watched' }, reader);
    expect(own.totalCount).toBe(2);
    expect(own.edges[0]!.node).toMatchObject({ field: 'AUDIT_LOG', regionCode: null });
    expect(JSON.parse(own.edges[0]!.node.filter!)).toMatchObject({ readerSubject: 'auditor-watched' });
    // and the log stays append-only
    await expect(
      test.app.dataSource.query("UPDATE personal_data_read SET viewer_subject = 'x'"),
    ).rejects.toThrow(/append-only/);
    await expect(test.app.dataSource.query('DELETE FROM personal_data_read')).rejects.toThrow(/append-only/);
  });

  it('filters by reader', async () => {
    await readIdNumber(new Viewer('admin-zhang', ['admin'], null), zhejiangMember);
    await readIdNumber(new Viewer('admin-li', ['admin'], null), zhejiangMember);
    const zhang = await reads({ readerSubject: 'admin-zhang' });
    expect(zhang.edges.map((e) => [e.node.readerSubject, e.node.memberId, e.node.field])).toEqual([
      ['admin-zhang', zhejiangMember, 'ID_NUMBER'],
    ]);
    const both = await reads({ memberId: zhejiangMember });
    expect(new Set(both.edges.map((e) => e.node.readerSubject))).toEqual(
      new Set(['admin-zhang', 'admin-li']),
    );
  });

  it("filters by region, within the auditor's own region only", async () => {
    const zhejiang = await reads({ regionCode: '330000' });
    const members = zhejiang.edges.filter((e) => e.node.field !== 'AUDIT_LOG').map((e) => e.node.memberId);
    expect(members.length).toBeGreaterThan(0);
    expect(new Set(members)).toEqual(new Set([zhejiangMember]));

    // a Zhejiang auditor sees Zhejiang's reads and nothing of Beijing's, asked or not
    const local = await reads({}, auditor('330000'));
    expect(local.edges.every((e) => e.node.regionCode?.startsWith('33'))).toBe(true);
    expect(local.edges.some((e) => e.node.memberId === zhejiangMember)).toBe(true);
    expect((await reads({ memberId: beijingMember }, auditor('330000'))).totalCount).toBe(0);
    const outside = await run<Reads>(auditor('330000'), READS, { filter: { regionCode: '110000' } });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('filters by time', async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    await readIdNumber(new Viewer('admin-time', ['admin'], null), beijingMember);
    const end = new Date(Date.now() + 1000).toISOString();
    expect((await reads({ readerSubject: 'admin-time', from: start, to: end })).totalCount).toBe(1);
    expect((await reads({ readerSubject: 'admin-time', from: end })).totalCount).toBe(0);
    expect((await reads({ readerSubject: 'admin-time', to: start })).totalCount).toBe(0);
    for (const [filter, field] of [
      [{ from: '2026-12-06' }, 'filter.from'],
      [{ to: '2026-12-06T08:00:00' }, 'filter.to'],
      [{ from: end, to: start }, 'filter.to'],
    ] as const) {
      const refused = await run<Reads>(auditor(), READS, { filter });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('pages newest first with cursors', async () => {
    const reader = new Viewer('admin-pager', ['admin'], null);
    for (let i = 0; i < 5; i++) await readIdNumber(reader, i % 2 ? beijingMember : zhejiangMember);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await reads({ readerSubject: 'admin-pager' }, auditor(), 2, after);
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
    const refused = await run<Reads>(auditor(), READS, { first: 501 });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('request ids in the audit log', () => {
  it("keeps a well-formed client request id beside the platform's", async () => {
    const reader = new Viewer('admin-traced', ['admin'], null);
    await readIdNumber(reader, beijingMember, { requestId: 'gw-0001', clientRequestId: 'client-trace:0001' });
    const [entry] = (await reads({ readerSubject: 'admin-traced' })).edges;
    expect(entry!.node).toMatchObject({
      requestId: 'gw-0001',
      clientRequestId: 'client-trace:0001',
      operationName: 'WhoseIdNumber',
    });
  });

  it('reads personal data whatever request ids come with it: too long or malformed are not kept as sent', async () => {
    const reader = new Viewer('admin-long-ids', ['admin'], null);
    const long = 'x'.repeat(200);
    expect(await readIdNumber(reader, beijingMember, { requestId: long, clientRequestId: long })).toBe(
      BEIJING_ID,
    );
    expect(
      await readIdNumber(reader, beijingMember, {
        requestId: `${'界'.repeat(63)}😀😀`,
        clientRequestId: 'forged-by-client; DROP TABLE x',
      }),
    ).toBe(BEIJING_ID);
    const entries = (await reads({ readerSubject: 'admin-long-ids' })).edges.map((e) => e.node);
    expect(entries.map((e) => [e.requestId, e.clientRequestId])).toEqual([
      [`${'界'.repeat(63)}😀`, null],
      ['x'.repeat(64), null],
    ]);
  });

  it('takes the client request id from the context factory only when well formed', () => {
    const viewer = auditor();
    const context = (clientRequestId: unknown) =>
      test.app.context({ viewer, requestId: 'r', clientRequestId } as BaseContext).clientRequestId;
    expect(context('abc.DEF_1:2-3')).toBe('abc.DEF_1:2-3');
    expect(context('a'.repeat(65))).toBeNull();
    expect(context('with space')).toBeNull();
    expect(context(undefined)).toBeNull();
    expect(context(42)).toBeNull();
  });
});
