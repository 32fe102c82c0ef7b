import { addMonths, today } from '@pb/platform/calendar';
import { GATEWAY_PASS_HEADER, GatewayPassSigner } from '@pb/platform/gateway-pass';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithOrganization, type TestApp } from '../test-support.js';
import { maskIdNumber, maskPhone, withIdCheck } from './personal-data.cipher.js';

let test: TestApp;
const ORG = '00000000-0000-4000-8000-000000000301';
const BRANCH = '00000000-0000-4000-8000-000000000401';
const ID_NUMBER = withIdCheck('11010819900307123');
const PHONE = '13812345678';
const MASKED = { idNumber: maskIdNumber(ID_NUMBER), phone: maskPhone(PHONE) };
const RAW = { idNumber: ID_NUMBER, phone: PHONE };
let memberId: string;

const PERSONAL = 'idNumber phone';
type Path = Array<string | number>;
const dig = (data: unknown, path: Path): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], data);

const PATHS: Array<[string, string, Path]> = [
  ['partyMember', `query ($id: ID!) { partyMember(id: $id) { ${PERSONAL} } }`, ['partyMember']],
  [
    'partyMembers',
    `{ partyMembers(first: 500) { edges { node { id ${PERSONAL} } } } }`,
    ['partyMembers', 'edges', 0, 'node'],
  ],
  [
    '_entities PartyMember',
    `query ($id: ID!) { _entities(representations: [{ __typename: "PartyMember", id: $id }]) { ... on PartyMember { ${PERSONAL} } } }`,
    ['_entities', 0],
  ],
  [
    '_entities SocialOrganization.partyMembers',
    `query { _entities(representations: [{ __typename: "SocialOrganization", id: "${ORG}" }]) { ... on SocialOrganization { partyMembers { edges { node { ${PERSONAL} } } } } } }`,
    ['_entities', 0, 'partyMembers', 'edges', 0, 'node'],
  ],
  [
    '_entities PartyOrganization.members',
    `query { _entities(representations: [{ __typename: "PartyOrganization", id: "${BRANCH}" }]) { ... on PartyOrganization { members { edges { node { ${PERSONAL} } } } } } }`,
    ['_entities', 0, 'members', 'edges', 0, 'node'],
  ],
  [
    'workAlerts member',
    `{ workAlerts(kinds: [APPLICANT_TALK_OVERDUE]) { edges { node { member { ${PERSONAL} } } } } }`,
    ['workAlerts', 'edges', 0, 'node', 'member'],
  ],
];

beforeAll(async () => {
  test = await startWithOrganization(
    { id: ORG, name: '北京市网络安全协会', regionCode: '110108' },
    { id: BRANCH, name: '北京市网络安全协会党支部', establishedAt: '2019-05-01' },
  );
  const added = await test.as<{ addPartyMember: { id: string; idNumber: string; phone: string } }>(
    'operator',
    `mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id ${PERSONAL} } }`,
    {
      input: {
        name: '刘洋',
        socialOrganizationId: ORG,
        branchId: BRANCH,
        idNumber: ID_NUMBER,
        phone: PHONE,
        stageSince: addMonths(today(), -3),
      },
    },
  );
  expect(added.errors).toBeUndefined();
  // the operator who typed it in gets it back masked too
  expect(added.data?.addPartyMember).toMatchObject(MASKED);
  memberId = added.data!.addPartyMember.id;
});
afterAll(async () => {
  await test?.stop();
});

const auditCount = async () =>
  Number((await test.app.dataSource.query('SELECT COUNT(*) AS n FROM personal_data_read'))[0].n);

describe('personal data at rest', () => {
  it('stores ID number and phone only encrypted, with keyed hashes', async () => {
    const [row] = await test.app.dataSource.query('SELECT * FROM party_member WHERE id = ?', [memberId]);
    const dump = JSON.stringify(row, (_k, v) =>
      v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
    );
    expect(dump).not.toContain(ID_NUMBER);
    expect(dump).not.toContain(PHONE);
    expect(dump).not.toContain(ID_NUMBER.slice(-4) + PHONE.slice(0, 3));
    expect(row.id_number_enc.length).toBeGreaterThan(28);
    expect(row.id_number_hash.length).toBe(32);
  });
});

describe('no personal field leaves unmasked for a role without the right', () => {
  it.each(PATHS)('%s is masked for analyst and operator', async (_name, query, pick) => {
    const before = await auditCount();
    for (const role of ['analyst', 'operator'] as const) {
      const result = await test.as(role, query, { id: memberId });
      expect(result.errors).toBeUndefined();
      expect(dig(result.data, pick)).toMatchObject(MASKED);
    }
    expect(await auditCount()).toBe(before);
  });

  it.each(PATHS)('%s is raw for admin, and each raw read is audited', async (_name, query, pick) => {
    const before = await auditCount();
    const result = await test.as('admin', query, { id: memberId });
    expect(result.errors).toBeUndefined();
    expect(dig(result.data, pick)).toMatchObject(RAW);
    const rows = await test.app.dataSource.query(
      'SELECT viewer_subject, viewer_role, member_id, field, request_id, read_at FROM personal_data_read ORDER BY seq DESC LIMIT 2',
    );
    expect(await auditCount()).toBe(before + 2);
    expect(rows.map((r: { field: string }) => r.field).sort()).toEqual(['idNumber', 'phone']);
    expect(rows[0]).toMatchObject({
      viewer_subject: 'test-admin',
      viewer_role: 'admin',
      member_id: memberId,
    });
    expect(rows[0].request_id).toMatch(/\S{8,}/);
  });

  /** Reads the member's ID number over HTTP as the gateway sends it, with these request ids in its pass. */
  const readAsGateway = async (ids: { requestId: string; clientRequestId: string | null }) => {
    const body = JSON.stringify({ query: `{ partyMember(id: "${memberId}") { idNumber } }` });
    const pass = new GatewayPassSigner(test.env.common.auth.gatewaySecret).forRequest(
      { subject: 'test-admin', roles: ['admin'], regionCode: null },
      body,
      ids,
    );
    const response = await fetch(test.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_PASS_HEADER]: pass },
      body,
    });
    const result = (await response.json()) as {
      data?: { partyMember: { idNumber: string } };
      errors?: unknown;
    };
    const [row] = await test.app.dataSource.query(
      'SELECT request_id, client_request_id, field FROM personal_data_read ORDER BY seq DESC LIMIT 1',
    );
    return { result, row };
  };

  it("records the gateway's request id, and the client's own beside it", async () => {
    const { result, row } = await readAsGateway({
      requestId: 'gw-trace-0001',
      clientRequestId: 'audit-trace-0001',
    });
    expect(result.data?.partyMember.idNumber).toBe(ID_NUMBER);
    expect(row).toEqual({
      request_id: 'gw-trace-0001',
      client_request_id: 'audit-trace-0001',
      field: 'idNumber',
    });
  });

  it('reads personal data whatever the length of the request ids, keeping only what fits and is well formed', async () => {
    const long = 'a'.repeat(200);
    const { result, row } = await readAsGateway({ requestId: long, clientRequestId: long });
    expect(result.errors).toBeUndefined();
    expect(result.data?.partyMember.idNumber).toBe(ID_NUMBER);
    expect(row).toEqual({ request_id: 'a'.repeat(64), client_request_id: null, field: 'idNumber' });
  });

  it('keeps the audit table append-only', async () => {
    await expect(
      test.app.dataSource.query("UPDATE personal_data_read SET viewer_subject = 'x'"),
    ).rejects.toThrow(/append-only/);
    await expect(test.app.dataSource.query('DELETE FROM personal_data_read')).rejects.toThrow(/append-only/);
  });

  it('masks partyMemberAdded for an analyst and shows it raw to an admin', async () => {
    const document = parse(`subscription { partyMemberAdded(regionCode: "110000") { name ${PERSONAL} } }`);
    const open = async (role: 'analyst' | 'admin') =>
      (await subscribe({
        schema: test.app.schema,
        document,
        contextValue: test.app.context({
          viewer: new Viewer(`sub-${role}`, [role], null),
          requestId: `sub-${role}`,
        }),
      })) as AsyncIterableIterator<ExecutionResult>;
    const analyst = await open('analyst');
    const admin = await open('admin');
    // the pubsub listens from the first pull on
    const events = Promise.all([analyst.next(), admin.next()]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const phone = '13987654321';
    const idNumber = withIdCheck('11010819850101456');
    const added = await test.as(
      'operator',
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      {
        input: { name: '周杰', socialOrganizationId: ORG, idNumber, phone },
      },
    );
    expect(added.errors).toBeUndefined();
    const [forAnalyst, forAdmin] = (await events) as Array<{ value: { data: Record<string, unknown> } }>;
    expect(forAnalyst!.value.data.partyMemberAdded).toEqual({
      name: '周杰',
      idNumber: maskIdNumber(idNumber),
      phone: maskPhone(phone),
    });
    expect(forAdmin!.value.data.partyMemberAdded).toEqual({ name: '周杰', idNumber, phone });
    await analyst.return?.();
    await admin.return?.();
  });

  it('gives a wall token no member records at all', async () => {
    for (const [, query] of PATHS.slice(0, 2)) {
      const result = await test.as('wall', query, { id: memberId });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('masks to the documented shapes', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110***********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
