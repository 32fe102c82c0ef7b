import { addDays, addMonths, quarterOf, quarterRange } from '@pb/platform/calendar';
import type { EntityManager } from 'typeorm';
import { ActivityType } from '../activity/activity.type.js';
import { ACTIVE_PARTY_ORGANIZATION, CURRENT_SECRETARY } from '../secretary-stats/secretary-stats.service.js';
import { quarterlyFloors } from '../statistics/activity-aggregates/activity-aggregates.js';
import { appraisalFollowUp } from './appraisal-follow-up.rule.js';
import { committeeTermRule } from './committee-term.rule.js';
import { trainingHoursOfMembers, trainingHoursOfStaff } from './training-hours.rule.js';
import { WorkAlertKind } from './work-alert.type.js';
import { yearlyTalk } from './yearly-talk.rule.js';

/**
 * The one definition of every work alert (domain.md, alerts 5–8): for a set of subjects (branches or
 * members) and a day, the alerts they raise. The keeper evaluates these for the subjects a write moved, in
 * the write's transaction, and for every subject when the day changes or after a bulk load; nothing else
 * decides whether an alert stands.
 */

type Queryable = Pick<EntityManager, 'query'>;

/** Members a branch normally has at most (split above). */
export const BRANCH_MAX_MEMBERS = 50;
/**
 * A branch's size, the one measure everywhere (domain.md, structure): its full and probationary members.
 * Applicants, activists and candidates are not yet members. This alert is the only one on branch size;
 * organization, which knows only full-member counts, raises none.
 */
export const IN_BRANCH_SIZE = "m.stage IN ('FULL', 'PROBATIONARY')";

/** One alert as kept: a subject may raise several of one kind, told apart by `ruleKey` (e.g. per type). */
export interface KeptWorkAlert {
  kind: WorkAlertKind;
  subjectId: string;
  ruleKey: string;
  regionCode: string;
  branchId: string | null;
  memberId: string | null;
  rule: string;
  message: string;
  /** Since when (YYYY-MM-DD) the deadline passed, where one did. */
  dueOn: string | null;
}

/** A staff subject is a post held by no member here (a member's posts alert on the member). */
export type WorkAlertSubject = 'BRANCH' | 'MEMBER' | 'STAFF';

export interface BranchRow {
  id: string;
  name: string;
  region_code: string;
  has_committee: number;
  established_at: string;
}

interface MemberRow {
  id: string;
  name: string;
  region_code: string;
  branch_id: string | null;
  since: string;
}

export interface WorkAlertRule {
  kinds: WorkAlertKind[];
  subject: WorkAlertSubject;
  /**
   * A member rule's subjects: the members on the rolls it can raise an alert on, as SQL on `m`
   * (party_member), which the keeper walks when the day changes; those at a development stage when absent.
   */
  members?: string;
  /**
   * The alerts of these kinds that the given subjects raise on `day`. Branch rules get the branches that
   * are active that day (an inactive one raises nothing); member rules get member ids; staff rules get
   * staff assignment ids.
   */
  evaluate(
    q: Queryable,
    subjects: { branches: BranchRow[]; memberIds: string[]; staffIds: string[] },
    day: string,
  ): Promise<KeptWorkAlert[]>;
}

/** The active branches among `ids` on `day`, with what the branch rules need. */
export async function activeBranches(q: Queryable, ids: string[], day: string): Promise<BranchRow[]> {
  if (ids.length === 0) return [];
  return (await q.query(
    `SELECT id, name, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at
     FROM party_organization_replica b
     WHERE b.id IN (?) AND b.type = 'BRANCH' AND ${ACTIVE_PARTY_ORGANIZATION('b')}`,
    [ids, day, day],
  )) as BranchRow[];
}

function branchAlert(
  kind: WorkAlertKind,
  b: BranchRow,
  ruleKey: string,
  rule: string,
  message: string,
  dueOn: string | null,
): KeptWorkAlert {
  return {
    kind,
    subjectId: b.id,
    ruleKey,
    regionCode: b.region_code,
    branchId: b.id,
    memberId: null,
    rule,
    message,
    dueOn,
  };
}

function memberAlert(
  kind: WorkAlertKind,
  m: MemberRow,
  rule: string,
  message: string,
  dueOn: string | null,
): KeptWorkAlert {
  return {
    kind,
    subjectId: m.id,
    ruleKey: '',
    regionCode: m.region_code,
    branchId: m.branch_id,
    memberId: m.id,
    rule,
    message,
    dueOn,
  };
}

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000;

/** 三会一课滞后: behind the pace of the current quarter, or the last closed quarter short of a floor. */
const compliance: WorkAlertRule = {
  kinds: [WorkAlertKind.COMPLIANCE_BEHIND_PACE, WorkAlertKind.COMPLIANCE_QUARTER_SHORT],
  subject: 'BRANCH',
  async evaluate(q, { branches }, day) {
    if (branches.length === 0) return [];
    const quarter = quarterOf(day);
    const { from, to } = quarterRange(quarter);
    const previous = quarterOf(addDays(from, -1));
    const previousEnd = quarterRange(previous).to;
    // the held counts the statistics keep per branch and quarter
    const rows = (await q.query('SELECT * FROM branch_quarter WHERE branch_id IN (?) AND quarter IN (?)', [
      branches.map((b) => b.id),
      [quarter, previous],
    ])) as Array<Record<string, string | number>>;
    const held = new Map<string, number>();
    for (const r of rows)
      for (const type of Object.values(ActivityType))
        if (r[type.toLowerCase()] !== undefined)
          held.set(`${r.branch_id}|${r.quarter}|${type}`, Number(r[type.toLowerCase()]));
    const elapsed = daysBetween(from, day) + 1;
    const length = daysBetween(from, to) + 1;
    const alerts: KeptWorkAlert[] = [];
    for (const b of branches) {
      for (const [type, floor] of quarterlyFloors(Boolean(b.has_committee))) {
        const rule = `三会一课 ${type}: ${floor} per quarter`;
        const pace = Math.floor((floor * elapsed) / length);
        const now = held.get(`${b.id}|${quarter}|${type}`) ?? 0;
        if (now < pace)
          alerts.push(
            branchAlert(
              WorkAlertKind.COMPLIANCE_BEHIND_PACE,
              b,
              type,
              rule,
              `${b.name}: ${now} ${type} in ${quarter}, ${pace} due by now.`,
              null,
            ),
          );
        const last = held.get(`${b.id}|${previous}|${type}`) ?? 0;
        if (last < floor && b.established_at <= previousEnd)
          alerts.push(
            branchAlert(
              WorkAlertKind.COMPLIANCE_QUARTER_SHORT,
              b,
              type,
              rule,
              `${b.name}: ${last} of ${floor} ${type} in ${previous}.`,
              previousEnd,
            ),
          );
      }
    }
    return alerts;
  },
};

const YEARLY: Array<[WorkAlertKind, ActivityType, string]> = [
  [
    WorkAlertKind.ORGANIZATIONAL_LIFE_MEETING_MISSING,
    ActivityType.ORGANIZATIONAL_LIFE_MEETING,
    '组织生活会 at least once a year',
  ],
  [WorkAlertKind.DEMOCRATIC_APPRAISAL_MISSING, ActivityType.DEMOCRATIC_APPRAISAL, '民主评议党员 once a year'],
];

/** 组织生活会 / 民主评议 not held this year, once Q4 has come. */
const yearlyMeetings: WorkAlertRule = {
  kinds: YEARLY.map(([kind]) => kind),
  subject: 'BRANCH',
  async evaluate(q, { branches }, day) {
    if (branches.length === 0 || day.slice(5) < '10-01') return [];
    const year = day.slice(0, 4);
    const rows = (await q.query(
      `SELECT DISTINCT a.branch_id, a.type FROM activity a
       WHERE a.branch_id IN (?) AND a.type IN (?) AND a.quarter IN (?) AND a.superseded_by IS NULL`,
      [branches.map((b) => b.id), YEARLY.map(([, type]) => type), [1, 2, 3, 4].map((n) => `${year}Q${n}`)],
    )) as Array<{ branch_id: string; type: string }>;
    const held = new Set(rows.map((r) => `${r.branch_id}|${r.type}`));
    return YEARLY.flatMap(([kind, type, rule]) =>
      branches
        .filter((b) => !held.has(`${b.id}|${type}`))
        .map((b) =>
          branchAlert(kind, b, '', rule, `${b.name} has not held ${type} in ${year}.`, `${year}-12-31`),
        ),
    );
  },
};

/**
 * How long a branch may be without a secretary before NO_SECRETARY is raised: our setting (domain.md), a
 * vacancy is to be filled promptly, as the 支部工作条例 asks for a 书记 in every 支部委员会.
 */
export const SECRETARY_GRACE_DAYS = 90;

/**
 * A branch without a current secretary for more than SECRETARY_GRACE_DAYS: since it was established, or
 * since its last secretary's assignment ended (its last day in post), whichever is later. A secretary
 * dated ahead does not fill today's vacancy.
 */
const secretary: WorkAlertRule = {
  kinds: [WorkAlertKind.NO_SECRETARY],
  subject: 'BRANCH',
  async evaluate(q, { branches }, day) {
    if (branches.length === 0) return [];
    const rows = (await q.query(
      `SELECT s.party_organization_id AS id, MAX(${CURRENT_SECRETARY('s')}) AS current,
              DATE_FORMAT(MAX(CASE WHEN s.to_on < ? THEN s.to_on END), '%Y-%m-%d') AS last_ended
       FROM staff_assignment s WHERE s.party_organization_id IN (?) AND s.role = 'SECRETARY'
       GROUP BY s.party_organization_id`,
      [day, day, day, branches.map((b) => b.id)],
    )) as Array<{ id: string; current: number | string; last_ended: string | null }>;
    const secretaries = new Map(rows.map((r) => [r.id, r]));
    const alerts: KeptWorkAlert[] = [];
    for (const b of branches) {
      const row = secretaries.get(b.id);
      if (Number(row?.current ?? 0) === 1) continue;
      const since = row?.last_ended && row.last_ended > b.established_at ? row.last_ended : b.established_at;
      const dueOn = addDays(since, SECRETARY_GRACE_DAYS);
      if (dueOn >= day) continue;
      alerts.push(
        branchAlert(
          WorkAlertKind.NO_SECRETARY,
          b,
          '',
          `a branch has a secretary (a vacancy is filled within ${SECRETARY_GRACE_DAYS} days)`,
          `${b.name} has had no secretary since ${since}.`,
          dueOn,
        ),
      );
    }
    return alerts;
  },
};

/** A branch over 50 full and probationary members (split). */
const branchSize: WorkAlertRule = {
  kinds: [WorkAlertKind.BRANCH_TOO_LARGE],
  subject: 'BRANCH',
  async evaluate(q, { branches }) {
    if (branches.length === 0) return [];
    const rows = (await q.query(
      `SELECT m.branch_id, COUNT(*) AS n FROM party_member m
       WHERE m.branch_id IN (?) AND m.status = 'ACTIVE' AND ${IN_BRANCH_SIZE}
       GROUP BY m.branch_id HAVING COUNT(*) > ?`,
      [branches.map((b) => b.id), BRANCH_MAX_MEMBERS],
    )) as Array<{ branch_id: string; n: string }>;
    const size = new Map(rows.map((r) => [r.branch_id, Number(r.n)]));
    return branches
      .filter((b) => size.has(b.id))
      .map((b) =>
        branchAlert(
          WorkAlertKind.BRANCH_TOO_LARGE,
          b,
          '',
          `a branch has at most ${BRANCH_MAX_MEMBERS} members`,
          `${b.name} has ${size.get(b.id)} full and probationary members; split it or set up a general branch.`,
          null,
        ),
      );
  },
};

/** The member stages a development deadline can fall on: the only members a member rule looks at. */
export const DEVELOPMENT_STAGES = ['APPLICANT', 'ACTIVIST', 'PROBATIONARY'];

/** No talk within a month of the application. */
const applicantTalk: WorkAlertRule = {
  kinds: [WorkAlertKind.APPLICANT_TALK_OVERDUE],
  subject: 'MEMBER',
  async evaluate(q, { memberIds }, day) {
    if (memberIds.length === 0) return [];
    const rows = (await q.query(
      `SELECT m.id, m.name, m.region_code, m.branch_id, DATE_FORMAT(m.applied_on, '%Y-%m-%d') AS since FROM party_member m
       WHERE m.id IN (?) AND m.status = 'ACTIVE' AND m.stage = 'APPLICANT' AND m.applied_on IS NOT NULL AND m.applied_on < ?
         AND NOT EXISTS (SELECT 1 FROM talk_participant t WHERE t.member_id = m.id
                         AND t.held_on BETWEEN m.applied_on AND DATE_ADD(m.applied_on, INTERVAL 1 MONTH))`,
      [memberIds, addMonths(day, -1)],
    )) as MemberRow[];
    return rows.map((m) =>
      memberAlert(
        WorkAlertKind.APPLICANT_TALK_OVERDUE,
        m,
        'a talk within 1 month of the application',
        `${m.name} applied on ${m.since}; no talk within a month.`,
        addMonths(m.since, 1),
      ),
    );
  },
};

/** An activist not reviewed (talked with) in the last 6 months. */
const activistReview: WorkAlertRule = {
  kinds: [WorkAlertKind.ACTIVIST_REVIEW_OVERDUE],
  subject: 'MEMBER',
  async evaluate(q, { memberIds }, day) {
    if (memberIds.length === 0) return [];
    const since = addMonths(day, -6);
    const rows = (await q.query(
      `SELECT m.id, m.name, m.region_code, m.branch_id, DATE_FORMAT(m.stage_since, '%Y-%m-%d') AS since FROM party_member m
       WHERE m.id IN (?) AND m.status = 'ACTIVE' AND m.stage = 'ACTIVIST' AND m.stage_since <= ?
         AND NOT EXISTS (SELECT 1 FROM talk_participant t WHERE t.member_id = m.id AND t.held_on > ?)`,
      [memberIds, since, since],
    )) as MemberRow[];
    return rows.map((m) =>
      memberAlert(
        WorkAlertKind.ACTIVIST_REVIEW_OVERDUE,
        m,
        'an activist is reviewed every 6 months',
        `${m.name}: activist since ${m.since}, no review (talk) in 6 months.`,
        null,
      ),
    );
  },
};

/** Probation over (a year plus any extension), conversion not decided. */
const probation: WorkAlertRule = {
  kinds: [WorkAlertKind.PROBATION_UNDECIDED],
  subject: 'MEMBER',
  async evaluate(q, { memberIds }, day) {
    if (memberIds.length === 0) return [];
    const rows = (await q.query(
      `SELECT m.id, m.name, m.region_code, m.branch_id,
              DATE_FORMAT(DATE_ADD(m.stage_since, INTERVAL 12 + m.probation_extended_months MONTH), '%Y-%m-%d') AS since
       FROM party_member m
       WHERE m.id IN (?) AND m.status = 'ACTIVE' AND m.stage = 'PROBATIONARY'
         AND DATE_ADD(m.stage_since, INTERVAL 12 + m.probation_extended_months MONTH) < ?`,
      [memberIds, day],
    )) as MemberRow[];
    return rows.map((m) =>
      memberAlert(
        WorkAlertKind.PROBATION_UNDECIDED,
        m,
        'probation 1 year (plus any extension), then decided',
        `${m.name}: probation ended ${m.since}, not yet decided.`,
        m.since,
      ),
    );
  },
};

export const WORK_ALERT_RULES: WorkAlertRule[] = [
  compliance,
  yearlyMeetings,
  secretary,
  branchSize,
  applicantTalk,
  activistReview,
  probation,
  yearlyTalk,
  committeeTermRule,
  appraisalFollowUp,
  trainingHoursOfMembers,
  trainingHoursOfStaff,
];

/**
 * What each kind of write can move, so a write re-evaluates only the rules its rows feed: an activity the
 * 三会一课 and yearly-meeting rules of its branch; a member's change the development rules of the member and
 * the size and yearly talks of its branches; a talk the development rules of its participants and the
 * yearly talks of their branches; a staff change the secretary rule; a committee election the
 * committee-term rule; a branch's own change (name, region, committee, dates) every branch rule; an
 * organization's move to another region the development rules of its members, whose alerts move with them;
 * an appraisal or its follow-up the 不合格 follow-up rule of its member (which a member's change moves too);
 * training the training rule of its person. A staff change re-evaluates the training of the member holding
 * the post, or of the post; a branch's change that of its posts held by no member (they follow its region).
 */
export const MOVED_BY = {
  activity: [compliance, yearlyMeetings],
  member: [
    branchSize,
    applicantTalk,
    activistReview,
    probation,
    yearlyTalk,
    appraisalFollowUp,
    trainingHoursOfMembers,
  ],
  talk: [applicantTalk, activistReview, yearlyTalk],
  staff: [secretary, trainingHoursOfMembers, trainingHoursOfStaff],
  branch: [
    compliance,
    yearlyMeetings,
    secretary,
    branchSize,
    yearlyTalk,
    committeeTermRule,
    trainingHoursOfStaff,
  ],
  committee: [committeeTermRule],
  organization: [applicantTalk, activistReview, probation, appraisalFollowUp, trainingHoursOfMembers],
  appraisal: [appraisalFollowUp],
  training: [trainingHoursOfMembers, trainingHoursOfStaff],
} satisfies Record<string, WorkAlertRule[]>;

export type WorkAlertWrite = keyof typeof MOVED_BY;
