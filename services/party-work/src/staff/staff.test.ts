import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';

let test: TestApp;
const BRANCHES = [
  '00000000-0000-4000-8000-000000000901',
  '00000000-0000-4000-8000-000000000902',
  '00000000-0000-4000-8000-000000000903',
];
const ASSIGN = 'mutation ($i: AssignStaffInput!) { assignStaff(input: $i) { id role personName from to } }';

beforeAll(async () => {
  test = await startTestApp();
  for (const [i, id] of BRANCHES.entries())
    await test.app.services.organizations.applyPartyOrganization(
      {
        id,
        name: `上海市网络社会组织第${i + 1}党支部`,
        type: 'BRANCH',
        formationMode: 'JOINT',
        regionCode: '310104',
        establishedAt: '2020-06-01',
      },
      1,
    );
});
afterAll(async () => {
  await test?.stop();
});

describe('staff', () => {
  it('keeps one secretary at a time and shows the current one on the Party organization', async () => {
    const first = await test.as<{ assignStaff: { id: string } }>('operator', ASSIGN, {
      i: { partyOrganizationId: BRANCHES[0], role: 'SECRETARY', personName: '陈静', from: '2021-01-01' },
    });
    expect(first.errors).toBeUndefined();
    const overlap = await test.as('operator', ASSIGN, {
      i: { partyOrganizationId: BRANCHES[0], role: 'SECRETARY', personName: '林强', from: '2024-01-01' },
    });
    expect(overlap.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'ONE_SECRETARY' });
    await test.as(
      'operator',
      'mutation ($i: EndStaffAssignmentInput!) { endStaffAssignment(input: $i) { to } }',
      {
        i: { id: first.data!.assignStaff.id, to: '2023-12-31' },
      },
    );
    expect(
      (
        await test.as('operator', ASSIGN, {
          i: { partyOrganizationId: BRANCHES[0], role: 'SECRETARY', personName: '林强', from: '2024-01-01' },
        })
      ).errors,
    ).toBeUndefined();
    for (const [role, personName] of [
      ['DEPUTY_SECRETARY', '何敏'],
      ['COMMITTEE_MEMBER', '高磊'],
      ['FULL_TIME_STAFF', '罗娟'],
      ['PART_TIME_STAFF', '郑涛'],
      ['RESERVE_TALENT', '梁超'],
    ])
      expect(
        (
          await test.as('operator', ASSIGN, {
            i: { partyOrganizationId: BRANCHES[0], role, personName, from: '2024-03-01' },
          })
        ).errors,
      ).toBeUndefined();
    await test.as('operator', ASSIGN, {
      i: { partyOrganizationId: BRANCHES[1], role: 'SECRETARY', personName: '谢军', from: '2022-01-01' },
    });

    // every key of one request in one query: secretaries of three organizations through _entities
    const result = await test.as<{
      _entities: Array<{
        id: string;
        secretary: { personName: string } | null;
        staff: Array<{ role: string }>;
      }>;
    }>(
      'analyst',
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on PartyOrganization { id secretary { personName from } staff { role } } } }`,
      { reps: BRANCHES.map((id) => ({ __typename: 'PartyOrganization', id })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((e) => e.secretary?.personName ?? null)).toEqual([
      '林强',
      '谢军',
      null,
    ]);
    expect(result.data?._entities[0]?.staff.map((s) => s.role)).toEqual([
      'SECRETARY',
      'DEPUTY_SECRETARY',
      'COMMITTEE_MEMBER',
      'FULL_TIME_STAFF',
      'PART_TIME_STAFF',
      'RESERVE_TALENT',
    ]);
    const alerts = await test.as<{
      workAlerts: { edges: Array<{ node: { branch: { id: string }; rule: string } }> };
    }>('analyst', '{ workAlerts(kinds: [NO_SECRETARY]) { edges { node { rule branch { id } } } } }');
    expect(alerts.data?.workAlerts.edges.map((e) => e.node.branch.id)).toEqual([BRANCHES[2]]);
  });

  it('refuses an end before the start and an operator of another region', async () => {
    const outside = await test.as(
      'operator',
      ASSIGN,
      { i: { partyOrganizationId: BRANCHES[2], role: 'SECRETARY', personName: '宋丽', from: '2024-01-01' } },
      '440000',
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await test.as('operator', ASSIGN, {
      i: {
        partyOrganizationId: BRANCHES[2],
        role: 'SECRETARY',
        personName: '宋丽',
        from: '2024-01-01',
        to: '2023-01-01',
      },
    });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATE_ORDER' });
  });

  it('holds a post by a member of its region only, and refuses names and dates a person cannot trust', async () => {
    const { organizations } = test.app.services;
    const ADD = 'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }';
    const member = async (organizationId: string, regionCode: string) => {
      await organizations.apply(
        { id: organizationId, name: `网络协会${regionCode}`, regionCode, status: 'ACTIVE' },
        1,
      );
      const added = await test.as<{ addPartyMember: { id: string } }>('operator', ADD, {
        input: {
          name: '成员甲',
          socialOrganizationId: organizationId,
          stage: 'FULL',
          stageSince: '2015-07-01',
        },
      });
      return added.data!.addPartyMember.id;
    };
    const shanghai = await member('00000000-0000-4000-8000-000000000911', '310104');
    const hangzhou = await member('00000000-0000-4000-8000-000000000912', '330106');
    const assign = (i: Record<string, unknown>, region: string | null = null) =>
      test.as<{ assignStaff: { id: string } }>(
        'operator',
        'mutation ($i: AssignStaffInput!) { assignStaff(input: $i) { id } }',
        {
          i: {
            partyOrganizationId: BRANCHES[2],
            role: 'COMMITTEE_MEMBER',
            personName: '成员甲',
            from: '2024-01-01',
            ...i,
          },
        },
        region,
      );
    const refusal = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
      result.errors?.[0]?.extensions;

    // another province's member: the same answer as an unknown id for a Shanghai operator, so nothing leaks
    expect(refusal(await assign({ memberId: hangzhou }, '310000'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.memberId',
      rule: 'MEMBER_KNOWN',
    });
    expect(
      refusal(await assign({ memberId: '00000000-0000-4000-8000-00000000dead' }, '310000')),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.memberId',
      rule: 'MEMBER_KNOWN',
    });
    // a national operator sees the member, who is still outside the Party organization's region
    expect(refusal(await assign({ memberId: hangzhou }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.memberId',
      rule: 'MEMBER_REGION',
    });
    const held = await assign({ memberId: shanghai }, '310000');
    expect(held.errors).toBeUndefined();
    const [row] = await test.app.dataSource.query('SELECT member_id FROM staff_assignment WHERE id = ?', [
      held.data!.assignStaff.id,
    ]);
    expect(row.member_id).toBe(shanghai);

    expect(refusal(await assign({ personName: '\u200B\u200B' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.personName',
      rule: 'TEXT_EMPTY',
    });
    expect(refusal(await assign({ personName: '陈\u202E静' }))).toMatchObject({
      field: 'input.personName',
      rule: 'TEXT_DIRECTION_CONTROL',
    });
    expect(refusal(await assign({ from: '0001-01-01' }))).toMatchObject({
      field: 'input.from',
      rule: 'DATE_BEFORE_PARTY_FOUNDED',
    });
    expect(refusal(await assign({ to: '9999-12-31' }))).toMatchObject({
      field: 'input.to',
      rule: 'DATE_TOO_FAR_AHEAD',
    });
  });
});
