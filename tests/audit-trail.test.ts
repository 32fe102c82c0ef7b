import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type System, startSystem } from './utils/system.js';

/** The audit log of personal data, read through the gateway as an auditor would. */

interface Reads {
  personalDataReads: {
    totalCount: number;
    edges: Array<{
      node: {
        readerSubject: string;
        readerRoles: string[];
        field: string;
        memberId: string | null;
        regionCode: string | null;
        operationName: string | null;
        requestId: string;
        clientRequestId: string | null;
      };
    }>;
  };
}

const READS = `query WhoReadWhom($filter: PersonalDataReadFilter) {
  personalDataReads(filter: $filter, first: 50) {
    totalCount
    edges { node { readerSubject readerRoles field memberId regionCode operationName requestId clientRequestId } }
  }
}`;

describe('audit trail through the gateway', () => {
  let system: System;

  beforeAll(async () => {
    system = await startSystem({ organizations: 10 });
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  it("lists to an auditor the reads of one member's personal data, and refuses an analyst", async () => {
    const members = await system.graphql<{
      partyMembers: { edges: Array<{ node: { id: string } }> };
    }>('{ partyMembers(first: 1) { edges { node { id } } } }', {}, { role: 'analyst' });
    expect(members.errors).toBeUndefined();
    const member = members.data!.partyMembers.edges[0]!.node;

    // an admin reads the member's ID number, sending a request id of its own
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await system.token('admin', null, 'admin-audited')}`,
        'x-request-id': 'client-trace-0042',
      },
      body: JSON.stringify({
        query: 'query LookUpMember($id: ID!) { partyMember(id: $id) { idNumber } }',
        variables: { id: member.id },
      }),
    });
    const read = (await response.json()) as { data?: { partyMember: { idNumber: string | null } } };
    expect(read.data?.partyMember.idNumber).toMatch(/^\d{17}[\dX]$/);

    const result = await system.graphql<Reads>(
      READS,
      { filter: { memberId: member.id } },
      { token: await system.token('auditor') },
    );
    expect(result.errors).toBeUndefined();
    const entries = result.data!.personalDataReads.edges.map((e) => e.node);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      readerSubject: 'admin-audited',
      readerRoles: ['admin'],
      field: 'ID_NUMBER',
      memberId: member.id,
      clientRequestId: 'client-trace-0042',
    });
    expect(entries[0]!.regionCode).toMatch(/^\d{6}$/);
    // the request id is the gateway's own, never the client's
    expect(entries[0]!.requestId).not.toBe('client-trace-0042');
    expect(entries[0]!.requestId).toMatch(/\S{8,}/);
    expect(JSON.stringify(result)).not.toContain(read.data!.partyMember.idNumber!);

    const analyst = await system.graphql(READS, { filter: { memberId: member.id } }, { role: 'analyst' });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(analyst.errors?.[0]?.message).toMatch(/auditor/);
  });
});
