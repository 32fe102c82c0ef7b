import { chinaDate } from '@pb/platform/calendar';
import { int, type Operation, pick, weighted } from './operation-kit.js';
import type { KnownBranch } from './world.js';

/** 组织生活: the activities a branch holds, the most frequent of the operations. */

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
export const recordActivity: Operation = {
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
