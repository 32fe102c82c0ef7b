import { addDays, addMonths, today } from '@pb/platform/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support.js';

/**
 * 换届: elections recorded with their rules, read back newest first by roles that read records in their
 * region; COMMITTEE_TERM_ENDED appears when a branch committee's term has passed and clears with a newer
 * election; and NO_SECRETARY waits out the 90-day grace of a vacancy.
 */
let test: TestApp;
const DAY = today();
const uuid = (n: number) => `00000000-0000-4000-8000-00000000130${n}`;
const BRANCH = uuid(1);
const COMMITTEE = uuid(2);
const NEW_BRANCH = uuid(3);
const ELECT =
  'mutation ($i: RecordCommitteeElectionInput!) { recordCommitteeElection(input: $i) { id electedOn termYears endsOn } }';
const TERMS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on PartyOrganization { id committeeTerms { electedOn termYears endsOn } } } }`;
const ALERTS = `query ($kinds: [WorkAlertKind!]) { workAlerts(kinds: $kinds, first: 100) {
  edges { node { kind message dueOn branch { id } } } } }`;

beforeAll(async () => {
  test = await startTestApp();
  const { organizations } = test.app.services;
  for (const [id, type, establishedAt] of [
    [BRANCH, 'BRANCH', '2015-03-01'],
    [COMMITTEE, 'COMMITTEE', '2012-06-01'],
    [NEW_BRANCH, 'BRANCH', addDays(DAY, -30)],
  ] as const)
    await organizations.applyPartyOrganization(
      {
        id,
        name: `南京市网络社会组织${type}`,
        type,
        formationMode: 'STANDALONE',
        regionCode: '320106',
        establishedAt,
        hasCommittee: id === NEW_BRANCH,
      },
      1,
    );
});
afterAll(async () => {
  await test?.stop();
});

const elect = (i: Record<string, unknown>, region: string | null = null) =>
  test.as<{ recordCommitteeElection: { electedOn: string; termYears: number; endsOn: string } }>(
    'operator',
    ELECT,
    { i },
    region,
  );
const refusal = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions;
const alerts = async (kind: string) =>
  (
    await test.as<{
      workAlerts: { edges: Array<{ node: { message: string; dueOn: string; branch: { id: string } } }> };
    }>('analyst', ALERTS, { kinds: [kind] })
  ).data!.workAlerts.edges.map((e) => e.node);

describe('committee terms (换届)', () => {
  it('records elections with the term of the type, refusing what the rules do not allow', async () => {
    const first = await elect({ partyOrganizationId: BRANCH, electedOn: '2019-04-10' });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordCommitteeElection).toMatchObject({ termYears: 3, endsOn: '2022-04-10' });
    const committee = await elect({ partyOrganizationId: COMMITTEE, electedOn: '2023-01-05' });
    expect(committee.data!.recordCommitteeElection).toMatchObject({ termYears: 5, endsOn: '2028-01-05' });

    expect(
      refusal(await elect({ partyOrganizationId: COMMITTEE, electedOn: '2024-01-05', termYears: 3 })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.termYears', rule: 'COMMITTEE_TERM_YEARS' });
    expect(refusal(await elect({ partyOrganizationId: BRANCH, electedOn: addDays(DAY, 1) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'DATE_IN_FUTURE',
    });
    expect(refusal(await elect({ partyOrganizationId: BRANCH, electedOn: '2014-12-31' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'ELECTION_BEFORE_ESTABLISHED',
    });
    expect(refusal(await elect({ partyOrganizationId: BRANCH, electedOn: '2019-04-10' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'ELECTION_ORDER',
    });
    expect(refusal(await elect({ partyOrganizationId: BRANCH, electedOn: '2018-01-01' }))).toMatchObject({
      rule: 'ELECTION_ORDER',
    });
    // an operator of another region may not record it; a wall may not write
    expect(
      refusal(await elect({ partyOrganizationId: BRANCH, electedOn: '2020-01-01' }, '440000')),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const wall = await test.as('wall', ELECT, {
      i: { partyOrganizationId: BRANCH, electedOn: '2020-01-01' },
    });
    expect(refusal(wall)?.code).toBe('FORBIDDEN');
  });

  it('raises COMMITTEE_TERM_ENDED when the term has passed, and clears it with a newer election', async () => {
    const ended = await alerts('COMMITTEE_TERM_ENDED');
    expect(ended.map((a) => [a.branch.id, a.dueOn])).toEqual([[BRANCH, '2022-04-10']]);
    expect(ended[0]!.message).toContain('换届');
    const again = await elect({ partyOrganizationId: BRANCH, electedOn: addMonths(DAY, -2), termYears: 5 });
    expect(again.errors).toBeUndefined();
    expect(await alerts('COMMITTEE_TERM_ENDED')).toEqual([]);

    // a committee with no election recorded is in its first term from its establishment (3 years)
    const keeper = test.app.services.workAlertKeeper;
    await keeper.reconcile(addDays(addMonths(addDays(DAY, -30), 36), 1));
    expect((await alerts('COMMITTEE_TERM_ENDED')).map((a) => a.branch.id)).toEqual([NEW_BRANCH]);
    await keeper.reconcile(DAY);
  });

  it('reads the terms newest first to roles that read records, in their region', async () => {
    const reps = [BRANCH, COMMITTEE].map((id) => ({ __typename: 'PartyOrganization', id }));
    const read = await test.as<{
      _entities: Array<{ id: string; committeeTerms: Array<{ electedOn: string; termYears: number }> }>;
    }>('analyst', TERMS, { reps });
    expect(read.errors).toBeUndefined();
    expect(read.data!._entities[0]!.committeeTerms.map((t) => t.electedOn)).toEqual([
      addMonths(DAY, -2),
      '2019-04-10',
    ]);
    expect(read.data!._entities[1]!.committeeTerms).toEqual([
      { electedOn: '2023-01-05', termYears: 5, endsOn: '2028-01-05' },
    ]);
    const wall = await test.as('wall', TERMS, { reps });
    expect(wall.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await test.as('analyst', TERMS, { reps }, '440000');
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('NO_SECRETARY after the grace period', () => {
  it('waits 90 days from the establishment or the last secretary, and clears with a secretary', async () => {
    const keeper = test.app.services.workAlertKeeper;
    const vacant = async () =>
      (await alerts('NO_SECRETARY')).filter((a) => a.branch.id === NEW_BRANCH).map((a) => a.dueOn);
    // established 30 days ago: within the grace
    expect(await vacant()).toEqual([]);
    const due = addDays(addDays(DAY, -30), 90);
    await keeper.reconcile(due);
    expect(await vacant()).toEqual([]);
    await keeper.reconcile(addDays(due, 1));
    expect(await vacant()).toEqual([due]);
    const assigned = await test.as<{ assignStaff: { id: string } }>(
      'operator',
      'mutation ($i: AssignStaffInput!) { assignStaff(input: $i) { id } }',
      {
        i: {
          partyOrganizationId: NEW_BRANCH,
          role: 'SECRETARY',
          personName: '周岚',
          from: addDays(DAY, -20),
        },
      },
    );
    expect(assigned.errors).toBeUndefined();
    expect(await vacant()).toEqual([]);
    // the secretary left 10 days ago: a new grace from that day
    await test.as(
      'operator',
      'mutation ($i: EndStaffAssignmentInput!) { endStaffAssignment(input: $i) { to } }',
      {
        i: { id: assigned.data!.assignStaff.id, to: addDays(DAY, -10) },
      },
    );
    expect(await vacant()).toEqual([]);
    await keeper.reconcile(addDays(DAY, 81));
    expect(await vacant()).toEqual([addDays(DAY, 80)]);
    await keeper.reconcile(DAY);
  });
});
