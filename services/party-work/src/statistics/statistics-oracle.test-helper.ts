import { addDays, quarterRange, today } from '@pb/platform/calendar';
import { regionLikePattern } from '@pb/platform/region-scope';
import { ActivityPurpose, ActivityType } from '../activity/activity.type.js';
import { FundingSource } from '../funding/funding.type.js';
import { AppraisalGrade } from '../member-life/member-life.type.js';
import { STAGE_ORDER } from '../party-member/party-member.type.js';
import { quarterlyFloors } from './activity-aggregates/activity-aggregates.js';

/**
 * The statistics oracle: every figure of party-work recomputed from the raw rows, apart from the service's
 * aggregates on purpose. It derives what the service keeps denormalized: a member's stage and status from
 * the history, regions from the replicas, the latest version of an activity from the correction links, the
 * quarter from the time held. Used by this subgraph's oracle test and by the system's truth test, which
 * runs it against a running system's database.
 */

/** Anything that runs SQL and resolves to the rows: a TypeORM DataSource, or a system test's pool. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

type Rows<T> = Promise<T[]>;
const rows = <T>(db: SqlRunner, sql: string, params: unknown[] = []) => db.query(sql, params) as Rows<T>;

export async function oracleActivityStats(
  db: SqlRunner,
  scope: string | null,
  quarter: string,
  day = today(),
) {
  const latest = 'NOT EXISTS (SELECT 1 FROM activity c WHERE c.corrects_id = a.id)';
  const heldQuarter = "CONCAT(YEAR(a.held_at + INTERVAL 8 HOUR), 'Q', QUARTER(a.held_at + INTERVAL 8 HOUR))";
  const inScope = scope ? 'AND b.region_code LIKE ?' : '';
  const params = scope ? [regionLikePattern(scope)] : [];
  const activities = await rows<Record<string, string | number>>(
    db,
    `SELECT a.type, a.mode, a.serves, a.present, a.online, a.expected, a.excused,
            DATE_FORMAT(a.held_at + INTERVAL 8 HOUR, '%Y-%m-%d') AS held_on FROM activity a
     JOIN party_organization_replica b ON b.id = a.branch_id
     WHERE ${latest} AND ${heldQuarter} = ? ${inScope}`,
    [quarter, ...params],
  );
  const { from, to } = quarterRange(quarter);
  const branches = await rows<{ id: string; has_committee: number }>(
    db,
    `SELECT b.id, b.has_committee FROM party_organization_replica b
     WHERE b.type = 'BRANCH' AND b.established_at <= ? AND (b.dissolved_at IS NULL OR b.dissolved_at >= ?) ${inScope}`,
    [to, from, ...params],
  );
  const heldRows = await rows<{ branch_id: string; type: string; n: string | number }>(
    db,
    `SELECT a.branch_id, a.type, COUNT(*) AS n FROM activity a
     JOIN party_organization_replica b ON b.id = a.branch_id
     WHERE ${latest} AND ${heldQuarter} = ? ${inScope} GROUP BY a.branch_id, a.type`,
    [quarter, ...params],
  );
  const held = new Map(heldRows.map((r) => [`${r.branch_id}/${r.type}`, Number(r.n)]));
  let required = 0;
  let met = 0;
  let compliant = 0;
  for (const branch of branches) {
    let ok = true;
    for (const [type, floor] of quarterlyFloors(Boolean(branch.has_committee))) {
      const count = held.get(`${branch.id}/${type}`) ?? 0;
      required += floor;
      met += Math.min(count, floor);
      if (count < floor) ok = false;
    }
    if (ok) compliant += 1;
  }
  const attended = activities.reduce((s, a) => s + Number(a.present) + Number(a.online), 0);
  const due = activities.reduce((s, a) => s + Number(a.expected) - Number(a.excused), 0);
  const online = activities.filter((a) => a.mode !== 'OFFLINE').length;
  // weeks by counting days back to a Monday (1970-01-05 was one), every week of the quarter begun so far
  const monday = (date: string) =>
    addDays(date, -(((Date.parse(date) - Date.parse('1970-01-05')) / 86_400_000) % 7));
  const byWeek = [];
  for (let week = monday(from); week <= monday(to < day ? to : day); week = addDays(week, 7)) {
    const held = activities.filter((a) => monday(String(a.held_on)) === week);
    const heldOnline = held.filter((a) => a.mode !== 'OFFLINE').length;
    byWeek.push({
      week,
      activities: held.length,
      online: heldOnline,
      onlineShare: held.length ? heldOnline / held.length : 0,
    });
  }
  return {
    activities: activities.length,
    byType: Object.values(ActivityType).map((type) => ({
      type,
      count: activities.filter((a) => a.type === type).length,
    })),
    byPurpose: Object.values(ActivityPurpose).map((purpose) => ({
      purpose,
      count: activities.filter((a) => a.serves === purpose).length,
    })),
    onlineActivities: online,
    onlineShare: activities.length ? online / activities.length : 0,
    byWeek,
    attended,
    due,
    attendanceRate: due ? attended / due : 0,
    branches: branches.length,
    compliantBranches: compliant,
    requiredHeld: met,
    required,
    complianceRate: required ? met / required : 0,
  };
}

export async function oracleMemberStats(db: SqlRunner, scope: string | null, day = today()) {
  // stage and status from the last history entry of each member; region from the organization replica
  const members = await rows<{ stage: string; kind: string; work_role: string | null }>(
    db,
    `SELECT s.to_stage AS stage, s.kind, m.work_role FROM stage_change s
     JOIN (SELECT member_id, MAX(seq) AS seq FROM stage_change GROUP BY member_id) last ON last.seq = s.seq
     JOIN party_member m ON m.id = s.member_id
     JOIN organization_replica o ON o.id = m.social_organization_id
     ${scope ? 'WHERE o.region_code LIKE ?' : ''}`,
    scope ? [regionLikePattern(scope)] : [],
  );
  const active = members.filter((r) => !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(r.kind));
  const year = day.slice(0, 4);
  const changes = await rows<{ to_stage: string }>(
    db,
    `SELECT to_stage FROM stage_change WHERE kind = 'ADVANCED' AND LEFT(effective_on, 4) = ? ${scope ? 'AND region_code LIKE ?' : ''}`,
    scope ? [year, regionLikePattern(scope)] : [year],
  );
  return {
    fullMembers: active.filter((r) => r.stage === 'FULL').length,
    probationaryMembers: active.filter((r) => r.stage === 'PROBATIONARY').length,
    byStage: STAGE_ORDER.map((stage) => ({ stage, count: active.filter((r) => r.stage === stage).length })),
    developedThisYear: changes.filter((c) => c.to_stage === 'PROBATIONARY').length,
    convertedThisYear: changes.filter((c) => c.to_stage === 'FULL').length,
    ...membersByWorkRole(active),
  };
}

/** Party members (正式 and 预备) on the rolls by the part they are marked with, from the members' rows. */
function membersByWorkRole(active: Array<{ stage: string; work_role: string | null }>) {
  const party = active.filter((r) => r.stage === 'FULL' || r.stage === 'PROBATIONARY');
  return {
    businessBackbone: party.filter((r) => r.work_role === 'BUSINESS_BACKBONE').length,
    management: party.filter((r) => r.work_role === 'MANAGEMENT').length,
  };
}

/**
 * 谈心谈话覆盖率 of a year from the raw rows: the Party members on the rolls (stage and status from each
 * member's last history entry, region from the organization replica) and those of them in a talk held in
 * the year (by the talk's own date).
 */
export async function oracleTalkStats(db: SqlRunner, scope: string | null, year: number) {
  const members = await rows<{ kind: string; stage: string; talked: string | number }>(
    db,
    `SELECT s.kind, s.to_stage AS stage,
            EXISTS (SELECT 1 FROM talk_participant p JOIN talk t ON t.id = p.talk_id
                    WHERE p.member_id = s.member_id AND YEAR(t.held_on) = ?) AS talked
     FROM stage_change s
     JOIN (SELECT member_id, MAX(seq) AS seq FROM stage_change GROUP BY member_id) last ON last.seq = s.seq
     JOIN party_member m ON m.id = s.member_id JOIN organization_replica o ON o.id = m.social_organization_id
     ${scope ? 'WHERE o.region_code LIKE ?' : ''}`,
    scope ? [year, regionLikePattern(scope)] : [year],
  );
  const party = members.filter(
    (r) =>
      !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(r.kind) &&
      (r.stage === 'FULL' || r.stage === 'PROBATIONARY'),
  );
  const talkedWith = party.filter((r) => Number(r.talked) === 1).length;
  return {
    year,
    members: party.length,
    talkedWith,
    talkCoverageRate: party.length ? talkedWith / party.length : 0,
  };
}

export async function oracleFundingStats(db: SqlRunner, scope: string | null, year: number) {
  const records = await rows<{ source: string; amount_fen: string; month: number; region: string }>(
    db,
    `SELECT f.source, f.amount_fen, MONTH(f.received_on) AS month, COALESCE(p.region_code, o.region_code) AS region FROM funding_record f
     LEFT JOIN party_organization_replica p ON p.id = f.party_organization_id
     LEFT JOIN organization_replica o ON o.id = f.social_organization_id
     WHERE YEAR(f.received_on) = ?`,
    [year],
  );
  const inScope = records.filter((r) => !scope || r.region.startsWith(regionLikePattern(scope).slice(0, -1)));
  const sum = (list: typeof inScope) => list.reduce((s, r) => s + BigInt(r.amount_fen), 0n).toString();
  return {
    records: inScope.length,
    totalFen: sum(inScope),
    bySource: Object.values(FundingSource).map((source) => {
      const list = inScope.filter((r) => r.source === source);
      return { source, records: list.length, amountFen: sum(list) };
    }),
    byQuarter: [1, 2, 3, 4].map((quarter) => ({
      quarter: `${year}Q${quarter}`,
      amountFen: sum(inScope.filter((r) => Math.ceil(Number(r.month) / 3) === quarter)),
    })),
  };
}

/** Every Party organization of the replica, with its dates as YYYY-MM-DD. */
function partyOrganizations(db: SqlRunner) {
  return rows<{
    id: string;
    type: string;
    region_code: string;
    has_committee: number;
    established_at: string;
    dissolved_at: string | null;
  }>(
    db,
    `SELECT id, type, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at,
            DATE_FORMAT(dissolved_at, '%Y-%m-%d') AS dissolved_at FROM party_organization_replica`,
  );
}

/**
 * 书记配备率 and the staff figures from the raw rows, filtered here rather than in SQL: the Party
 * organizations (any type) established by `day` and not dissolved by it, and their assignments whose period
 * holds `day`: a secretary's for the rate (branches apart, as secretaryStats reports them); every role's for
 * the people by role, a person (member id, else name) once per Party organization and role.
 */
export async function oracleSecretaryStats(db: SqlRunner, scope: string | null, day = today()) {
  const organizations = await partyOrganizations(db);
  const assignments = await rows<{
    party_organization_id: string;
    role: string;
    person: string;
    from_on: string;
    to_on: string | null;
  }>(
    db,
    `SELECT party_organization_id, role, COALESCE(member_id, person_name) AS person,
            DATE_FORMAT(from_on, '%Y-%m-%d') AS from_on, DATE_FORMAT(to_on, '%Y-%m-%d') AS to_on
       FROM staff_assignment`,
  );
  const prefix = scope ? regionLikePattern(scope).slice(0, -1) : '';
  const active = organizations.filter(
    (o) =>
      o.region_code.startsWith(prefix) &&
      o.established_at <= day &&
      (o.dissolved_at === null || o.dissolved_at > day),
  );
  const activeIds = new Set(active.map((o) => o.id));
  const current = assignments.filter(
    (a) => activeIds.has(a.party_organization_id) && a.from_on <= day && (a.to_on === null || a.to_on >= day),
  );
  const holding = (role: string) =>
    new Set(current.filter((a) => a.role === role).map((a) => a.party_organization_id));
  const staffed = holding('SECRETARY');
  const reserved = holding('RESERVE_TALENT');
  const branches = active.filter((o) => o.type === 'BRANCH');
  const withSecretary = active.filter((o) => staffed.has(o.id)).length;
  const staffByRole = STAFF_ROLES.map((role) => ({
    role,
    people: new Set(
      current.filter((a) => a.role === role).map((a) => `${a.party_organization_id}|${a.person}`),
    ).size,
  }));
  return {
    partyOrganizations: active.length,
    withSecretary,
    secretaryRate: active.length ? withSecretary / active.length : 0,
    branches: branches.length,
    branchesWithSecretary: branches.filter((o) => staffed.has(o.id)).length,
    reserveTalent: staffByRole.find((r) => r.role === 'RESERVE_TALENT')!.people,
    branchesWithReserveTalent: branches.filter((o) => reserved.has(o.id)).length,
    staffByRole,
  };
}

/** The roles in the order the figure lists them, written out here rather than taken from the enum. */
const STAFF_ROLES = [
  'SECRETARY',
  'DEPUTY_SECRETARY',
  'COMMITTEE_MEMBER',
  'FULL_TIME_STAFF',
  'PART_TIME_STAFF',
  'RESERVE_TALENT',
];

/** A funding cell as both sides compare it: the counts as numbers, the money as a decimal string. */
const fundingCell = (r: Record<string, string | number>) => ({
  ...r,
  year: Number(r.year),
  quarter: Number(r.quarter),
  records: Number(r.records),
});

/**
 * The kept cells that no figure reads whole, each against its recomputation from the raw rows, region by
 * region: `funding_cell` per (year, region, source, quarter), with the region from the replicas; and
 * `branch_cell` summed up to each quarter asked, against the branches active in that quarter. Empty
 * cells (a region left by its last voucher or branch) are left out on both sides.
 */
export async function oracleKeptCells(db: SqlRunner, quarters: readonly string[]) {
  const funding = await rows<Record<string, string | number>>(
    db,
    `SELECT YEAR(f.received_on) AS year, COALESCE(p.region_code, o.region_code) AS region_code, f.source,
            QUARTER(f.received_on) AS quarter, COUNT(*) AS records, CAST(SUM(f.amount_fen) AS CHAR) AS amount_fen
     FROM funding_record f
     LEFT JOIN party_organization_replica p ON p.id = f.party_organization_id
     LEFT JOIN organization_replica o ON o.id = f.social_organization_id
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
  );
  const organizations = await partyOrganizations(db);
  const branches = quarters.flatMap((quarter) => {
    const { from, to } = quarterRange(quarter);
    const byRegion = new Map<string, { branches: number; required: number }>();
    for (const b of organizations) {
      if (b.type !== 'BRANCH' || b.established_at > to || (b.dissolved_at !== null && b.dissolved_at < from))
        continue;
      const cell = byRegion.get(b.region_code) ?? { branches: 0, required: 0 };
      cell.branches += 1;
      cell.required += quarterlyFloors(Boolean(b.has_committee)).reduce((s, [, floor]) => s + floor, 0);
      byRegion.set(b.region_code, cell);
    }
    return [...byRegion.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([region_code, cell]) => ({ quarter, region_code, ...cell }));
  });
  return {
    funding: funding.map(fundingCell),
    branches,
  };
}

/** The kept cells themselves, in the shape of `oracleKeptCells`. */
export async function keptCells(db: SqlRunner, quarters: readonly string[]) {
  const funding = await rows<Record<string, string | number>>(
    db,
    `SELECT year, region_code, source, quarter, records, CAST(amount_fen AS CHAR) AS amount_fen FROM funding_cell
     WHERE records <> 0 OR amount_fen <> 0 ORDER BY 1, 2, 3, 4`,
  );
  const branches = [];
  for (const quarter of quarters) {
    const cells = await rows<{ region_code: string; branches: string; required: string }>(
      db,
      `SELECT region_code, SUM(branches) AS branches, SUM(required) AS required FROM branch_cell
       WHERE quarter <= ? GROUP BY region_code HAVING SUM(branches) <> 0 OR SUM(required) <> 0 ORDER BY region_code`,
      [quarter],
    );
    branches.push(
      ...cells.map((c) => ({
        quarter,
        region_code: c.region_code,
        branches: Number(c.branches),
        required: Number(c.required),
      })),
    );
  }
  return {
    funding: funding.map(fundingCell),
    branches,
  };
}

/**
 * 民主评议党员 of a year from the raw rows: the Party members on the rolls now (stage and status from each
 * member's last history entry, region from the organization replica), and the grades of the year that
 * they hold.
 */
export async function oracleAppraisalStats(db: SqlRunner, scope: string | null, year: number) {
  const members = await rows<{ stage: string; kind: string; grade: string | null }>(
    db,
    `SELECT s.to_stage AS stage, s.kind, a.grade FROM stage_change s
     JOIN (SELECT member_id, MAX(seq) AS seq FROM stage_change GROUP BY member_id) last ON last.seq = s.seq
     JOIN party_member m ON m.id = s.member_id
     JOIN organization_replica o ON o.id = m.social_organization_id
     LEFT JOIN appraisal a ON a.member_id = m.id AND a.year = ?
     ${scope ? 'WHERE o.region_code LIKE ?' : ''}`,
    scope ? [year, regionLikePattern(scope)] : [year],
  );
  const party = members.filter(
    (r) =>
      !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(r.kind) &&
      (r.stage === 'FULL' || r.stage === 'PROBATIONARY'),
  );
  const appraised = party.filter((r) => r.grade !== null).length;
  return {
    members: party.length,
    appraised,
    appraisalRate: party.length ? appraised / party.length : 0,
    byGrade: Object.values(AppraisalGrade).map((grade) => ({
      grade,
      members: party.filter((r) => r.grade === grade).length,
    })),
  };
}
