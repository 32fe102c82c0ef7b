import type { EntityManager } from 'typeorm';
import type { KeptStatistic } from '../kept-statistic.js';

/**
 * Member statistics kept incrementally (see the MemberAggregates migration), inside the transaction of
 * each change: members on the rolls per (region, stage), and development steps per (year, region, stage
 * reached) for the developed / converted figures.
 */

export async function countMember(manager: EntityManager, regionCode: string, stage: string, sign: number) {
  if (sign === 0) return;
  await manager.query(
    `INSERT INTO member_cell (region_code, stage, members) VALUES (?, ?, ?)
     ON DUPLICATE KEY UPDATE members = members + VALUES(members)`,
    [regionCode, stage, sign],
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
    `SELECT stage, COUNT(*) AS n FROM party_member WHERE social_organization_id = ? AND status = 'ACTIVE' GROUP BY stage`,
    [organizationId],
  )) as Array<{ stage: string; n: string }>;
  for (const g of groups) {
    await countMember(manager, from, g.stage, -Number(g.n));
    await countMember(manager, to, g.stage, Number(g.n));
  }
}

/** Recomputes both tables from the members and their history (after a bulk load). */
export async function rebuildMemberAggregates(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('DELETE FROM member_cell');
  await manager.query('DELETE FROM development_cell');
  await manager.query(`
    INSERT INTO member_cell (region_code, stage, members)
    SELECT region_code, stage, COUNT(*) FROM party_member WHERE status = 'ACTIVE' GROUP BY region_code, stage`);
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
