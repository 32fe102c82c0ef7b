import { createHash } from 'node:crypto';
import {
  addDays,
  addMonths,
  type DemoMember,
  type DemoPartyOrganization,
  demoCoverage,
  demoFullMemberCounts,
  demoMembers,
  demoOrganizations,
  quarterOf,
  seededRandom,
  today,
} from '@pb/platform';
import type { DataSource } from 'typeorm';
import { ActivityType } from '../activity/activity.type.js';
import { rebuildActivityAggregates, rebuildActivityWeeks } from '../activity/activity-aggregates.js';
import { rebuildMemberAggregates } from '../member-stats/member-aggregates.js';
import { type PersonalDataCipher, withIdCheck } from '../personal-data/personal-data.cipher.js';
import { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import { BatchWriter } from './batch-writer.js';
import { withIndexesDeferred } from './deferred-indexes.js';

/**
 * The demo data set of party-work over the same N demo organizations and Party organizations the
 * organization subgraph seeds (`demoOrganizations`, `demoMembers`, `demoCoverage` of @pb/platform with
 * the same UTC reference day): local copies of both, the members at the stages `demoMembers` gives them
 * with a history that keeps every rule, encrypted ID numbers and phones, a year of organizational life
 * with realistic gaps (a branch's diligence decides how much of each floor it meets), corrections,
 * appraisals of last year, talks, training, staff and funding. Ids derive from hashes of stable keys,
 * so seeding again inserts nothing twice (`INSERT IGNORE`); an organization that already has members is
 * left as it is, history included. Only dates depend on the reference day.
 */
export async function seedPartyWork(
  dataSource: DataSource,
  count: number,
  cipher: PersonalDataCipher,
  log: (line: string) => void,
  referenceDay = today(),
): Promise<Map<string, number>> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const organizations = demoOrganizations(count);
  const members = demoMembers(organizations);
  const coverage = demoCoverage(organizations, demoFullMemberCounts(members), { referenceDay });
  log(
    `generated ${organizations.length} organizations, ${members.length} members, ${coverage.partyOrganizations.length} Party organizations (${elapsed()})`,
  );
  const writer = new BatchWriter(dataSource);
  // each member, Party organization and organization draws from a PRNG of its own, seeded by its id, so
  // what one gets never depends on which others a run skips
  let random = seededRandom(20261130);
  const drawFor = (id: string) => {
    random = seededRandom(createHash('sha1').update(id).digest().readUInt32BE(0));
  };
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  // version 1, the version the organization subgraph's seed gives these rows and stages their events
  // with: when those events arrive here they are duplicates and change nothing (at version 0 each would
  // be applied again and send its region's figures out anew, thousands of times after a large seed);
  // any later change of an organization, at version 2 or more, supersedes the seeded copy
  for (const o of organizations)
    await writer.add(
      'INSERT IGNORE INTO organization_replica (id, name, region_code, status, version)',
      "(?, ?, ?, 'ACTIVE', 1)",
      [o.id, o.name, o.regionCode],
    );
  const branchOf = new Map<string, DemoPartyOrganization>();
  for (const p of coverage.partyOrganizations) {
    for (const id of p.coveredOrganizationIds) branchOf.set(id, p);
    await writer.add(
      `INSERT IGNORE INTO party_organization_replica (id, name, type, formation_mode, region_code, parent_id,
         established_at, dissolved_at, has_committee, covered_organization_ids, version)`,
      '(?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 1)',
      [
        p.id,
        p.name,
        p.type,
        p.formationMode,
        p.regionCode,
        p.parentId,
        p.establishedAt,
        p.hasCommittee ? 1 : 0,
        JSON.stringify(p.coveredOrganizationIds),
      ],
    );
  }
  await writer.flush();
  log(`replicas written (${elapsed()})`);

  const idNumbers = new Set<string>();
  const phones = new Set<string>();
  const written = await withIndexesDeferred(dataSource, BULK_TABLES, () => seedRecords(), log);
  await dataSource.transaction(async (manager) => {
    await rebuildActivityAggregates(manager);
    await rebuildActivityWeeks(manager);
    await rebuildMemberAggregates(manager);
    // each organization's full-member counter, as the organization subgraph's seed assumes it (version 0);
    // counters that exist already are live and stay as they are
    await manager.query(`
      INSERT INTO full_member_counter (social_organization_id, full_member_count, version)
      SELECT social_organization_id, COUNT(*), 0 FROM party_member WHERE status = 'ACTIVE' AND stage = 'FULL'
       GROUP BY social_organization_id
      ON DUPLICATE KEY UPDATE version = full_member_counter.version`);
  });
  log(`statistics aggregated (${elapsed()})`);
  await new WorkAlertKeeper(dataSource).reconcile(referenceDay, { progress: log });
  log(`work alerts evaluated; done in ${elapsed()}`);
  return written;

  async function seedRecords(): Promise<Map<string, number>> {
    // members, organization by organization; an organization that has members already is skipped whole
    const seeded = new Set<string>();
    for (let i = 0; i < organizations.length; i += 5000) {
      const ids = organizations.slice(i, i + 5000).map((o) => o.id);
      const rows = (await dataSource.query(
        'SELECT DISTINCT social_organization_id AS id FROM party_member WHERE social_organization_id IN (?)',
        [ids],
      )) as Array<{ id: string }>;
      for (const r of rows) seeded.add(r.id);
    }
    const branchMembers = new Map<string, string[]>();
    let done = 0;
    for (const member of members) {
      done += 1;
      const branch = branchOf.get(member.socialOrganizationId) ?? null;
      if (branch && (member.stage === 'FULL' || member.stage === 'PROBATIONARY')) {
        const list = branchMembers.get(branch.id) ?? [];
        list.push(member.id);
        branchMembers.set(branch.id, list);
      }
      if (seeded.has(member.socialOrganizationId)) continue;
      await writeMember(member, branch);
      if (done % 100_000 === 0) log(`members ${done}/${members.length} (${elapsed()})`);
    }
    await writer.flush();
    log(
      `members ${members.length}/${members.length} with history, training, talks and appraisals (${elapsed()})`,
    );

    let branches = 0;
    for (const party of coverage.partyOrganizations) {
      await writeBranch(party, branchMembers.get(party.id) ?? []);
      branches += 1;
      if (branches % 10_000 === 0)
        log(`Party organizations ${branches}/${coverage.partyOrganizations.length} (${elapsed()})`);
    }
    for (const o of organizations) {
      drawFor(`funding:${o.id}`);
      if (random() < 0.2)
        await writeFunding(
          `org:${o.id}`,
          null,
          o.id,
          o.regionCode,
          random() < 0.5 ? 'SELF_RAISED' : 'PROJECT',
          addDays(referenceDay, -int(0, 500)),
        );
    }
    await writer.flush();
    log(`rows written in ${elapsed()}: ${[...writer.written].map(([t, n]) => `${t} ${n}`).join(', ')}`);
    return writer.written;
  }

  async function writeMember(member: DemoMember, branch: DemoPartyOrganization | null): Promise<void> {
    drawFor(member.id);
    // dates backwards from the current stage, each step keeping the rules of development
    const since = {
      APPLICANT: addDays(referenceDay, -int(0, 150)),
      ACTIVIST: addDays(referenceDay, -int(0, 720)),
      CANDIDATE: addDays(referenceDay, -int(0, 300)),
      PROBATIONARY: addDays(referenceDay, -int(0, 420)),
      FULL: addDays(referenceDay, -int(0, 365 * 15)),
    }[member.stage];
    const steps: Array<[string, string]> = [[member.stage, since]];
    let extension = 0;
    if (member.stage === 'FULL') {
      extension = random() < 0.03 ? 6 : 0;
      steps.unshift(['PROBATIONARY', addMonths(since, -12 - extension)]);
    }
    if (steps[0]![0] === 'PROBATIONARY') steps.unshift(['CANDIDATE', addDays(steps[0]![1], -int(60, 270))]);
    if (steps[0]![0] === 'CANDIDATE')
      steps.unshift(['ACTIVIST', addDays(addMonths(steps[0]![1], -12), -int(0, 240))]);
    if (steps[0]![0] === 'ACTIVIST') steps.unshift(['APPLICANT', addDays(steps[0]![1], -int(30, 200))]);
    const appliedOn = steps[0]![1];
    const birth = addDays(appliedOn, -int(365 * 18 + 200, 365 * 45));
    let idNumber = '';
    for (let n = int(0, 899); !idNumber || idNumbers.has(idNumber); n++)
      idNumber = withIdCheck(
        `${member.regionCode}${birth.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`,
      );
    idNumbers.add(idNumber);
    let phone = '';
    while (!phone || phones.has(phone))
      phone = `1${int(3, 9)}${String(int(0, 999_999_999)).padStart(9, '0')}`;
    phones.add(phone);
    await writer.add(
      `INSERT IGNORE INTO party_member (id, name, stage, stage_since, social_organization_id, region_code, status, branch_id,
         applied_on, birth_date, id_number_enc, id_number_hash, phone_enc, phone_hash, probation_extended_months, introducers)`,
      "(?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [
        member.id,
        member.name,
        member.stage,
        since,
        member.socialOrganizationId,
        member.regionCode,
        branch?.id ?? null,
        appliedOn,
        birth,
        cipher.encrypt(idNumber),
        cipher.hash('id', idNumber),
        cipher.encrypt(phone),
        cipher.hash('phone', phone),
        member.stage === 'PROBATIONARY' && random() < 0.03 ? 6 : 0,
        steps.length >= 4 ? '张伟、李娜' : null,
      ],
    );
    for (const [index, [stage, on]] of steps.entries()) {
      const approvedBy =
        index === 0 ? '登记' : stage === 'PROBATIONARY' || stage === 'FULL' ? '支部党员大会' : '支部委员会';
      await writer.add(
        `INSERT INTO stage_change (member_id, kind, from_stage, to_stage, effective_on, approved_by, recorded_by, note, region_code)`,
        "(?, ?, ?, ?, ?, ?, 'seed', ?, ?)",
        [
          member.id,
          index === 0 ? (stage === 'APPLICANT' ? 'APPLIED' : 'RECORDED') : 'ADVANCED',
          index === 0 ? null : steps[index - 1]![0],
          stage,
          on,
          approvedBy,
          stage === 'FULL' && extension ? `延长预备期 ${extension} 个月后转正` : null,
          member.regionCode,
        ],
      );
    }
    // 发展对象 are trained as candidates (Art. 19): within 50 days of the candidacy, before admission (≥ 60
    // days later) and not after the reference day
    const candidate = steps.find(([stage]) => stage === 'CANDIDATE');
    if (candidate) {
      const trainedOn = addDays(candidate[1], int(10, 50));
      await writer.add(
        'INSERT INTO training_record (id, member_id, title, started_on, hours, recorded_by)',
        "(?, ?, ?, ?, ?, 'seed')",
        [
          key(`training:${member.id}`),
          member.id,
          '发展对象短期集中培训',
          trainedOn < referenceDay ? trainedOn : referenceDay,
          int(24, 32),
        ],
      );
    }
    const talkOn =
      member.stage === 'APPLICANT'
        ? random() < 0.85
          ? addDays(appliedOn, int(3, 28))
          : null
        : random() < (member.stage === 'ACTIVIST' ? 0.8 : 0.85)
          ? addDays(referenceDay, -int(0, member.stage === 'ACTIVIST' ? 240 : 365))
          : null;
    if (talkOn && talkOn <= referenceDay) {
      const talkId = key(`talk:${member.id}`);
      await writer.add(
        'INSERT IGNORE INTO talk (id, held_on, topic, talker, region_code, recorded_by)',
        "(?, ?, ?, ?, ?, 'seed')",
        [
          talkId,
          talkOn,
          member.stage === 'APPLICANT' ? '入党动机与入党要求' : '思想工作与学习情况',
          branch ? `${branch.name}书记` : '党建指导员',
          member.regionCode,
        ],
      );
      await writer.add('INSERT IGNORE INTO talk_participant (talk_id, member_id, held_on)', '(?, ?, ?)', [
        talkId,
        member.id,
        talkOn,
      ]);
    }
    const lastYear = Number(referenceDay.slice(0, 4)) - 1;
    if (
      (member.stage === 'FULL' || member.stage === 'PROBATIONARY') &&
      steps.at(-1)![1] <= `${lastYear}-10-01` &&
      random() < 0.9
    ) {
      const roll = random();
      const grade =
        roll < 0.2
          ? 'EXCELLENT'
          : roll < 0.95
            ? 'QUALIFIED'
            : roll < 0.99
              ? 'BASICALLY_QUALIFIED'
              : 'UNQUALIFIED';
      await writer.add(
        'INSERT IGNORE INTO appraisal (id, member_id, year, grade, region_code, recorded_by)',
        "(?, ?, ?, ?, ?, 'seed')",
        [key(`appraisal:${member.id}:${lastYear}`), member.id, lastYear, grade, member.regionCode],
      );
    }
  }

  async function writeBranch(party: DemoPartyOrganization, rolls: string[]): Promise<void> {
    drawFor(party.id);
    const roll = random();
    const diligence =
      roll < 0.6 ? 0.85 + random() * 0.15 : roll < 0.9 ? 0.5 + random() * 0.35 : random() * 0.5;
    if (party.type !== 'COMMITTEE' || party.formationMode === 'STANDALONE') {
      const expected = Math.max(rolls.length, 1);
      const first = addMonths(`${referenceDay.slice(0, 7)}-01`, -11);
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
          if (random() > diligence) continue;
          const heldOn = addDays(monthStart, int(0, 27));
          if (heldOn > referenceDay || heldOn < party.establishedAt) continue;
          n += 1;
          await writeActivity(party, type, heldOn, expected, `${party.id}:${n}`);
        }
      }
    }
    const from = addDays(party.establishedAt, int(0, 60));
    const person = () =>
      `${'王李张刘陈杨黄赵吴周'[int(0, 9)]}${'伟芳娜敏静丽强磊军洋'[int(0, 9)]}${'明华平刚英文'[int(0, 5)]}`;
    const roles: string[] = [];
    if (random() < 0.9) roles.push('SECRETARY');
    if (party.hasCommittee)
      roles.push('DEPUTY_SECRETARY', 'COMMITTEE_MEMBER', 'COMMITTEE_MEMBER', 'COMMITTEE_MEMBER');
    if (random() < 0.1) roles.push('FULL_TIME_STAFF');
    if (random() < 0.5) roles.push('PART_TIME_STAFF');
    if (random() < 0.3) roles.push('RESERVE_TALENT');
    for (const [index, role] of roles.entries())
      await writer.add(
        'INSERT IGNORE INTO staff_assignment (id, party_organization_id, role, person_name, member_id, from_on, to_on, recorded_by)',
        "(?, ?, ?, ?, ?, ?, NULL, 'seed')",
        [
          key(`staff:${party.id}:${index}`),
          party.id,
          role,
          person(),
          rolls.length ? rolls[int(0, rolls.length - 1)] : null,
          from,
        ],
      );
    const records = int(1, 3);
    for (let r = 0; r < records; r++) {
      const source = [
        'DUES_ALLOCATION',
        'DUES_ALLOCATION',
        'SOCIAL_CONSTRUCTION_FUND',
        'REWARD_IN_LIEU',
        'PROJECT',
        'FISCAL_SPECIAL',
      ][int(0, 5)] as string;
      await writeFunding(
        `party:${party.id}:${r}`,
        party.id,
        null,
        party.regionCode,
        source,
        addDays(referenceDay, -int(0, 540)),
      );
    }
  }

  async function writeActivity(
    party: DemoPartyOrganization,
    type: ActivityType,
    heldOn: string,
    expected: number,
    name: string,
  ) {
    const modeRoll = random();
    const mode = modeRoll < 0.65 ? 'OFFLINE' : modeRoll < 0.8 ? 'ONLINE' : 'HYBRID';
    const excused = Math.floor(expected * random() * 0.1);
    const absent = Math.floor((expected - excused) * random() * 0.15);
    const attending = expected - excused - absent;
    const online =
      mode === 'OFFLINE' ? 0 : mode === 'ONLINE' ? attending : Math.floor(attending * random() * 0.5);
    const id = key(`activity:${name}`);
    const correct = random() < 0.01;
    const correctionId = correct ? key(`activity:${name}:correction`) : null;
    const row = (
      activityId: string,
      presentCount: number,
      absentCount: number,
      correctsId: string | null,
      supersededBy: string | null,
    ) =>
      writer.add(
        `INSERT IGNORE INTO activity (id, branch_id, region_code, type, mode, title, held_at, held_on, quarter, expected,
           present, online, excused, absent, corrects_id, superseded_by, recorded_by)`,
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed')",
        [
          activityId,
          party.id,
          party.regionCode,
          type,
          mode,
          TITLES[type],
          `${heldOn} 06:30:00`,
          heldOn,
          quarterOf(heldOn),
          expected,
          presentCount,
          online,
          excused,
          absentCount,
          correctsId,
          supersededBy,
        ],
      );
    await row(id, attending - online, absent, null, correctionId);
    // a correction moves one person from absent to present, as when the sign-in sheet turns up late
    if (correctionId)
      await row(
        correctionId,
        attending - online + (absent > 0 ? 1 : 0),
        absent > 0 ? absent - 1 : 0,
        id,
        null,
      );
  }

  async function writeFunding(
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
    await writer.add(
      `INSERT IGNORE INTO funding_record (id, source, amount_fen, received_on, party_organization_id, social_organization_id, region_code, project, recorded_by)`,
      "(?, ?, ?, ?, ?, ?, ?, ?, 'seed')",
      [
        key(`funding:${name}`),
        source,
        int(yuan[0], yuan[1]) * 100,
        receivedOn,
        partyOrganizationId,
        socialOrganizationId,
        region,
        source === 'PROJECT' ? '网络社会组织党建项目' : null,
      ],
    );
  }
}

/** The tables the seed fills by the million; loaded without their secondary indexes when empty. */
const BULK_TABLES = [
  'party_member',
  'stage_change',
  'training_record',
  'talk',
  'talk_participant',
  'appraisal',
  'activity',
  'staff_assignment',
  'funding_record',
];

const TITLES: Record<ActivityType, string> = {
  GENERAL_MEETING: '支部党员大会',
  COMMITTEE_MEETING: '支部委员会会议',
  GROUP_MEETING: '党小组会',
  PARTY_LECTURE: '党课：网络空间清朗与行业自律',
  THEMED_PARTY_DAY: '主题党日：学习贯彻全会精神',
  ORGANIZATIONAL_LIFE_MEETING: '年度组织生活会',
  DEMOCRATIC_APPRAISAL: '民主评议党员',
};

/** A UUID-shaped id from a stable key (SHA-1, version 5 layout), the same on every machine. */
function key(name: string): string {
  const hex = createHash('sha1').update(`pb-party-work-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16] as string, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
