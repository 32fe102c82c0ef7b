import { today } from '@pb/platform/calendar';
import { regionPrefix } from '@pb/platform/region-scope';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

/**
 * trainingStats recomputed from the raw rows, with no cell and none of training-cells' SQL: a member's
 * stage and status from the last entry of its history and its region from the organization replica; the
 * staff from the posts current on `day`; each person's hours of the year summed here.
 */
const MEMBER_MINIMUM = 32;
const STAFF_MINIMUM: Record<string, number> = {
  SECRETARY: 56,
  DEPUTY_SECRETARY: 56,
  COMMITTEE_MEMBER: 56,
  FULL_TIME_STAFF: 56,
  PART_TIME_STAFF: 56,
};

export async function oracleTrainingStats(db: SqlRunner, scope: string | null, year: number, day = today()) {
  const within = (region: string) => !scope || region.startsWith(regionPrefix(scope));
  const members = (await db.query(
    `SELECT m.id, o.region_code, s.to_stage AS stage, s.kind FROM party_member m
       JOIN organization_replica o ON o.id = m.social_organization_id
       JOIN stage_change s ON s.seq = (SELECT MAX(seq) FROM stage_change WHERE member_id = m.id)`,
  )) as Array<{ id: string; region_code: string; stage: string; kind: string }>;
  const memberRegion = new Map(members.map((m) => [m.id, m.region_code]));
  const onRolls = members.filter(
    (m) =>
      ['FULL', 'PROBATIONARY'].includes(m.stage) &&
      !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(m.kind),
  );
  const posts = (await db.query(
    `SELECT s.id, s.member_id, s.role, DATE_FORMAT(s.from_on, '%Y-%m-%d') AS from_on,
            DATE_FORMAT(s.to_on, '%Y-%m-%d') AS to_on, b.region_code
       FROM staff_assignment s JOIN party_organization_replica b ON b.id = s.party_organization_id`,
  )) as Array<{
    id: string;
    member_id: string | null;
    role: string;
    from_on: string;
    to_on: string | null;
    region_code: string;
  }>;
  // people holding a current post: a member once (highest minimum), a post held by no member as one
  const staff = new Map<string, { region: string; minimum: number }>();
  for (const p of posts) {
    const minimum = STAFF_MINIMUM[p.role];
    if (!minimum || p.from_on > day || (p.to_on !== null && p.to_on < day)) continue;
    if (p.member_id && !memberRegion.has(p.member_id)) continue;
    const person = p.member_id ? `m:${p.member_id}` : `s:${p.id}`;
    const region = p.member_id ? memberRegion.get(p.member_id)! : p.region_code;
    staff.set(person, { region, minimum: Math.max(minimum, staff.get(person)?.minimum ?? 0) });
  }
  const postRegion = new Map(posts.map((p) => [p.id, p.region_code]));
  const hours = new Map<string, number>();
  let total = 0;
  for (const t of (await db.query(
    'SELECT member_id, staff_assignment_id, hours FROM training_record WHERE YEAR(started_on) = ?',
    [year],
  )) as Array<{ member_id: string | null; staff_assignment_id: string | null; hours: number }>) {
    const person = t.member_id ? `m:${t.member_id}` : `s:${t.staff_assignment_id}`;
    const region = t.member_id ? memberRegion.get(t.member_id) : postRegion.get(t.staff_assignment_id!);
    if (region === undefined || !within(region)) continue;
    hours.set(person, (hours.get(person) ?? 0) + Number(t.hours));
    total += Number(t.hours);
  }
  const partyMembers = onRolls.filter((m) => within(m.region_code));
  const membersMeetingMinimum = partyMembers.filter(
    (m) => (hours.get(`m:${m.id}`) ?? 0) >= MEMBER_MINIMUM,
  ).length;
  const staffInScope = [...staff].filter(([, s]) => within(s.region));
  const staffMeetingMinimum = staffInScope.filter(
    ([person, s]) => (hours.get(person) ?? 0) >= s.minimum,
  ).length;
  return {
    members: partyMembers.length,
    membersMeetingMinimum,
    memberRate: partyMembers.length ? membersMeetingMinimum / partyMembers.length : 0,
    staff: staffInScope.length,
    staffMeetingMinimum,
    staffRate: staffInScope.length ? staffMeetingMinimum / staffInScope.length : 0,
    hours: total,
  };
}

/** TRAINING_HOURS_SHORT lines (`kind|region|branch|member|message|dueOn`) of a scope on a day. */
export async function oracleTrainingAlerts(
  db: SqlRunner,
  scope: string | null,
  day: string,
): Promise<string[]> {
  if (day.slice(5) < '10-01') return [];
  const year = day.slice(0, 4);
  const within = (region: string) => !scope || region.startsWith(regionPrefix(scope));
  const hours = new Map<string, number>();
  for (const t of (await db.query(
    'SELECT member_id, staff_assignment_id, hours FROM training_record WHERE YEAR(started_on) = ?',
    [Number(year)],
  )) as Array<{ member_id: string | null; staff_assignment_id: string | null; hours: number }>) {
    const person = t.member_id ? `m:${t.member_id}` : `s:${t.staff_assignment_id}`;
    hours.set(person, (hours.get(person) ?? 0) + Number(t.hours));
  }
  const posts = (await db.query(
    `SELECT s.id, s.member_id, s.person_name, s.role, DATE_FORMAT(s.from_on, '%Y-%m-%d') AS from_on,
            DATE_FORMAT(s.to_on, '%Y-%m-%d') AS to_on, b.id AS org_id, b.region_code
       FROM staff_assignment s JOIN party_organization_replica b ON b.id = s.party_organization_id`,
  )) as Array<{
    id: string;
    member_id: string | null;
    person_name: string;
    role: string;
    from_on: string;
    to_on: string | null;
    org_id: string;
    region_code: string;
  }>;
  const current = posts.filter(
    (p) => STAFF_MINIMUM[p.role] && p.from_on <= day && (p.to_on === null || p.to_on >= day),
  );
  const lines: string[] = [];
  const line = (
    region: string,
    branch: string | null,
    member: string | null,
    name: string,
    person: string,
    min: number,
  ) => {
    const had = hours.get(person) ?? 0;
    if (had < min && within(region))
      lines.push(
        [
          'TRAINING_HOURS_SHORT',
          region,
          branch ?? '',
          member ?? '',
          `${name}: ${had} of ${min} class hours of training in ${year}.`,
          `${year}-12-31`,
        ].join('|'),
      );
  };
  for (const m of (await db.query(
    'SELECT id, name, region_code, branch_id, status, stage FROM party_member',
  )) as Array<{
    id: string;
    name: string;
    region_code: string;
    branch_id: string | null;
    status: string;
    stage: string;
  }>) {
    const party = m.status === 'ACTIVE' && ['FULL', 'PROBATIONARY'].includes(m.stage) ? MEMBER_MINIMUM : 0;
    const held = current.filter((p) => p.member_id === m.id).map((p) => STAFF_MINIMUM[p.role]!);
    const min = Math.max(party, ...held);
    if (min > 0) line(m.region_code, m.branch_id, m.id, m.name, `m:${m.id}`, min);
  }
  for (const p of current.filter((p) => p.member_id === null))
    line(p.region_code, p.org_id, null, p.person_name, `s:${p.id}`, STAFF_MINIMUM[p.role]!);
  return lines;
}
