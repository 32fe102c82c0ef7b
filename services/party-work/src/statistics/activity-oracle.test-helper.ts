import { addDays, quarterRange, today } from '@pb/platform/calendar';
import { regionLikePattern } from '@pb/platform/region-scope';
import { ActivityPurpose, ActivityType } from '../activity/activity.type.js';
import { quarterlyFloors } from './activity-aggregates/activity-aggregates.js';
import { rows } from './oracle-sql.test-helper.js';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

/**
 * activityStats recomputed from the raw rows: the latest version of each activity from the correction links,
 * its quarter and week from the time held, the branches and their quarterly floors from the replica.
 */
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
