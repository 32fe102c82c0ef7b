import { addDays, quarterOf, quarterRange } from '@pb/platform/calendar';
import { ActivityType } from '../activity/activity.type.js';
import { quarterlyFloors } from '../statistics/activity-aggregates/activity-aggregates.js';
import { branchAlert, type KeptWorkAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

const daysBetween = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000;

/** 三会一课滞后: behind the pace of the current quarter, or the last closed quarter short of a floor. */
export const compliance: WorkAlertRule = {
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
