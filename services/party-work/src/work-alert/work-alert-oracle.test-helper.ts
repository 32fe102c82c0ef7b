import { addDays, addMonths, quarterOf, quarterRange } from '@pb/platform/calendar';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { SqlRunner } from '../statistics/statistics-oracle.test-helper.js';
import { oracleTrainingAlerts } from '../statistics/training-oracle.test-helper.js';

/**
 * The work alerts of a scope on a day, recomputed from the raw rows by plain per-scope SQL — what the
 * alerts were before they were kept, written again here independently of work-alert.rules.ts, so the
 * kept alerts and counts can be checked against it. Each alert is a line
 * `kind|region|branch|member|message|dueOn`.
 */
export async function oracleWorkAlerts(db: SqlRunner, scope: string | null, day: string): Promise<string[]> {
  const like = scope ? [regionLikePattern(scope)] : [];
  const inScope = (alias: string) => (scope ? `AND ${alias}.region_code LIKE ?` : '');
  const lines: string[] = [];
  const line = (
    kind: string,
    region: string,
    branch: string | null,
    member: string | null,
    message: string,
    dueOn: string | null,
  ) => lines.push([kind, region, branch ?? '', member ?? '', message, dueOn ?? ''].join('|'));

  const branches = (await db.query(
    `SELECT id, name, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at
     FROM party_organization_replica b
     WHERE b.type = 'BRANCH' AND b.established_at <= ? AND (b.dissolved_at IS NULL OR b.dissolved_at > ?) ${inScope('b')}`,
    [day, day, ...like],
  )) as Array<{
    id: string;
    name: string;
    region_code: string;
    has_committee: number;
    established_at: string;
  }>;

  // 三会一课 from the activities themselves (not the kept branch_quarter counts)
  const quarter = quarterOf(day);
  const { from, to } = quarterRange(quarter);
  const previous = quarterOf(addDays(from, -1));
  const held = new Map<string, number>();
  for (const r of (await db.query(
    `SELECT branch_id, quarter, type, COUNT(*) AS n FROM activity
     WHERE superseded_by IS NULL AND quarter IN (?, ?) GROUP BY branch_id, quarter, type`,
    [quarter, previous],
  )) as Array<{ branch_id: string; quarter: string; type: string; n: string }>)
    held.set(`${r.branch_id}|${r.quarter}|${r.type}`, Number(r.n));
  const day0 = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86400_000;
  const elapsed = day0(day) - day0(from) + 1;
  const length = day0(to) - day0(from) + 1;
  for (const b of branches) {
    const floors: Array<[string, number]> = [
      ['GENERAL_MEETING', 1],
      ...(b.has_committee ? [['COMMITTEE_MEETING', 3] as [string, number]] : []),
      ['GROUP_MEETING', 3],
      ['PARTY_LECTURE', 1],
      ['THEMED_PARTY_DAY', 3],
    ];
    for (const [type, floor] of floors) {
      const pace = Math.floor((floor * elapsed) / length);
      const now = held.get(`${b.id}|${quarter}|${type}`) ?? 0;
      if (now < pace)
        line(
          'COMPLIANCE_BEHIND_PACE',
          b.region_code,
          b.id,
          null,
          `${b.name}: ${now} ${type} in ${quarter}, ${pace} due by now.`,
          null,
        );
      const last = held.get(`${b.id}|${previous}|${type}`) ?? 0;
      if (last < floor && b.established_at <= quarterRange(previous).to)
        line(
          'COMPLIANCE_QUARTER_SHORT',
          b.region_code,
          b.id,
          null,
          `${b.name}: ${last} of ${floor} ${type} in ${previous}.`,
          quarterRange(previous).to,
        );
    }
  }
  if (day.slice(5) >= '10-01') {
    const year = day.slice(0, 4);
    for (const [kind, type] of [
      ['ORGANIZATIONAL_LIFE_MEETING_MISSING', 'ORGANIZATIONAL_LIFE_MEETING'],
      ['DEMOCRATIC_APPRAISAL_MISSING', 'DEMOCRATIC_APPRAISAL'],
    ] as const) {
      const done = new Set(
        (
          (await db.query(
            `SELECT DISTINCT branch_id FROM activity WHERE superseded_by IS NULL AND type = ? AND LEFT(quarter, 4) = ?`,
            [type, year],
          )) as Array<{ branch_id: string }>
        ).map((r) => r.branch_id),
      );
      for (const b of branches)
        if (!done.has(b.id))
          line(
            kind,
            b.region_code,
            b.id,
            null,
            `${b.name} has not held ${type} in ${year}.`,
            `${year}-12-31`,
          );
    }
  }
  // a vacancy older than 90 days, from every secretary assignment of the branch
  const secretaryPeriods = new Map<string, Array<{ from_on: string; to_on: string | null }>>();
  for (const a of (await db.query(
    `SELECT party_organization_id AS id, DATE_FORMAT(from_on, '%Y-%m-%d') AS from_on,
            DATE_FORMAT(to_on, '%Y-%m-%d') AS to_on FROM staff_assignment WHERE role = 'SECRETARY'`,
  )) as Array<{ id: string; from_on: string; to_on: string | null }>)
    secretaryPeriods.set(a.id, [...(secretaryPeriods.get(a.id) ?? []), a]);
  for (const b of branches) {
    const periods = secretaryPeriods.get(b.id) ?? [];
    if (periods.some((p) => p.from_on <= day && (p.to_on === null || p.to_on >= day))) continue;
    const ends = periods.map((p) => p.to_on).filter((to): to is string => to !== null && to < day);
    const since = [b.established_at, ...ends].sort().at(-1)!;
    if (day0(day) - day0(since) > 90)
      line(
        'NO_SECRETARY',
        b.region_code,
        b.id,
        null,
        `${b.name} has had no secretary since ${since}.`,
        addDays(since, 90),
      );
  }
  // 换届: the newest election of each branch, else a committee's first term of 3 years from establishment
  const newest = new Map<string, { elected_on: string; term_years: number }>();
  for (const e of (await db.query(
    `SELECT party_organization_id AS id, DATE_FORMAT(elected_on, '%Y-%m-%d') AS elected_on, term_years
     FROM committee_election`,
  )) as Array<{ id: string; elected_on: string; term_years: number }>)
    if (!newest.has(e.id) || newest.get(e.id)!.elected_on < e.elected_on) newest.set(e.id, e);
  for (const b of branches) {
    const e = newest.get(b.id);
    const from = e ? e.elected_on : b.has_committee ? b.established_at : null;
    if (!from) continue;
    const endsOn = addMonths(from, 12 * (e ? Number(e.term_years) : 3));
    if (endsOn < day)
      line(
        'COMMITTEE_TERM_ENDED',
        b.region_code,
        b.id,
        null,
        `${b.name}: the committee's term from ${from} ended on ${endsOn}; hold the election (换届).`,
        endsOn,
      );
  }
  const sizes = new Map(
    (
      (await db.query(
        `SELECT branch_id, COUNT(*) AS n FROM party_member
         WHERE status = 'ACTIVE' AND stage IN ('FULL', 'PROBATIONARY') AND branch_id IS NOT NULL GROUP BY branch_id`,
      )) as Array<{ branch_id: string; n: string }>
    ).map((r) => [r.branch_id, Number(r.n)]),
  );
  for (const b of branches) {
    const n = sizes.get(b.id) ?? 0;
    if (n > 50)
      line(
        'BRANCH_TOO_LARGE',
        b.region_code,
        b.id,
        null,
        `${b.name} has ${n} full and probationary members; split it or set up a general branch.`,
        null,
      );
  }

  // 谈心谈话 once a year, from Q4: each branch's Party members and those in a talk held this year (by the talk's date)
  if (day.slice(5) >= '10-01') {
    const year = day.slice(0, 4);
    const owed = new Map<string, { members: number; talked: number }>();
    for (const r of (await db.query(
      `SELECT m.branch_id, EXISTS (SELECT 1 FROM talk_participant p JOIN talk t ON t.id = p.talk_id
                                   WHERE p.member_id = m.id AND YEAR(t.held_on) = ?) AS talked
       FROM party_member m WHERE m.status = 'ACTIVE' AND m.stage IN ('FULL', 'PROBATIONARY') AND m.branch_id IS NOT NULL`,
      [Number(year)],
    )) as Array<{ branch_id: string; talked: number | string }>) {
      const branch = owed.get(r.branch_id) ?? { members: 0, talked: 0 };
      branch.members += 1;
      branch.talked += Number(r.talked);
      owed.set(r.branch_id, branch);
    }
    for (const b of branches) {
      const branch = owed.get(b.id);
      if (branch && branch.talked < branch.members)
        line(
          'YEARLY_TALK_MISSING',
          b.region_code,
          b.id,
          null,
          `${b.name}: ${branch.members - branch.talked} of ${branch.members} Party members not yet talked with in ${year}.`,
          `${year}-12-31`,
        );
    }
  }

  // development deadlines, from each member's talks
  const members = (await db.query(
    `SELECT m.id, m.name, m.region_code, m.branch_id, m.stage, DATE_FORMAT(m.applied_on, '%Y-%m-%d') AS applied_on,
            DATE_FORMAT(m.stage_since, '%Y-%m-%d') AS stage_since, m.probation_extended_months AS extended
     FROM party_member m WHERE m.status = 'ACTIVE' ${inScope('m')}`,
    like,
  )) as Array<{
    id: string;
    name: string;
    region_code: string;
    branch_id: string | null;
    stage: string;
    applied_on: string | null;
    stage_since: string;
    extended: number;
  }>;
  const talks = new Map<string, string[]>();
  for (const t of (await db.query(
    "SELECT member_id, DATE_FORMAT(held_on, '%Y-%m-%d') AS held_on FROM talk_participant",
  )) as Array<{ member_id: string; held_on: string }>)
    talks.set(t.member_id, [...(talks.get(t.member_id) ?? []), t.held_on]);
  for (const m of members) {
    const heldOn = talks.get(m.id) ?? [];
    if (m.stage === 'APPLICANT' && m.applied_on && m.applied_on < addMonths(day, -1)) {
      const until = addMonths(m.applied_on, 1);
      if (!heldOn.some((d) => d >= m.applied_on! && d <= until))
        line(
          'APPLICANT_TALK_OVERDUE',
          m.region_code,
          m.branch_id,
          m.id,
          `${m.name} applied on ${m.applied_on}; no talk within a month.`,
          until,
        );
    }
    if (
      m.stage === 'ACTIVIST' &&
      m.stage_since <= addMonths(day, -6) &&
      !heldOn.some((d) => d > addMonths(day, -6))
    )
      line(
        'ACTIVIST_REVIEW_OVERDUE',
        m.region_code,
        m.branch_id,
        m.id,
        `${m.name}: activist since ${m.stage_since}, no review (talk) in 6 months.`,
        null,
      );
    if (m.stage === 'PROBATIONARY') {
      const ends = addMonths(m.stage_since, 12 + Number(m.extended));
      if (ends < day)
        line(
          'PROBATION_UNDECIDED',
          m.region_code,
          m.branch_id,
          m.id,
          `${m.name}: probation ended ${ends}, not yet decided.`,
          ends,
        );
    }
  }
  // 不合格 grades of Party members on the rolls with no follow-up a month after the appraisal
  const unqualified = new Map<string, Array<{ year: number; appraised_on: string }>>();
  for (const a of (await db.query(
    `SELECT a.member_id, a.year, DATE_FORMAT(a.appraised_on, '%Y-%m-%d') AS appraised_on FROM appraisal a
     WHERE a.grade = 'UNQUALIFIED' AND a.id NOT IN (SELECT appraisal_id FROM appraisal_follow_up)`,
  )) as Array<{ member_id: string; year: number; appraised_on: string }>)
    unqualified.set(a.member_id, [...(unqualified.get(a.member_id) ?? []), a]);
  for (const m of members) {
    if (m.stage !== 'FULL' && m.stage !== 'PROBATIONARY') continue;
    for (const a of unqualified.get(m.id) ?? []) {
      const due = addMonths(a.appraised_on, 1);
      if (due < day)
        line(
          'UNQUALIFIED_FOLLOW_UP_OVERDUE',
          m.region_code,
          m.branch_id,
          m.id,
          `${m.name}: graded 不合格 for ${a.year} on ${a.appraised_on}; no follow-up decided within a month.`,
          due,
        );
    }
  }
  // training against the yearly minimum (statistics/training-oracle)
  lines.push(...(await oracleTrainingAlerts(db, scope, day)));
  return lines.sort();
}
