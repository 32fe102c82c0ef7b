import { loadRegions, type RegionRecord } from '@pb/platform/regions';
import { organizationCodeCheck, usccCheckCharacter } from '@pb/platform/uscc';

/**
 * Deterministic demo data, the same on every machine for the same seed. Both subgraphs' seeds draw from
 * it, so party-work's members refer to exactly the organizations the organization subgraph seeded.
 */

export type DemoOrganizationType = 'SOCIAL_ASSOCIATION' | 'FOUNDATION' | 'SOCIAL_SERVICE_ORGANIZATION';
export type DemoMemberStage = 'APPLICANT' | 'ACTIVIST' | 'CANDIDATE' | 'PROBATIONARY' | 'FULL';

export interface DemoOrganization {
  id: string;
  uscc: string;
  name: string;
  type: DemoOrganizationType;
  regionCode: string;
  registeredAt: string;
  registrationAuthority: string;
  staffCount: number;
}

export interface DemoMember {
  id: string;
  name: string;
  stage: DemoMemberStage;
  socialOrganizationId: string;
  regionCode: string;
}

/** mulberry32: small, fast, and good enough for plausible data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Picks an item with probability proportional to its weight. */
function weightedPick<T>(
  random: () => number,
  items: ReadonlyArray<readonly [T, number]>,
): readonly [T, number] {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const item of items) {
    roll -= item[1];
    if (roll < 0) return item;
  }
  return items.at(-1)!;
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Provinces the demo covers, with a weight: more organizations where the internet industry is. */
const DEMO_PROVINCES: Array<[string, number]> = [
  ['110000', 3],
  ['310000', 3],
  ['330000', 4],
  ['440000', 4],
  ['320000', 2],
  ['510000', 2],
];

const FIELDS = [
  '网络直播',
  '电子商务',
  '网络安全',
  '数字文化',
  '互联网金融',
  '网络游戏',
  '大数据',
  '短视频',
  '网络文学',
  '人工智能',
];
const KINDS: Array<[DemoOrganizationType, string[]]> = [
  ['SOCIAL_ASSOCIATION', ['行业协会', '联合会', '商会', '促进会']],
  ['FOUNDATION', ['公益基金会', '发展基金会']],
  ['SOCIAL_SERVICE_ORGANIZATION', ['服务中心', '研究院', '发展中心']],
];
const CATEGORY: Record<DemoOrganizationType, string> = {
  SOCIAL_ASSOCIATION: '1',
  SOCIAL_SERVICE_ORGANIZATION: '2',
  FOUNDATION: '3',
};
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉力晨宇欣怡浩然子涵思远佳琪晓东海燕志红';

/** A plausible organization name of a kind, in a place (`杭州市网络直播行业协会`), and its USCC category. */
export function demoOrganizationName(
  random: () => number,
  scopeName: string,
): { name: string; type: DemoOrganizationType; category: string; kind: string } {
  const [type, kinds] = pick(random, KINDS);
  const kind = pick(random, kinds);
  return { name: `${scopeName}${pick(random, FIELDS)}${kind}`, type, category: CATEGORY[type], kind };
}

/** A plausible Chinese personal name (surname and one or two characters). */
export function demoPersonName(random: () => number): string {
  const given = pick(random, [...GIVEN]) + (random() < 0.6 ? pick(random, [...GIVEN]) : '');
  return `${pick(random, [...SURNAMES])}${given}`;
}

/** Builds a valid USCC for a civil-affairs registration in a county. */
export function demoUscc(random: () => number, category: string, countyCode: string): string {
  const body = `5${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
  const organizationCode = `${body}${organizationCodeCheck(body)}`;
  const first17 = `5${category}${countyCode}${organizationCode}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

export function demoOrganizations(count: number, seed = 20261127): DemoOrganization[] {
  const random = seededRandom(seed);
  const regions = loadRegions();
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const countiesByProvince = new Map<string, RegionRecord[]>();
  for (const [province] of DEMO_PROVINCES) {
    const prefix = province.slice(0, 2);
    countiesByProvince.set(
      province,
      regions.filter((r) => r.level === 'COUNTY' && r.code.startsWith(prefix)),
    );
  }
  const names = new Set<string>();
  const usccs = new Set<string>();
  const organizations: DemoOrganization[] = [];
  for (let i = 0; i < count; i++) {
    const [province] = weightedPick(random, DEMO_PROVINCES);
    const county = pick(random, countiesByProvince.get(province) ?? []);
    const city = byCode.get(county.parentCode ?? '') ?? byCode.get(province)!;
    const [type, kinds] = pick(random, KINDS);
    const scopeName = random() < 0.3 ? byCode.get(province)!.name : city.name;
    let name = `${scopeName}${pick(random, FIELDS)}${pick(random, kinds)}`;
    for (let n = 2; names.has(name); n++)
      name = `${scopeName}第${n}${pick(random, FIELDS)}${pick(random, kinds)}`;
    names.add(name);
    let uscc = demoUscc(random, CATEGORY[type], county.code);
    while (usccs.has(uscc)) uscc = demoUscc(random, CATEGORY[type], county.code);
    usccs.add(uscc);
    const year = 2012 + Math.floor(random() * 14);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    organizations.push({
      id: uuidFrom(random),
      uscc,
      name,
      type,
      regionCode: county.code,
      registeredAt: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      registrationAuthority: `${scopeName}民政局`,
      staffCount: 3 + Math.floor(random() * 120),
    });
  }
  return organizations;
}

/** Most members of a demo organization are full members. */
const STAGE_WEIGHTS: Array<[DemoMemberStage, number]> = [
  ['APPLICANT', 1],
  ['ACTIVIST', 1],
  ['CANDIDATE', 1],
  ['PROBATIONARY', 1],
  ['FULL', 6],
];

/** About `perOrganization` members for each organization, most of them full members. */
export function demoMembers(
  organizations: readonly DemoOrganization[],
  perOrganization = 10,
  seed = 20261128,
): DemoMember[] {
  const random = seededRandom(seed);
  const members: DemoMember[] = [];
  for (const organization of organizations) {
    const count = Math.floor(random() * perOrganization * 2);
    for (let i = 0; i < count; i++) {
      const [stage] = weightedPick(random, STAGE_WEIGHTS);
      const given = pick(random, [...GIVEN]) + (random() < 0.6 ? pick(random, [...GIVEN]) : '');
      members.push({
        id: uuidFrom(random),
        name: `${pick(random, [...SURNAMES])}${given}`,
        stage,
        socialOrganizationId: organization.id,
        regionCode: organization.regionCode,
      });
    }
  }
  return members;
}

/**
 * The coverage side of the demo (organization subgraph): Party organizations, work coverage, charter
 * clauses and cross appointments over the same demo organizations. It draws from a PRNG of its own, so
 * `demoOrganizations` and `demoMembers` stay exactly what they were; ids depend only on N and the seed.
 */
export type DemoFormationMode = 'STANDALONE' | 'JOINT' | 'INDUSTRY' | 'REGIONAL';
export type DemoPartyOrganizationType = 'COMMITTEE' | 'GENERAL_BRANCH' | 'BRANCH';
export type DemoCharterClause = 'FULL_LEADERSHIP' | 'BASIC' | 'PENDING' | 'MISSING';
export type DemoWorkCoverageKind = 'INSTRUCTOR' | 'LIAISON' | 'UNION' | 'YOUTH_LEAGUE';

export interface DemoPartyOrganization {
  id: string;
  name: string;
  type: DemoPartyOrganizationType;
  formationMode: DemoFormationMode;
  regionCode: string;
  parentId: string | null;
  establishedAt: string;
  hasCommittee: boolean;
  coveredOrganizationIds: string[];
}

export interface DemoWorkCoverage {
  id: string;
  socialOrganizationId: string;
  regionCode: string;
  kind: DemoWorkCoverageKind;
  personName: string | null;
  since: string;
  lastContactAt: string | null;
}

export interface DemoCrossAppointment {
  id: string;
  socialOrganizationId: string;
  partyOrganizationId: string;
  regionCode: string;
  personName: string;
  partyPost: string;
  managementPost: string;
  direction: 'PARTY_TO_MANAGEMENT' | 'MANAGEMENT_TO_PARTY';
  since: string;
}

export interface DemoCoverage {
  partyOrganizations: DemoPartyOrganization[];
  workCoverage: DemoWorkCoverage[];
  crossAppointments: DemoCrossAppointment[];
  /** Per organization id: its charter clause and when it last changed (null when MISSING). */
  charters: Map<string, { clause: DemoCharterClause; changedAt: string | null }>;
}

/** How far Party coverage has come in each demo province (it varies, as it does in the country). */
const PROVINCE_COVERAGE: Record<string, number> = {
  '110000': 0.85,
  '310000': 0.8,
  '330000': 0.75,
  '440000': 0.65,
  '320000': 0.55,
  '510000': 0.4,
};

/** Full members of each demo organization, as party-work's seed creates them. */
export function demoFullMemberCounts(members: readonly DemoMember[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const member of members) {
    if (member.stage === 'FULL') {
      counts.set(member.socialOrganizationId, (counts.get(member.socialOrganizationId) ?? 0) + 1);
    }
  }
  return counts;
}

function dayAfter(date: string, fraction: number, until: string): string {
  const from = Date.parse(`${date}T00:00:00Z`);
  const span = Math.max(0, Date.parse(`${until}T00:00:00Z`) - from);
  return new Date(from + Math.floor((fraction * span) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
}

function personName(random: () => number): string {
  return `${pick(random, [...SURNAMES])}${pick(random, [...GIVEN])}${random() < 0.6 ? pick(random, [...GIVEN]) : ''}`;
}

/**
 * Coverage for the demo organizations: eligible ones (≥ 3 full members) mostly get a standalone branch,
 * the others are grouped by city into joint branches of 2–5 (now and then 6, which the alerts flag),
 * under an industry committee per province; the rest get instructors, liaisons, unions and Youth League
 * bodies or nothing, more so in provinces further along. Dates fall between each registration and
 * `referenceDay`; only dates depend on it, never ids.
 */
export function demoCoverage(
  organizations: readonly DemoOrganization[],
  fullMemberCounts: ReadonlyMap<string, number>,
  { seed = 20261129, referenceDay = '2026-01-01' }: { seed?: number; referenceDay?: string } = {},
): DemoCoverage {
  const random = seededRandom(seed);
  const regions = new Map(loadRegions().map((r) => [r.code, r]));
  const partyOrganizations: DemoPartyOrganization[] = [];
  const workCoverage: DemoWorkCoverage[] = [];
  const crossAppointments: DemoCrossAppointment[] = [];
  const charters = new Map<string, { clause: DemoCharterClause; changedAt: string | null }>();
  const committees = new Map<string, DemoPartyOrganization>();
  const jointPools = new Map<string, DemoOrganization[]>();
  const lastRegistration = (items: readonly DemoOrganization[]) =>
    items
      .map((o) => o.registeredAt)
      .sort()
      .at(-1)!;

  const committeeOf = (province: string): DemoPartyOrganization => {
    let committee = committees.get(province);
    if (!committee) {
      committee = {
        id: uuidFrom(random),
        name: `${regions.get(province)?.name ?? province}网络社会组织行业党委`,
        type: 'COMMITTEE',
        formationMode: 'INDUSTRY',
        regionCode: province,
        parentId: null,
        establishedAt: '2012-01-01',
        hasCommittee: true,
        coveredOrganizationIds: [],
      };
      committees.set(province, committee);
      partyOrganizations.push(committee);
    }
    return committee;
  };

  const standaloneIds = new Set<string>();
  for (const organization of organizations) {
    const province = `${organization.regionCode.slice(0, 2)}0000`;
    const rate = PROVINCE_COVERAGE[province] ?? 0.5;
    const full = fullMemberCounts.get(organization.id) ?? 0;
    const [roll, delay, committeeRoll, parentRoll] = [random(), random(), random(), random()];
    if (full >= 3 && roll < rate) {
      const parent = parentRoll < 0.4 ? committeeOf(province) : null;
      const branch: DemoPartyOrganization = {
        id: uuidFrom(random),
        name: `${organization.name}党${full >= 100 ? '委' : full >= 50 ? '总支' : '支部'}`,
        type: full >= 100 ? 'COMMITTEE' : full >= 50 ? 'GENERAL_BRANCH' : 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: organization.regionCode,
        parentId: parent?.id ?? null,
        establishedAt: dayAfter(organization.registeredAt, delay * 0.5, referenceDay),
        hasCommittee: full >= 7 && committeeRoll < 0.8,
        coveredOrganizationIds: [organization.id],
      };
      partyOrganizations.push(branch);
      standaloneIds.add(organization.id);
      const appointments = random() < 0.6 ? 1 + Math.floor(random() * 2) : 0;
      for (let n = 0; n < appointments; n++) {
        crossAppointments.push({
          id: uuidFrom(random),
          socialOrganizationId: organization.id,
          partyOrganizationId: branch.id,
          regionCode: organization.regionCode,
          personName: personName(random),
          partyPost: pick(random, ['书记', '副书记', '委员']),
          managementPost: pick(random, ['会长', '理事长', '秘书长', '理事', '监事']),
          direction: random() < 0.5 ? 'PARTY_TO_MANAGEMENT' : 'MANAGEMENT_TO_PARTY',
          since: dayAfter(branch.establishedAt, random(), referenceDay),
        });
      }
    } else if (roll < rate * 0.9) {
      const city = regions.get(organization.regionCode)?.parentCode ?? province;
      const pool = jointPools.get(city) ?? [];
      pool.push(organization);
      jointPools.set(city, pool);
    } else {
      const kinds: DemoWorkCoverageKind[] = [];
      if (random() < rate * 0.7) kinds.push(random() < 0.7 ? 'INSTRUCTOR' : 'LIAISON');
      if (random() < 0.15) kinds.push('UNION');
      if (random() < 0.1) kinds.push('YOUTH_LEAGUE');
      for (const kind of kinds) {
        const since = dayAfter(organization.registeredAt, random() * 0.7, referenceDay);
        const person = kind === 'INSTRUCTOR' || kind === 'LIAISON';
        workCoverage.push({
          id: uuidFrom(random),
          socialOrganizationId: organization.id,
          regionCode: organization.regionCode,
          kind,
          personName: person ? personName(random) : null,
          since,
          lastContactAt:
            person && random() < 0.8 ? dayAfter(since, 0.6 + random() * 0.4, referenceDay) : null,
        });
      }
    }
  }

  for (const [city, pool] of jointPools) {
    for (let i = 0; i < pool.length; ) {
      const size = random() < 0.05 ? 6 : 2 + Math.floor(random() * 4);
      const members = pool.slice(i, i + size);
      i += size;
      const province = `${city.slice(0, 2)}0000`;
      const full = members.reduce((sum, o) => sum + (fullMemberCounts.get(o.id) ?? 0), 0);
      const delay = random();
      partyOrganizations.push({
        id: uuidFrom(random),
        name: `${regions.get(city)?.name ?? city}网络社会组织第${partyOrganizations.length + 1}联合党支部`,
        type: 'BRANCH',
        formationMode: 'JOINT',
        regionCode: city,
        parentId: random() < 0.6 ? committeeOf(province).id : null,
        establishedAt: dayAfter(lastRegistration(members), delay * 0.5, referenceDay),
        hasCommittee: full >= 7 && random() < 0.6,
        coveredOrganizationIds: members.map((o) => o.id),
      });
    }
  }

  const covered = new Set(partyOrganizations.flatMap((p) => p.coveredOrganizationIds));
  for (const organization of organizations) {
    const weights: Array<[DemoCharterClause, number]> = standaloneIds.has(organization.id)
      ? [
          ['FULL_LEADERSHIP', 6],
          ['BASIC', 3],
          ['PENDING', 1],
          ['MISSING', 0],
        ]
      : covered.has(organization.id)
        ? [
            ['FULL_LEADERSHIP', 2],
            ['BASIC', 5],
            ['PENDING', 2],
            ['MISSING', 1],
          ]
        : [
            ['FULL_LEADERSHIP', 0],
            ['BASIC', 3],
            ['PENDING', 2],
            ['MISSING', 5],
          ];
    const [clause] = weightedPick(random, weights);
    const changed = random();
    charters.set(organization.id, {
      clause,
      changedAt: clause === 'MISSING' ? null : dayAfter(organization.registeredAt, changed, referenceDay),
    });
  }
  return { partyOrganizations, workCoverage, crossAppointments, charters };
}
