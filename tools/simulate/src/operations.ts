import { demoOrganizationName, demoPersonName, demoUscc } from '@pb/demo-data';
import { addDays, addMonths, chinaDate, today } from '@pb/platform/calendar';
import type { GraphQLClient, GraphQLOutcome } from '@pb/platform/graphql-client';

import { electCommittee, staffPost } from './cadre-operations.js';
import type { AdvancingStage, KnownBranch, KnownOrganization, World } from './world.js';

/**
 * The operations the simulator sends, each the way an operator would do it and within the domain's
 * rules (docs/domain.md), so that almost none is refused: an operation picks a record it may
 * act on from the world's pools, or says it has nothing to do (`null`) and another is drawn.
 * Weights: how often each is drawn; activities dominate, as they do in the Party-affairs staff's week.
 */

export interface OperationContext {
  gateway: GraphQLClient;
  world: World;
  random: () => number;
}

export interface Operation {
  /** Stable name, printed in the status line. */
  name: string;
  weight: number;
  /** Sends the operation (one or more requests); null when nothing in the pools fits it now. */
  run(context: OperationContext): Promise<GraphQLOutcome<unknown> | null>;
}

function pick<T>(random: () => number, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

function weighted<T>(random: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items.at(-1)![0];
}

const int = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** Runs `work` with the organizations marked busy, so no other operation acts on them meanwhile. */
async function holding<T>(world: World, ids: string[], work: () => Promise<T>): Promise<T> {
  for (const id of ids) world.busy.add(id);
  try {
    return await work();
  } finally {
    for (const id of ids) world.busy.delete(id);
  }
}

const TITLES: Record<string, string[]> = {
  GENERAL_MEETING: [
    '支部党员大会：学习贯彻党的二十届三中全会精神',
    '支部党员大会：讨论发展党员工作',
    '支部党员大会：通报季度党建工作',
  ],
  COMMITTEE_MEETING: ['支部委员会会议：研究本月党建工作安排', '支部委员会会议：讨论入党积极分子培养'],
  GROUP_MEETING: [
    '党小组会：学习《中国共产党章程》',
    '党小组会：交流网络文明建设体会',
    '党小组会：学习《中国共产党支部工作条例》',
  ],
  PARTY_LECTURE: ['党课：以党建引领网络社会组织健康发展', '书记讲党课：坚定理想信念，筑牢网络阵地'],
  THEMED_PARTY_DAY: [
    '主题党日：网络文明志愿服务',
    '主题党日：走进红色教育基地',
    '主题党日：清朗网络空间宣传',
  ],
  ORGANIZATIONAL_LIFE_MEETING: ['组织生活会：对照检查、批评与自我批评'],
  DEMOCRATIC_APPRAISAL: ['民主评议党员'],
};

/** 三会一课 and the rest, as often as a branch holds them. */
const recordActivity: Operation = {
  name: 'activity',
  weight: 40,
  async run({ gateway, world, random }) {
    const branch = pick(random, world.branches);
    if (!branch) return null;
    const type = weighted(random, [
      ['GROUP_MEETING', 30],
      ['THEMED_PARTY_DAY', 25],
      ['COMMITTEE_MEETING', branch.hasCommittee ? 15 : 0],
      ['GENERAL_MEETING', 12],
      ['PARTY_LECTURE', 12],
      ['ORGANIZATIONAL_LIFE_MEETING', 3],
      ['DEMOCRATIC_APPRAISAL', 3],
    ] as const);
    const mode = weighted(random, [
      ['OFFLINE', 60],
      ['ONLINE', 20],
      ['HYBRID', 20],
    ] as const);
    const expected = Math.max(branch.members, int(random, 3, 12));
    const excused = Math.floor(expected * random() * 0.1);
    const absent = Math.floor(expected * random() * 0.08);
    const attending = expected - excused - absent;
    const online = mode === 'ONLINE' ? attending : mode === 'HYBRID' ? Math.floor(attending * random()) : 0;
    // about half name what of the organization's own work they serve (业务、管理、文化建设、社会责任)
    const serves = weighted(random, [
      [null, 10],
      ['BUSINESS', 4],
      ['MANAGEMENT', 2],
      ['CULTURE', 3],
      ['SOCIAL_RESPONSIBILITY', 1],
    ] as const);
    return gateway.request(
      'mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }',
      {
        input: {
          branchId: branch.id,
          type,
          mode,
          title: pick(random, TITLES[type] ?? ['支部活动']),
          heldAt: heldAt(branch, random),
          expected,
          present: attending - online,
          online,
          excused,
          absent,
          serves,
        },
      },
    );
  },
};

/** Held in the last two days, but not before the branch was established (China dates). */
function heldAt(branch: KnownBranch, random: () => number): string {
  const now = Date.now();
  const candidate = new Date(now - 60_000 - random() * 2 * 86_400_000);
  if (chinaDate(candidate) >= branch.establishedAt) return candidate.toISOString();
  return new Date(now - 60_000).toISOString();
}

/** 入党申请: someone working at an organization applies to join. */
const applyToJoin: Operation = {
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
const transferIn: Operation = {
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
const advanceMember: Operation = {
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
const markWorkRole: Operation = {
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

const TALK_TOPICS = [
  '思想状况与工作困难',
  '落实组织生活制度情况',
  '本职工作与发挥先锋模范作用',
  '家庭与生活困难',
  '入党动机与对党的认识',
];

/**
 * 谈心谈话: a branch secretary talks with one to three Party members (each is owed a talk a year), now and
 * then with an applicant or activist of development (a talk within a month of applying, a review every six
 * months), held today: 谈心谈话覆盖率 and the YEARLY_TALK_MISSING alerts move.
 */
const recordTalk: Operation = {
  name: 'talk',
  weight: 5,
  async run({ gateway, world, random }) {
    const party = [...world.fullMembers, ...(world.members.get('PROBATIONARY') ?? [])];
    const developing = [...(world.members.get('APPLICANT') ?? []), ...(world.members.get('ACTIVIST') ?? [])];
    const pool = random() < 0.8 && party.length > 0 ? party : developing;
    const participants = [
      ...new Set(Array.from({ length: int(random, 1, 3) }, () => pick(random, pool)?.id)),
    ].filter((id): id is string => Boolean(id));
    if (participants.length === 0) return null;
    return gateway.request('mutation ($input: RecordTalkInput!) { recordTalk(input: $input) { id } }', {
      input: {
        heldOn: today(),
        topic: pick(random, TALK_TOPICS)!,
        talker: `支部书记${demoPersonName(random)}`,
        participantIds: participants,
      },
    });
  },
};

/**
 * 民主评议党员: a branch grades a Party member of this year (now and then 不合格), once; a member graded
 * 不合格 is followed up later (限期改正 within six months, 劝其退党 or 除名), so the alert of a grade not yet
 * followed up comes and goes. Only probationary members are in the world's pools; full members are
 * graded as they pass through it.
 */
const appraise: Operation = {
  name: 'appraisal',
  weight: 3,
  async run({ gateway, world, random }) {
    const member = pick(random, world.members.get('PROBATIONARY') ?? []);
    if (!member) return null;
    const read = await gateway.request<{
      partyMember: {
        appraisals: Array<{ id: string; year: number; grade: string; followUp: { action: string } | null }>;
      } | null;
    }>('query ($id: ID!) { partyMember(id: $id) { appraisals { id year grade followUp { action } } } }', {
      id: member.id,
    });
    if (!read.ok) return read;
    if (!read.data.partyMember) return null;
    const day = today();
    const { appraisals } = read.data.partyMember;
    const open = appraisals.find((a) => a.grade === 'UNQUALIFIED' && !a.followUp);
    if (open) {
      const action = weighted(random, [
        ['LIMITED_CORRECTION', 8],
        ['PERSUADED_TO_WITHDRAW', 1],
        ['REMOVED', 1],
      ] as const);
      return gateway.request(
        'mutation ($input: RecordAppraisalFollowUpInput!) { recordAppraisalFollowUp(input: $input) { id } }',
        {
          input: {
            appraisalId: open.id,
            action,
            decidedOn: day,
            correctBy: action === 'LIMITED_CORRECTION' ? addMonths(day, 6) : null,
          },
        },
      );
    }
    const year = Number(day.slice(0, 4));
    if (appraisals.some((a) => a.year === year)) return null;
    const grade = weighted(random, [
      ['EXCELLENT', 20],
      ['QUALIFIED', 70],
      ['BASICALLY_QUALIFIED', 6],
      ['UNQUALIFIED', 4],
    ] as const);
    return gateway.request(
      'mutation ($input: RecordAppraisalInput!) { recordAppraisal(input: $input) { id } }',
      {
        input: { memberId: member.id, year, grade, appraisedOn: day },
      },
    );
  },
};

/** 登记: a new network social organization registers with civil affairs (a valid USCC). */
const registerOrganization: Operation = {
  name: 'registration',
  weight: 8,
  async run({ gateway, world, random }) {
    const county = pick(random, world.counties);
    if (!county) return null;
    const city = world.region(county.parentCode ?? '') ?? county;
    const scope = city.level === 'PROVINCE' && random() < 0.5 ? county : city;
    const { name, type, category, kind } = demoOrganizationName(random, scope.name);
    const charterClause = weighted(random, [
      ['PENDING', 40],
      ['BASIC', 30],
      ['MISSING', 20],
      ['FULL_LEADERSHIP', 10],
    ] as const);
    const result = await gateway.request<{
      registerSocialOrganization: { id: string; name: string; region: { code: string } };
    }>(
      'mutation ($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id name region { code } } }',
      {
        input: {
          uscc: demoUscc(random, category, county.code),
          name,
          type,
          category: kind,
          regionCode: county.code,
          registeredAt: today(),
          registrationAuthority: `${scope.name}民政局`,
          staffCount: int(random, 3, 120),
          charterClause,
        },
      },
    );
    if (result.ok) {
      const registered = result.data.registerSocialOrganization;
      world.organizations.push({
        id: registered.id,
        name: registered.name,
        regionCode: registered.region.code,
        eligible: false,
        fullMembers: 0,
        charterClause,
        partyOrganizationId: null,
        workCovered: false,
      });
    }
    return result;
  },
};

/**
 * 应建尽建: an eligible organization (≥ 3 full members) without a Party organization sets up its own
 * branch (with a committee from 7 full members); where none is eligible, two or three small uncovered
 * organizations of one county form a joint branch (at most five units).
 */
const establishPartyOrganization: Operation = {
  name: 'party-organization',
  weight: 5,
  async run({ gateway, world, random }) {
    const standalone = pick(
      random,
      world.idle((o) => o.eligible && o.partyOrganizationId === null),
    );
    const day = today();
    if (standalone) {
      return holding(world, [standalone.id], () =>
        establish(gateway, world, [standalone], {
          name: `中共${standalone.name}支部委员会`,
          type: 'BRANCH',
          formationMode: 'STANDALONE',
          regionCode: standalone.regionCode,
          establishedAt: day,
          hasCommittee: standalone.fullMembers >= 7,
          coveredOrganizationIds: [standalone.id],
        }),
      );
    }
    const uncovered = world.idle((o) => o.partyOrganizationId === null);
    const seed = pick(random, uncovered);
    if (!seed) return null;
    const neighbours = uncovered.filter((o) => o.regionCode === seed.regionCode).slice(0, int(random, 2, 3));
    if (neighbours.length < 2) return null;
    const county = world.region(seed.regionCode);
    return holding(
      world,
      neighbours.map((o) => o.id),
      () =>
        establish(gateway, world, neighbours, {
          name: `中共${county?.name ?? ''}网络社会组织第${int(random, 1, 99)}联合支部委员会`,
          type: 'BRANCH',
          formationMode: 'JOINT',
          regionCode: seed.regionCode,
          establishedAt: day,
          hasCommittee: false,
          coveredOrganizationIds: neighbours.map((o) => o.id),
        }),
    );
  },
};

async function establish(
  gateway: GraphQLClient,
  world: World,
  covered: KnownOrganization[],
  input: Record<string, unknown>,
): Promise<GraphQLOutcome<unknown>> {
  const result = await gateway.request<{
    establishPartyOrganization: { id: string; name: string; establishedAt: string; hasCommittee: boolean };
  }>(
    'mutation ($input: EstablishPartyOrganizationInput!) { establishPartyOrganization(input: $input) { id name establishedAt hasCommittee } }',
    { input },
  );
  if (result.ok) {
    const party = result.data.establishPartyOrganization;
    for (const organization of covered) {
      organization.partyOrganizationId = party.id;
      organization.workCovered = true;
    }
    world.branches.push({
      id: party.id,
      name: party.name,
      regionCode: String(input.regionCode),
      establishedAt: party.establishedAt,
      hasCommittee: party.hasCommittee,
      members: 0,
      posts: [],
    });
  }
  return result;
}

/** 工作覆盖: a blank spot gets an instructor or liaison, or a union or Youth League body. */
const addWorkCoverage: Operation = {
  name: 'work-coverage',
  weight: 6,
  async run({ gateway, world, random }) {
    const organization = pick(
      random,
      world.idle((o) => !o.workCovered),
    );
    if (!organization) return null;
    const kind = weighted(random, [
      ['INSTRUCTOR', 5],
      ['LIAISON', 2],
      ['UNION', 2],
      ['YOUTH_LEAGUE', 1],
    ] as const);
    const person = kind === 'INSTRUCTOR' || kind === 'LIAISON';
    return holding(world, [organization.id], async () => {
      const result = await gateway.request(
        'mutation ($input: AddWorkCoverageInput!) { addWorkCoverage(input: $input) { id } }',
        {
          input: {
            socialOrganizationId: organization.id,
            kind,
            since: today(),
            ...(person ? { personName: demoPersonName(random), lastContactAt: today() } : {}),
          },
        },
      );
      if (result.ok) organization.workCovered = true;
      return result;
    });
  },
};

/** 党建入章: an organization writes the Party-building clause into its charter. */
const writeCharterClause: Operation = {
  name: 'charter',
  weight: 4,
  async run({ gateway, world, random }) {
    const organization = pick(
      random,
      world.idle((o) => o.charterClause === 'MISSING' || o.charterClause === 'PENDING'),
    );
    if (!organization) return null;
    const clause = random() < 0.7 ? 'BASIC' : 'FULL_LEADERSHIP';
    return holding(world, [organization.id], async () => {
      const result = await gateway.request(
        'mutation ($id: ID!, $clause: CharterClause!, $on: String!) { setCharterClause(socialOrganizationId: $id, clause: $clause, changedOn: $on) { id } }',
        { id: organization.id, clause, on: today() },
      );
      if (result.ok) organization.charterClause = clause;
      return result;
    });
  },
};

/**
 * 经费: money received for a branch's Party work (dues allocated back, a special fund, a project grant),
 * so the wall's funding by source moves too; amounts in whole yuan, as vouchers are.
 */
const recordFunding: Operation = {
  name: 'funding',
  weight: 3,
  async run({ gateway, world, random }) {
    const branch = pick(random, world.branches);
    if (!branch) return null;
    const [source, minYuan, maxYuan] = weighted(random, [
      [['DUES_ALLOCATION', 200, 3_000], 35],
      [['SOCIAL_CONSTRUCTION_FUND', 5_000, 50_000], 15],
      [['REWARD_IN_LIEU', 2_000, 20_000], 15],
      [['PROJECT', 10_000, 80_000], 10],
      [['FISCAL_SPECIAL', 5_000, 30_000], 10],
      [['SELF_RAISED', 500, 10_000], 15],
    ] as const);
    return gateway.request('mutation ($input: RecordFundingInput!) { recordFunding(input: $input) { id } }', {
      input: {
        source,
        amountFen: int(random, minYuan, maxYuan) * 100,
        receivedOn: today(),
        partyOrganizationId: branch.id,
      },
    });
  },
};

const COURSES = [
  '学习贯彻习近平新时代中国特色社会主义思想专题培训',
  '党章党规党纪集中学习',
  '网络社会组织党务工作者示范培训班',
  '支部书记轮训',
];

/**
 * 教育培训: a course a Party member or a staff post's holder took (by the member when a member holds the
 * post), in class hours, so the wall's training attainment moves towards the 32 and 56 hours of the year.
 */
const recordTraining: Operation = {
  name: 'training',
  weight: 5,
  async run({ gateway, world, random }) {
    const posts = world.branches.flatMap((branch) => branch.posts).filter((p) => p.role !== 'RESERVE_TALENT');
    const post = random() < 0.3 ? pick(random, posts) : undefined;
    const memberId =
      post?.memberId ??
      (post ? null : pick(random, [...world.fullMembers, ...(world.members.get('PROBATIONARY') ?? [])])?.id);
    if (!post && !memberId) return null;
    return gateway.request(
      'mutation ($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }',
      {
        input: {
          ...(memberId ? { memberId } : { staffAssignmentId: post!.id }),
          title: pick(random, COURSES)!,
          startedOn: addDays(today(), -int(random, 0, 3)),
          hours: weighted(random, [
            [4, 30],
            [8, 35],
            [16, 20],
            [24, 10],
            [40, 5],
          ] as const),
        },
      },
    );
  },
};

/** Every operation of the mix, with its weight. */
export const OPERATIONS: readonly Operation[] = [
  recordActivity,
  applyToJoin,
  transferIn,
  advanceMember,
  markWorkRole,
  recordTalk,
  appraise,
  registerOrganization,
  establishPartyOrganization,
  addWorkCoverage,
  writeCharterClause,
  recordFunding,
  staffPost,
  electCommittee,
  recordTraining,
];

/** Draws an operation by weight; when it has nothing to do, another, and at last an activity. */
export async function runOne(
  context: OperationContext,
  operations: readonly Operation[] = OPERATIONS,
): Promise<{ name: string; outcome: GraphQLOutcome<unknown> } | null> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const operation = weighted(
      context.random,
      operations.map((o) => [o, o.weight] as const),
    );
    const outcome = await operation.run(context);
    if (outcome) return { name: operation.name, outcome };
  }
  const outcome = await recordActivity.run(context);
  return outcome ? { name: recordActivity.name, outcome } : null;
}
