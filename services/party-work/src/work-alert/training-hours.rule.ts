import type { EntityManager } from 'typeorm';
import {
  CURRENT_STAFF_POST,
  MEMBER_MINIMUM_HOURS,
  PARTY_MEMBER_ON_ROLLS,
  STAFF_MINIMUM,
} from '../statistics/training-cells/training-cells.js';
import type { KeptWorkAlert, WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * 教育培训: from 1 October (Q4) of a year, a person below the yearly minimum of class hours for that year,
 * due by 31 December; the same people and minimums as trainingStats (training-cells), so at the year's
 * end the alerts of a region are its people not meeting the minimum. A member is the subject for the
 * member's own training and for the posts the member holds (the highest minimum: 32 as a Party member, 56
 * with a current staff post); a post held by no member here is the subject for its holder (rule
 * `trainingHoursOfStaff`). Before October nothing is raised: the year is still young.
 */
const RULE = 'training: Party members 32 class hours a year, staff 56';

/** Whether the alerts of a day's year stand yet (Q4), and that year's first and last days. */
function yearOf(day: string): { from: string; to: string; year: string } | null {
  if (day.slice(5) < '10-01') return null;
  const year = day.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31`, year };
}

interface Short {
  id: string;
  name: string;
  region_code: string;
  branch_id: string | null;
  minimum: string | number;
  hours: string | number;
}

function alert(kind: WorkAlertKind, row: Short, memberId: string | null, year: string): KeptWorkAlert {
  return {
    kind,
    subjectId: row.id,
    ruleKey: '',
    regionCode: row.region_code,
    branchId: row.branch_id,
    memberId,
    rule: RULE,
    message: `${row.name}: ${Number(row.hours)} of ${Number(row.minimum)} class hours of training in ${year}.`,
    dueOn: `${year}-12-31`,
  };
}

/** Members: Party members on the rolls (32) and members holding a current staff post (56). */
export const trainingHoursOfMembers: WorkAlertRule = {
  kinds: [WorkAlertKind.TRAINING_HOURS_SHORT],
  subject: 'MEMBER',
  async evaluate(q: Queryable, { memberIds }, day) {
    const period = yearOf(day);
    if (memberIds.length === 0 || !period) return [];
    const rows = (await q.query(
      `SELECT id, name, region_code, branch_id, minimum, hours FROM (
         SELECT m.id, m.name, m.region_code, m.branch_id,
                GREATEST(IF(${PARTY_MEMBER_ON_ROLLS('m')}, ?, 0),
                         COALESCE((SELECT MAX(${STAFF_MINIMUM('s')}) FROM staff_assignment s
                                    WHERE s.member_id = m.id AND ${CURRENT_STAFF_POST('s')}), 0)) AS minimum,
                COALESCE((SELECT SUM(t.hours) FROM training_record t
                           WHERE t.member_id = m.id AND t.started_on BETWEEN ? AND ?), 0) AS hours
           FROM party_member m WHERE m.id IN (?)) p
       WHERE minimum > 0 AND hours < minimum`,
      [MEMBER_MINIMUM_HOURS, day, day, period.from, period.to, memberIds],
    )) as Short[];
    return rows.map((row) => alert(WorkAlertKind.TRAINING_HOURS_SHORT, row, row.id, period.year));
  },
};

/** Posts held by no member here: their holder's training against the post's minimum (56). */
export const trainingHoursOfStaff: WorkAlertRule = {
  kinds: [WorkAlertKind.TRAINING_HOURS_SHORT],
  subject: 'STAFF',
  async evaluate(q: Queryable, { staffIds }, day) {
    const period = yearOf(day);
    if (staffIds.length === 0 || !period) return [];
    const rows = (await q.query(
      `SELECT id, name, region_code, branch_id, minimum, hours FROM (
         SELECT s.id, s.person_name AS name, o.region_code, o.id AS branch_id, ${STAFF_MINIMUM('s')} AS minimum,
                COALESCE((SELECT SUM(t.hours) FROM training_record t
                           WHERE t.staff_assignment_id = s.id AND t.started_on BETWEEN ? AND ?), 0) AS hours
           FROM staff_assignment s JOIN party_organization_replica o ON o.id = s.party_organization_id
          WHERE s.id IN (?) AND s.member_id IS NULL AND ${CURRENT_STAFF_POST('s')}) p
       WHERE hours < minimum`,
      [period.from, period.to, staffIds, day, day],
    )) as Short[];
    return rows.map((row) => alert(WorkAlertKind.TRAINING_HOURS_SHORT, row, null, period.year));
  },
};
