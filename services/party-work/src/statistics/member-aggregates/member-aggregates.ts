import type { EntityManager } from 'typeorm';
import type { KeptStatistic } from '../kept-statistic.js';

/**
 * Member statistics kept incrementally (see the MemberAggregates and MemberWorkRole migrations), inside
 * the transaction of each change: members on the rolls per (region, stage, work role; '' for none), and
 * development steps per (year, region, stage reached) for the developed / converted figures.
 */

/** Where a member on the rolls is counted: its region, stage and work role. */
export interface CountedMember {
  regionCode: string;
  stage: string;
  workRole: string | null;
}

/** Counts a member on the rolls in (`sign` 1) or out of (-1) its cell, or a group of them (±n). */
export async function countMember(manager: EntityManager, member: CountedMember, sign: number) {
  if (sign === 0) return;
  await manager.query(
    `INSERT INTO member_cell (region_code, stage, work_role, members) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE members = members + VALUES(members)`,
    [member.regionCode, member.stage, member.workRole ?? '', sign],
  );
}

/** A step to PROBATIONARY (developed) or FULL (converted), counted in the year and region it happened. */
export async function countDevelopment(
  manager: EntityManager,
  effectiveOn: string,
  regionCode: string,
  toStage: string,
) {
  if (toStage !== 'PROBATIONARY' && toStage !== 'FULL') return;
  await manager.query(
    `INSERT INTO development_cell (year, region_code, to_stage, members) VALUES (?, ?, ?, 1)
     ON DUPLICATE KEY UPDATE members = members + 1`,
    [Number(effectiveOn.slice(0, 4)), regionCode, toStage],
  );
}

/** An organization moved region: its members on the rolls move with it (call before updating them). */
export async function moveOrganizationMembers(
  manager: EntityManager,
  organizationId: string,
  from: string,
  to: string,
) {
  const groups = (await manager.query(
    `SELECT stage, work_role, COUNT(*) AS n FROM party_member
      WHERE social_organization_id = ? AND status = 'ACTIVE' GROUP BY stage, work_role`,
    [organizationId],
  )) as Array<{ stage: string; work_role: string | null; n: string }>;
  for (const g of groups) {
    const cell = { stage: g.stage, workRole: g.work_role };
    await countMember(manager, { ...cell, regionCode: from }, -Number(g.n));
    await countMember(manager, { ...cell, regionCode: to }, Number(g.n));
  }
}

/** Recomputes both tables from the members and their history (after a bulk load). */
export async function rebuildMemberAggregates(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('DELETE FROM member_cell');
  await manager.query('DELETE FROM development_cell');
  await manager.query(`
    INSERT INTO member_cell (region_code, stage, work_role, members)
    SELECT region_code, stage, COALESCE(work_role, ''), COUNT(*) FROM party_member WHERE status = 'ACTIVE'
    GROUP BY region_code, stage, COALESCE(work_role, '')`);
  await manager.query(`
    INSERT INTO development_cell (year, region_code, to_stage, members)
    SELECT YEAR(effective_on), region_code, to_stage, COUNT(*) FROM stage_change
    WHERE kind = 'ADVANCED' AND to_stage IN ('PROBATIONARY', 'FULL') GROUP BY YEAR(effective_on), region_code, to_stage`);
}

/** `member_cell` and `development_cell`; rebuilt with the other statistics (statistics/index.ts). */
export const memberAggregates: KeptStatistic = {
  tables: ['member_cell', 'development_cell'],
  rebuild: rebuildMemberAggregates,
};
