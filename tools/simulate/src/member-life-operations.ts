import { demoPersonName } from '@pb/demo-data';
import { addDays, addMonths, today } from '@pb/platform/calendar';
import { int, type Operation, pick, weighted } from './operation-kit.js';

/** A Party member's year: talks, the yearly appraisal and its follow-up, and training hours. */

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
export const recordTalk: Operation = {
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
export const appraise: Operation = {
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
export const recordTraining: Operation = {
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
