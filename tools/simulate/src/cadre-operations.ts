import { today } from '@pb/platform/calendar';
import type { GraphQLClient, GraphQLOutcome } from '@pb/platform/graphql-client';
import type { Operation } from './operation-kit.js';
import type { KnownBranch } from './world.js';

/**
 * 队伍建设 and 换届, as a branch's Party-affairs staff do them: a branch without a secretary appoints one;
 * otherwise it names reserve talent (most often: the guidance asks for 后备人才队伍建设), a deputy, a
 * committee member or a Party-affairs worker, or someone leaves a post (the secretary rarely, so some
 * branches are vacant for a while); a branch whose committee term has ended, or that has a committee and
 * no election recorded, elects its committee. Each first reads what the branch has, so none is refused.
 */

type Post = { id: string; role: string; from: string };
type Term = { electedOn: string; endsOn: string };

const pickOne = <T>(random: () => number, items: readonly T[]): T | undefined =>
  items.length === 0 ? undefined : items[Math.floor(random() * items.length)];

async function readBranch(
  gateway: GraphQLClient,
  branch: KnownBranch,
): Promise<{ staff: Post[]; committeeTerms: Term[] } | null> {
  const result = await gateway.request<{
    partyOrganization: { staff: Post[] | null; committeeTerms: Term[] | null } | null;
  }>(
    'query ($id: ID!) { partyOrganization(id: $id) { staff { id role from } committeeTerms { electedOn endsOn } } }',
    { id: branch.id },
  );
  const found = result.ok ? result.data.partyOrganization : null;
  if (!found?.staff || !found.committeeTerms) return null;
  return { staff: found.staff, committeeTerms: found.committeeTerms };
}

const OTHER_ROLES: ReadonlyArray<readonly [string, number]> = [
  ['RESERVE_TALENT', 5],
  ['DEPUTY_SECRETARY', 1],
  ['COMMITTEE_MEMBER', 2],
  ['FULL_TIME_STAFF', 1],
  ['PART_TIME_STAFF', 2],
];

function weightedRole(random: () => number): string {
  let roll = random() * OTHER_ROLES.reduce((sum, [, w]) => sum + w, 0);
  for (const [role, weight] of OTHER_ROLES) {
    roll -= weight;
    if (roll < 0) return role;
  }
  return 'RESERVE_TALENT';
}

const PEOPLE = [
  '王芳',
  '李娜',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄敏',
  '周杰',
  '吴婷',
  '徐峰',
  '孙悦',
];

/** Appoints, names or ends a post of a branch. */
export const staffPost: Operation = {
  name: 'staff',
  weight: 3,
  async run({ gateway, world, random }): Promise<GraphQLOutcome<unknown> | null> {
    const branch = pickOne(random, world.branches);
    if (!branch) return null;
    const read = await readBranch(gateway, branch);
    if (!read) return null;
    const day = today();
    const secretary = read.staff.find((s) => s.role === 'SECRETARY');
    // someone leaves a post today (a secretary seldom: the branch is then vacant until it appoints one)
    const leaving = pickOne(
      random,
      read.staff.filter((s) => s.role !== 'SECRETARY' || random() < 0.2),
    );
    if (secretary && leaving && random() < 0.25)
      return gateway.request(
        'mutation ($i: EndStaffAssignmentInput!) { endStaffAssignment(input: $i) { id to } }',
        { i: { id: leaving.id, to: day } },
      );
    return gateway.request('mutation ($i: AssignStaffInput!) { assignStaff(input: $i) { id role } }', {
      i: {
        partyOrganizationId: branch.id,
        role: secretary ? weightedRole(random) : 'SECRETARY',
        personName: pickOne(random, PEOPLE),
        from: day,
      },
    });
  },
};

/** 换届: a branch with a committee elects it when its term has ended (or none is recorded). */
export const electCommittee: Operation = {
  name: 'committee-election',
  weight: 1,
  async run({ gateway, world, random }): Promise<GraphQLOutcome<unknown> | null> {
    const branch = pickOne(
      random,
      world.branches.filter((b) => b.hasCommittee),
    );
    if (!branch) return null;
    const read = await readBranch(gateway, branch);
    if (!read) return null;
    const day = today();
    const latest = read.committeeTerms[0];
    if (latest && (latest.endsOn > day || latest.electedOn >= day)) return null;
    return gateway.request(
      'mutation ($i: RecordCommitteeElectionInput!) { recordCommitteeElection(input: $i) { id endsOn } }',
      { i: { partyOrganizationId: branch.id, electedOn: day } },
    );
  },
};
