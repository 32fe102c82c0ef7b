import { demoPersonName } from '@pb/demo-data';
import { addDays, today } from '@pb/platform/calendar';
import { int, type Operation, pick, weighted } from './operation-kit.js';
import type { AdvancingStage } from './world.js';

/** 党员发展 and the rolls: applications, transfers in, steps of development, and a member's part at work. */

/** 入党申请: someone working at an organization applies to join. */
export const applyToJoin: Operation = {
  name: 'application',
  weight: 12,
  async run({ gateway, world, random }) {
    const organization = pick(random, world.organizations);
    if (!organization) return null;
    const year = int(random, 1970, 2004);
    return gateway.request(
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      {
        input: {
          name: demoPersonName(random),
          socialOrganizationId: organization.id,
          stage: 'APPLICANT',
          birthDate: `${year}-${String(int(random, 1, 12)).padStart(2, '0')}-${String(int(random, 1, 28)).padStart(2, '0')}`,
        },
      },
    );
  },
};

/** 组织关系转入: a full member moves in, to an organization's covering branch. */
export const transferIn: Operation = {
  name: 'transfer-in',
  weight: 6,
  async run({ gateway, world, random }) {
    const organization = pick(
      random,
      world.organizations.filter((o) => o.partyOrganizationId !== null),
    );
    if (!organization) return null;
    const result = await gateway.request(
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      {
        input: {
          name: demoPersonName(random),
          socialOrganizationId: organization.id,
          branchId: organization.partyOrganizationId,
          stage: 'FULL',
          transferredIn: true,
        },
      },
    );
    if (result.ok) organization.fullMembers++;
    return result;
  },
};

const NEXT: Record<AdvancingStage, string> = {
  APPLICANT: 'ACTIVIST',
  ACTIVIST: 'CANDIDATE',
  CANDIDATE: 'PROBATIONARY',
  PROBATIONARY: 'FULL',
};

/**
 * One step of development, for a member whose step the rules allow today: an activist of a year or
 * more becomes a candidate; a candidate gets the 24-hour short training (《发展党员工作细则》 Art. 19) before
 * admission, which comes with a passed review and two introducers; conversion only once probation is over.
 */
export const advanceMember: Operation = {
  name: 'stage-change',
  weight: 14,
  async run({ gateway, world, random }) {
    const stages = (['APPLICANT', 'ACTIVIST', 'CANDIDATE', 'PROBATIONARY'] as const).filter(
      (stage) => world.readyToAdvance(stage).length > 0,
    );
    const stage = pick(random, stages);
    if (!stage) return null;
    const member = pick(random, world.readyToAdvance(stage))!;
    world.take(stage, member);
    const day = today();
    if (stage === 'CANDIDATE' && member.trainingHours < 24) {
      const training = await gateway.request(
        'mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }',
        {
          input: {
            memberId: member.id,
            title: '发展对象短期集中培训',
            startedOn: addDays(day, -3) < member.stageSince ? member.stageSince : addDays(day, -3),
            hours: 24,
          },
        },
      );
      if (!training.ok) return training;
    }
    const admission = stage === 'CANDIDATE';
    return gateway.request(
      'mutation ($input: AdvancePartyMemberInput!) { advancePartyMember(input: $input) { id stage } }',
      {
        input: {
          memberId: member.id,
          stage: NEXT[stage],
          effectiveOn: day,
          approvedBy: stage === 'APPLICANT' || stage === 'ACTIVIST' ? '支部委员会' : '支部党员大会',
          ...(admission
            ? { politicalReviewPassed: true, introducers: [demoPersonName(random), demoPersonName(random)] }
            : {}),
        },
      },
    );
  },
};

/**
 * A branch marks a Party member as 业务骨干 or 管理层 (把党员培养成业务骨干), or, now and then, clears the
 * mark: the 队伍建设 figures move.
 */
export const markWorkRole: Operation = {
  name: 'work-role',
  weight: 3,
  async run({ gateway, world, random }) {
    const member = pick(random, world.members.get('PROBATIONARY') ?? []);
    if (!member) return null;
    const workRole = weighted(random, [
      ['BUSINESS_BACKBONE', 6],
      ['MANAGEMENT', 2],
      [null, 1],
    ] as const);
    return gateway.request(
      'mutation ($input: SetMemberWorkRoleInput!) { setMemberWorkRole(input: $input) { id workRole } }',
      { input: { memberId: member.id, workRole } },
    );
  },
};
