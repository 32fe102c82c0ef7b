import type { DemoPartyOrganization } from '@pb/demo-data';
import { addDays, addMonths, quarterOf } from '@pb/platform/calendar';
import { activityInsert, activityValues } from '../activity/activity.rows.js';
import { ActivityType } from '../activity/activity.type.js';
import { key, type SeedRun } from './seed-run.js';

/**
 * The seed's organizational life, staff and funding of a Party organization: a year of activities with
 * realistic gaps (a branch's diligence decides how much of each floor it meets), corrections, its posts
 * and its funding.
 */
export async function writeBranch(
  run: SeedRun,
  party: DemoPartyOrganization,
  rolls: string[],
): Promise<void> {
  run.drawFor(party.id);
  const roll = run.random();
  const diligence =
    roll < 0.6 ? 0.85 + run.random() * 0.15 : roll < 0.9 ? 0.5 + run.random() * 0.35 : run.random() * 0.5;
  await writeActivities(run, party, diligence, rolls);
  await writeStaff(run, party, rolls);
  const records = run.int(1, 3);
  for (let r = 0; r < records; r++) {
    const source = [
      'DUES_ALLOCATION',
      'DUES_ALLOCATION',
      'SOCIAL_CONSTRUCTION_FUND',
      'REWARD_IN_LIEU',
      'PROJECT',
      'FISCAL_SPECIAL',
    ][run.int(0, 5)] as string;
    await writeFunding(
      run,
      `party:${party.id}:${r}`,
      party.id,
      null,
      party.regionCode,
      source,
      addDays(run.referenceDay, -run.int(0, 540)),
    );
  }
}

/** A year of 三会一课 of a branch (or a standalone committee), each held with the branch's diligence. */
async function writeActivities(
  run: SeedRun,
  party: DemoPartyOrganization,
  diligence: number,
  rolls: string[],
): Promise<void> {
  if (party.type !== 'COMMITTEE' || party.formationMode === 'STANDALONE') {
    const expected = Math.max(rolls.length, 1);
    const first = addMonths(`${run.referenceDay.slice(0, 7)}-01`, -11);
    let n = 0;
    for (let month = 0; month < 12; month++) {
      const monthStart = addMonths(first, month);
      const inQuarter = (Number(monthStart.slice(5, 7)) - 1) % 3;
      const types: ActivityType[] = [ActivityType.THEMED_PARTY_DAY, ActivityType.GROUP_MEETING];
      if (party.hasCommittee) types.push(ActivityType.COMMITTEE_MEETING);
      if (inQuarter === 0) types.push(ActivityType.GENERAL_MEETING);
      if (inQuarter === 1) types.push(ActivityType.PARTY_LECTURE);
      if (monthStart.slice(5, 7) === '12')
        types.push(ActivityType.ORGANIZATIONAL_LIFE_MEETING, ActivityType.DEMOCRATIC_APPRAISAL);
      for (const type of types) {
        if (run.random() > diligence) continue;
        const heldOn = addDays(monthStart, run.int(0, 27));
        if (heldOn > run.referenceDay || heldOn < party.establishedAt) continue;
        n += 1;
        await writeActivity(run, party, type, heldOn, expected, `${party.id}:${n}`);
      }
    }
  }
}

/** The posts of a Party organization, held from soon after it was established. */
async function writeStaff(run: SeedRun, party: DemoPartyOrganization, rolls: string[]): Promise<void> {
  const from = addDays(party.establishedAt, run.int(0, 60));
  const person = () =>
    `${'王李张刘陈杨黄赵吴周'[run.int(0, 9)]}${'伟芳娜敏静丽强磊军洋'[run.int(0, 9)]}${'明华平刚英文'[run.int(0, 5)]}`;
  const roles: string[] = [];
  if (run.random() < 0.9) roles.push('SECRETARY');
  if (party.hasCommittee)
    roles.push('DEPUTY_SECRETARY', 'COMMITTEE_MEMBER', 'COMMITTEE_MEMBER', 'COMMITTEE_MEMBER');
  if (run.random() < 0.1) roles.push('FULL_TIME_STAFF');
  if (run.random() < 0.5) roles.push('PART_TIME_STAFF');
  if (run.random() < 0.3) roles.push('RESERVE_TALENT');
  for (const [index, role] of roles.entries())
    await run.writer.add(
      'INSERT IGNORE INTO staff_assignment (id, party_organization_id, role, person_name, member_id, from_on, to_on, recorded_by)',
      "(?, ?, ?, ?, ?, ?, NULL, 'seed')",
      [
        key(`staff:${party.id}:${index}`),
        party.id,
        role,
        person(),
        rolls.length ? rolls[run.int(0, rolls.length - 1)] : null,
        from,
      ],
    );
}

/** One activity of a branch, and now and then its correction. */
async function writeActivity(
  run: SeedRun,
  party: DemoPartyOrganization,
  type: ActivityType,
  heldOn: string,
  expected: number,
  name: string,
) {
  const modeRoll = run.random();
  const mode = modeRoll < 0.65 ? 'OFFLINE' : modeRoll < 0.8 ? 'ONLINE' : 'HYBRID';
  const excused = Math.floor(expected * run.random() * 0.1);
  const absent = Math.floor((expected - excused) * run.random() * 0.15);
  const attending = expected - excused - absent;
  const online =
    mode === 'OFFLINE' ? 0 : mode === 'ONLINE' ? attending : Math.floor(attending * run.random() * 0.5);
  const id = key(`activity:${name}`);
  const correct = run.random() < 0.01;
  const correctionId = correct ? key(`activity:${name}:correction`) : null;
  const row = (
    activityId: string,
    presentCount: number,
    absentCount: number,
    correctsId: string | null,
    supersededBy: string | null,
  ) => {
    const insert = activityInsert({ ignore: true });
    return run.writer.add(
      insert.head,
      insert.row,
      activityValues({
        id: activityId,
        branchId: party.id,
        regionCode: party.regionCode,
        type,
        mode,
        title: TITLES[type],
        heldAt: `${heldOn} 06:30:00`,
        heldOn,
        quarter: quarterOf(heldOn),
        expected,
        present: presentCount,
        online,
        excused,
        absent: absentCount,
        correctsId,
        supersededBy,
        recordedBy: 'seed',
        serves: demoPurpose(name),
      }),
    );
  };
  await row(id, attending - online, absent, null, correctionId);
  // a correction moves one person from absent to present, as when the sign-in sheet turns up late
  if (correctionId)
    await row(correctionId, attending - online + (absent > 0 ? 1 : 0), absent > 0 ? absent - 1 : 0, id, null);
}

/** One funding record, of a Party organization or a social organization. */
export async function writeFunding(
  run: SeedRun,
  name: string,
  partyOrganizationId: string | null,
  socialOrganizationId: string | null,
  region: string,
  source: string,
  receivedOn: string,
) {
  const yuan = {
    DUES_ALLOCATION: [5_000, 50_000],
    SOCIAL_CONSTRUCTION_FUND: [20_000, 200_000],
    REWARD_IN_LIEU: [10_000, 100_000],
    PROJECT: [50_000, 500_000],
    FISCAL_SPECIAL: [10_000, 100_000],
    SELF_RAISED: [1_000, 20_000],
  }[source] as [number, number];
  await run.writer.add(
    `INSERT IGNORE INTO funding_record (id, source, amount_fen, received_on, party_organization_id, social_organization_id, region_code, project, recorded_by)`,
    "(?, ?, ?, ?, ?, ?, ?, ?, 'seed')",
    [
      key(`funding:${name}`),
      source,
      run.int(yuan[0], yuan[1]) * 100,
      receivedOn,
      partyOrganizationId,
      socialOrganizationId,
      region,
      source === 'PROJECT' ? '网络社会组织党建项目' : null,
    ],
  );
}

const TITLES: Record<ActivityType, string> = {
  GENERAL_MEETING: '支部党员大会',
  COMMITTEE_MEETING: '支部委员会会议',
  GROUP_MEETING: '党小组会',
  PARTY_LECTURE: '党课：网络空间清朗与行业自律',
  THEMED_PARTY_DAY: '主题党日：学习贯彻全会精神',
  ORGANIZATIONAL_LIFE_MEETING: '年度组织生活会',
  DEMOCRATIC_APPRAISAL: '民主评议党员',
};

/**
 * About half the demo activities name what of the organization's work they serve, read from the
 * activity's name so that the seed's random sequence, and so every other demo value, stays as it was.
 */
function demoPurpose(name: string): string | null {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return (
    [null, 'BUSINESS', null, 'MANAGEMENT', null, 'CULTURE', 'BUSINESS', 'SOCIAL_RESPONSIBILITY'][hash % 8] ??
    null
  );
}
