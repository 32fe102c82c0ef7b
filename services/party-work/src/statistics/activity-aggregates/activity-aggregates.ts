import { quarterRange } from '@pb/platform/calendar';
import type { EntityManager } from 'typeorm';
import { ActivityType } from '../../activity/activity.type.js';
import type { KeptStatistic } from '../kept-statistic.js';

/**
 * Incremental activity statistics (see the ActivityAggregates migration). Every change goes through
 * here inside the transaction of the change itself: an activity counted or uncounted (a correction
 * uncounts the record it replaces), or a branch whose region, committee, type or dates changed.
 */

/** The required types, as columns of branch_quarter. */
const REQUIRED_COLUMNS: Array<[ActivityType, string]> = [
  [ActivityType.GENERAL_MEETING, 'general_meeting'],
  [ActivityType.COMMITTEE_MEETING, 'committee_meeting'],
  [ActivityType.GROUP_MEETING, 'group_meeting'],
  [ActivityType.PARTY_LECTURE, 'party_lecture'],
  [ActivityType.THEMED_PARTY_DAY, 'themed_party_day'],
];

/**
 * Quarterly floors of 三会一课 per branch (domain.md): committee meetings only where a committee exists;
 * group meetings 3 per Party group, a branch counting as one group (groups are not modelled).
 */
export function quarterlyFloors(hasCommittee: boolean): Array<[ActivityType, number]> {
  return [
    [ActivityType.GENERAL_MEETING, 1],
    ...(hasCommittee ? [[ActivityType.COMMITTEE_MEETING, 3] as [ActivityType, number]] : []),
    [ActivityType.GROUP_MEETING, 3],
    [ActivityType.PARTY_LECTURE, 1],
    [ActivityType.THEMED_PARTY_DAY, 3],
  ];
}

export interface BranchFacts {
  type: string;
  region_code: string;
  has_committee: number | boolean;
  established_at: string;
  dissolved_at: string | null;
}

export interface CountedActivity {
  branchId: string;
  regionCode: string;
  quarter: string;
  /** YYYY-MM-DD, China time */
  heldOn: string;
  type: string;
  mode: string;
  /** What of the organization's work it serves; null when it names none ('' in the cells). */
  serves: string | null;
  attended: number;
  due: number;
}

/** A branch counts in a quarter's compliance when it is a 党支部 that existed at some time in it. */
export function activeIn(branch: BranchFacts | null | undefined, quarter: string): boolean {
  if (!branch || branch.type !== 'BRANCH') return false;
  const { from, to } = quarterRange(quarter);
  return branch.established_at <= to && (branch.dissolved_at === null || branch.dissolved_at >= from);
}

/** What one branch adds to its region's compliance cell of a quarter. */
function contribution(branch: BranchFacts | null | undefined, quarter: string, held: Record<string, number>) {
  if (!activeIn(branch, quarter)) return { met: 0, compliant: 0 };
  const floors = quarterlyFloors(Boolean(Number(branch!.has_committee)));
  return {
    met: floors.reduce((sum, [type, floor]) => sum + Math.min(held[type] ?? 0, floor), 0),
    compliant: floors.every(([type, floor]) => (held[type] ?? 0) >= floor) ? 1 : 0,
  };
}

async function addCompliance(
  manager: EntityManager,
  quarter: string,
  region: string,
  met: number,
  compliant: number,
) {
  if (met === 0 && compliant === 0) return;
  await manager.query(
    `INSERT INTO compliance_cell (quarter, region_code, met, compliant) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE met = met + VALUES(met), compliant = compliant + VALUES(compliant)`,
    [quarter, region, met, compliant],
  );
}

async function heldCounts(
  manager: EntityManager,
  branchId: string,
  quarter: string,
): Promise<Record<string, number>> {
  const [row] = (await manager.query(
    `SELECT ${REQUIRED_COLUMNS.map(([, c]) => c).join(', ')} FROM branch_quarter WHERE branch_id = ? AND quarter = ? FOR UPDATE`,
    [branchId, quarter],
  )) as Array<Record<string, number>>;
  return Object.fromEntries(REQUIRED_COLUMNS.map(([type, column]) => [type, Number(row?.[column] ?? 0)]));
}

/** The Monday (YYYY-MM-DD) of the week a day falls in: weeks of the trend start on Monday. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** SQL of the Monday of a DATE column, for the rebuilds (MySQL's WEEKDAY: Monday is 0). */
const MONDAY_OF = (column: string) => `DATE_SUB(${column}, INTERVAL WEEKDAY(${column}) DAY)`;

/** Counts (`sign` 1) or uncounts (-1) one activity in every aggregate. */
export async function countActivity(
  manager: EntityManager,
  branch: BranchFacts,
  activity: CountedActivity,
  sign: 1 | -1,
) {
  await manager.query(
    `INSERT INTO activity_cell (quarter, region_code, type, mode, serves, activities, attended, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE activities = activities + VALUES(activities), attended = attended + VALUES(attended), due = due + VALUES(due)`,
    [
      activity.quarter,
      activity.regionCode,
      activity.type,
      activity.mode,
      activity.serves ?? '',
      sign,
      sign * activity.attended,
      sign * activity.due,
    ],
  );
  await manager.query(
    `INSERT INTO activity_week_cell (quarter, region_code, week, mode, activities) VALUES (?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE activities = activities + VALUES(activities)`,
    [activity.quarter, activity.regionCode, weekOf(activity.heldOn), activity.mode, sign],
  );
  const column = REQUIRED_COLUMNS.find(([type]) => type === activity.type)?.[1];
  if (!column) return;
  const before = await heldCounts(manager, activity.branchId, activity.quarter);
  await manager.query(
    `INSERT INTO branch_quarter (branch_id, quarter, ${column}) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE ${column} = ${column} + VALUES(${column})`,
    [activity.branchId, activity.quarter, sign],
  );
  const after = { ...before, [activity.type]: (before[activity.type] ?? 0) + sign };
  const was = contribution(branch, activity.quarter, before);
  const now = contribution(branch, activity.quarter, after);
  await addCompliance(
    manager,
    activity.quarter,
    branch.region_code,
    now.met - was.met,
    now.compliant - was.compliant,
  );
}

/**
 * A branch changed (region, committee, type or dates): its compliance contributions of every quarter are
 * taken out as they were and put back as they are now, and its activities' counts move with its region.
 */
export async function branchChanged(
  manager: EntityManager,
  branchId: string,
  before: BranchFacts | null,
  after: BranchFacts,
) {
  const rows = (await manager.query(
    `SELECT quarter, ${REQUIRED_COLUMNS.map(([, c]) => c).join(', ')} FROM branch_quarter WHERE branch_id = ? FOR UPDATE`,
    [branchId],
  )) as Array<Record<string, string | number>>;
  for (const row of rows) {
    const quarter = row.quarter as string;
    const held = Object.fromEntries(REQUIRED_COLUMNS.map(([type, column]) => [type, Number(row[column])]));
    const was = contribution(before, quarter, held);
    const now = contribution(after, quarter, held);
    if (before) await addCompliance(manager, quarter, before.region_code, -was.met, -was.compliant);
    await addCompliance(manager, quarter, after.region_code, now.met, now.compliant);
  }
  if (before && before.region_code !== after.region_code) {
    const groups = (await manager.query(
      `SELECT quarter, type, mode, COALESCE(serves, '') AS serves, COUNT(*) AS n, SUM(present + online) AS attended,
              SUM(expected - excused) AS due
       FROM activity WHERE branch_id = ? AND superseded_by IS NULL GROUP BY quarter, type, mode, 4`,
      [branchId],
    )) as Array<{
      quarter: string;
      type: string;
      mode: string;
      serves: string;
      n: string;
      attended: string;
      due: string;
    }>;
    for (const g of groups)
      for (const [region, sign] of [
        [before.region_code, -1],
        [after.region_code, 1],
      ] as const)
        await manager.query(
          `INSERT INTO activity_cell (quarter, region_code, type, mode, serves, activities, attended, due)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE activities = activities + VALUES(activities), attended = attended + VALUES(attended), due = due + VALUES(due)`,
          [
            g.quarter,
            region,
            g.type,
            g.mode,
            g.serves,
            sign * Number(g.n),
            sign * Number(g.attended),
            sign * Number(g.due),
          ],
        );
    const weeks = (await manager.query(
      `SELECT quarter, ${MONDAY_OF('held_on')} AS week, mode, COUNT(*) AS n
       FROM activity WHERE branch_id = ? AND superseded_by IS NULL GROUP BY quarter, week, mode`,
      [branchId],
    )) as Array<{ quarter: string; week: string; mode: string; n: string }>;
    for (const w of weeks)
      for (const [region, sign] of [
        [before.region_code, -1],
        [after.region_code, 1],
      ] as const)
        await manager.query(
          `INSERT INTO activity_week_cell (quarter, region_code, week, mode, activities) VALUES (?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE activities = activities + VALUES(activities)`,
          [w.quarter, region, w.week, w.mode, sign * Number(w.n)],
        );
  }
}

/** Recomputes every aggregate from the activities (after a bulk load). */
export async function rebuildActivityAggregates(manager: Pick<EntityManager, 'query'>): Promise<void> {
  for (const t of ['activity_cell', 'branch_quarter', 'compliance_cell'])
    await manager.query(`DELETE FROM ${t}`);
  await manager.query(`
    INSERT INTO activity_cell (quarter, region_code, type, mode, serves, activities, attended, due)
    SELECT quarter, region_code, type, mode, COALESCE(serves, ''), COUNT(*), SUM(present + online), SUM(expected - excused)
    FROM activity WHERE superseded_by IS NULL GROUP BY quarter, region_code, type, mode, COALESCE(serves, '')`);
  await manager.query(`
    INSERT INTO branch_quarter (branch_id, quarter, ${REQUIRED_COLUMNS.map(([, c]) => c).join(', ')})
    SELECT branch_id, quarter, ${REQUIRED_COLUMNS.map(([type]) => `SUM(type = '${type}')`).join(', ')}
    FROM activity WHERE superseded_by IS NULL AND type IN (${REQUIRED_COLUMNS.map(([type]) => `'${type}'`).join(', ')})
    GROUP BY branch_id, quarter`);
  const quarterStart =
    "STR_TO_DATE(CONCAT(LEFT(q.quarter, 4), '-', (RIGHT(q.quarter, 1) - 1) * 3 + 1, '-01'), '%Y-%m-%d')";
  await manager.query(`
    INSERT INTO compliance_cell (quarter, region_code, met, compliant)
    SELECT q.quarter, b.region_code,
           SUM(LEAST(q.general_meeting, 1) + IF(b.has_committee, LEAST(q.committee_meeting, 3), 0) + LEAST(q.group_meeting, 3)
               + LEAST(q.party_lecture, 1) + LEAST(q.themed_party_day, 3)),
           SUM(q.general_meeting >= 1 AND (NOT b.has_committee OR q.committee_meeting >= 3) AND q.group_meeting >= 3
               AND q.party_lecture >= 1 AND q.themed_party_day >= 3)
    FROM branch_quarter q JOIN party_organization_replica b ON b.id = q.branch_id
    WHERE b.type = 'BRANCH' AND b.established_at <= LAST_DAY(DATE_ADD(${quarterStart}, INTERVAL 2 MONTH))
      AND (b.dissolved_at IS NULL OR b.dissolved_at >= ${quarterStart})
    GROUP BY q.quarter, b.region_code`);
}

/** Recomputes the weekly cells from the activities (after a bulk load). */
export async function rebuildActivityWeeks(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('DELETE FROM activity_week_cell');
  await manager.query(`
    INSERT INTO activity_week_cell (quarter, region_code, week, mode, activities)
    SELECT quarter, region_code, ${MONDAY_OF('held_on')}, mode, COUNT(*)
    FROM activity WHERE superseded_by IS NULL GROUP BY quarter, region_code, ${MONDAY_OF('held_on')}, mode`);
}

/** `activity_cell`, `branch_quarter` and `compliance_cell`; rebuilt with the other statistics. */
export const activityAggregates: KeptStatistic = {
  tables: ['activity_cell', 'branch_quarter', 'compliance_cell'],
  rebuild: rebuildActivityAggregates,
};

/** `activity_week_cell`; rebuilt with the other statistics. */
export const activityWeeks: KeptStatistic = { tables: ['activity_week_cell'], rebuild: rebuildActivityWeeks };
