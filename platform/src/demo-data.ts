import { loadRegions, type RegionRecord } from './regions.js';
import { organizationCodeCheck, usccCheckCharacter } from './uscc.js';

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
