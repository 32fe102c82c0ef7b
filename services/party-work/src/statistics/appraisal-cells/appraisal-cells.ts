import type { EntityManager } from 'typeorm';
import type { KeptStatistic } from '../kept-statistic.js';

/**
 * 民主评议 grades kept per (year, region, grade) in `appraisal_cell` (see the AppraisalFollowUp migration):
 * the grades of the Party members (full and probationary) on the rolls now, each in its member's region
 * now, so appraisalStats reads O(regions) cells and its `appraised` never counts a member outside its
 * `members` (member_cell). Moved in the transaction of each write that changes it: a grade recorded, a
 * member leaving the rolls, changing stage or moving, an organization moving region; rebuilt with the
 * other statistics.
 */

/** Where a member's grades are counted: its region, while on the rolls as a Party member. */
export interface AppraisedMember {
  id: string;
  regionCode: string;
  stage: string;
  status: string;
}

const counted = (m: AppraisedMember) =>
  m.status === 'ACTIVE' && (m.stage === 'FULL' || m.stage === 'PROBATIONARY');

/** A grade just recorded of a member on the rolls. */
export async function countAppraisal(
  manager: EntityManager,
  grade: { year: number; regionCode: string; grade: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO appraisal_cell (year, region_code, grade, members) VALUES (?, ?, ?, 1)
     ON DUPLICATE KEY UPDATE members = members + 1`,
    [grade.year, grade.regionCode, grade.grade],
  );
}

/**
 * A member changed (stage, status, region): its grades leave the cells they were counted in and join the
 * ones they count in now; nothing when neither where nor whether they count changed.
 */
export async function moveMemberAppraisals(
  manager: EntityManager,
  before: AppraisedMember,
  after: AppraisedMember,
): Promise<void> {
  if (counted(before) === counted(after) && (!counted(after) || before.regionCode === after.regionCode))
    return;
  for (const [member, sign] of [
    [before, -1],
    [after, 1],
  ] as const)
    if (counted(member))
      await manager.query(
        `INSERT INTO appraisal_cell (year, region_code, grade, members)
         SELECT year, ?, grade, ? * COUNT(*) FROM appraisal WHERE member_id = ? GROUP BY year, grade
         ON DUPLICATE KEY UPDATE members = members + VALUES(members)`,
        [member.regionCode, sign, member.id],
      );
}

/** An organization moved region: the grades of its Party members on the rolls move with them. */
export async function moveOrganizationAppraisals(
  manager: EntityManager,
  organizationId: string,
  from: string,
  to: string,
): Promise<void> {
  for (const [region, sign] of [
    [from, -1],
    [to, 1],
  ] as const)
    await manager.query(
      `INSERT INTO appraisal_cell (year, region_code, grade, members)
       SELECT a.year, ?, a.grade, ? * COUNT(*) FROM appraisal a JOIN party_member m ON m.id = a.member_id
       WHERE m.social_organization_id = ? AND m.status = 'ACTIVE' AND m.stage IN ('FULL', 'PROBATIONARY')
       GROUP BY a.year, a.grade
       ON DUPLICATE KEY UPDATE members = members + VALUES(members)`,
      [region, sign, organizationId],
    );
}

/** Recomputes every cell from the grades and their members (after a bulk load; after a repair by hand). */
export async function rebuildAppraisalCells(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('DELETE FROM appraisal_cell');
  await manager.query(`
    INSERT INTO appraisal_cell (year, region_code, grade, members)
    SELECT a.year, m.region_code, a.grade, COUNT(*) FROM appraisal a JOIN party_member m ON m.id = a.member_id
    WHERE m.status = 'ACTIVE' AND m.stage IN ('FULL', 'PROBATIONARY') GROUP BY a.year, m.region_code, a.grade`);
}

/** `appraisal_cell`; rebuilt with the other statistics (statistics/index.ts). */
export const appraisalCells: KeptStatistic = { tables: ['appraisal_cell'], rebuild: rebuildAppraisalCells };
