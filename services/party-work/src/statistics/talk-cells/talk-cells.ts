import type { EntityManager } from 'typeorm';
import type { KeptStatistic } from '../kept-statistic.js';

/**
 * 谈心谈话覆盖率's numerator kept per (year, region) in `talk_cell`: the Party members (正式 and 预备) on
 * the rolls in the region who took part in at least one talk held in the year (domain.md, "Talks"). Its
 * base, the Party members on the rolls, is `member_cell`'s. Moved in the transaction of each write that
 * changes it: a talk recorded (a participant's first of its year), a member entering or leaving the Party
 * members on the rolls or changing region, an organization moving region with its members. Each of them
 * holds the lock of the members' rows first, so a talk and a member's change cannot both count one member.
 */

type Queryable = Pick<EntityManager, 'query'>;

/** The stages of a Party member (正式 and 预备): the members the yearly talk is owed to. */
export const PARTY_MEMBER_STAGES = ['FULL', 'PROBATIONARY'] as const;

/** A member on the rolls whom the yearly talk is owed to, in SQL (`alias` the party_member row). */
export const OWED_A_TALK = (alias: string) =>
  `${alias}.status = 'ACTIVE' AND ${alias}.stage IN ('FULL', 'PROBATIONARY')`;

/** Whether a member as it stands is counted (a Party member on the rolls). */
export const owedATalk = (member: { stage: string; status: string }) =>
  member.status === 'ACTIVE' && (PARTY_MEMBER_STAGES as readonly string[]).includes(member.stage);

async function addCells(q: Queryable, cells: Array<{ year: number; regionCode: string; n: number }>) {
  const moved = cells.filter((c) => c.n !== 0);
  if (moved.length === 0) return;
  // in key order, so two writes counting into the same cells wait rather than deadlock
  moved.sort((a, b) => a.year - b.year || a.regionCode.localeCompare(b.regionCode));
  await q.query(
    `INSERT INTO talk_cell (year, region_code, talked_with) VALUES ${moved.map(() => '(?, ?, ?)').join(', ')}
     ON DUPLICATE KEY UPDATE talked_with = talked_with + VALUES(talked_with)`,
    moved.flatMap((c) => [c.year, c.regionCode, c.n]),
  );
}

/**
 * A talk held on `heldOn` was recorded with these participants (its rows already inserted, the members'
 * rows locked): each Party member on the rolls among them for whom it is the first talk of its year is
 * now talked with that year, in the member's region. Returns the regions moved.
 */
export async function countTalk(
  q: Queryable,
  talkId: string,
  heldOn: string,
  memberIds: readonly string[],
): Promise<string[]> {
  if (memberIds.length === 0) return [];
  const year = Number(heldOn.slice(0, 4));
  const rows = (await q.query(
    `SELECT m.region_code, COUNT(*) AS n FROM party_member m
     WHERE m.id IN (?) AND ${OWED_A_TALK('m')}
       AND NOT EXISTS (SELECT 1 FROM talk_participant p WHERE p.member_id = m.id
                       AND p.held_on BETWEEN ? AND ? AND p.talk_id <> ?)
     GROUP BY m.region_code`,
    [[...memberIds], `${year}-01-01`, `${year}-12-31`, talkId],
  )) as Array<{ region_code: string; n: string }>;
  await addCells(
    q,
    rows.map((r) => ({ year, regionCode: r.region_code, n: Number(r.n) })),
  );
  return rows.map((r) => r.region_code);
}

/** Where a member is counted before or after a change: its region, and whether it is counted at all. */
export interface TalkedMemberPlace {
  regionCode: string;
  counted: boolean;
}

/**
 * A member (its row locked) entered or left the Party members on the rolls, or moved region: every year it
 * was talked with leaves the old cell and joins the new one.
 */
export async function moveTalkedMember(
  q: Queryable,
  memberId: string,
  before: TalkedMemberPlace,
  after: TalkedMemberPlace,
): Promise<void> {
  if (before.counted === after.counted && (!before.counted || before.regionCode === after.regionCode)) return;
  const years = (await q.query(
    'SELECT DISTINCT YEAR(held_on) AS year FROM talk_participant WHERE member_id = ?',
    [memberId],
  )) as Array<{ year: number }>;
  await addCells(
    q,
    years.flatMap(({ year }) => [
      ...(before.counted ? [{ year: Number(year), regionCode: before.regionCode, n: -1 }] : []),
      ...(after.counted ? [{ year: Number(year), regionCode: after.regionCode, n: 1 }] : []),
    ]),
  );
}

/**
 * An organization moved region: its Party members' years of talks move with them (call before updating
 * the members). The members' rows are locked first, so a talk recorded meanwhile is either counted here
 * or counted after, in the new region.
 */
export async function moveOrganizationTalks(
  q: Queryable,
  organizationId: string,
  from: string,
  to: string,
): Promise<void> {
  await q.query(
    `SELECT m.id FROM party_member m WHERE m.social_organization_id = ? AND ${OWED_A_TALK('m')} FOR UPDATE`,
    [organizationId],
  );
  const years = (await q.query(
    `SELECT YEAR(p.held_on) AS year, COUNT(DISTINCT m.id) AS n FROM party_member m
     JOIN talk_participant p ON p.member_id = m.id
     WHERE m.social_organization_id = ? AND ${OWED_A_TALK('m')} GROUP BY YEAR(p.held_on)`,
    [organizationId],
  )) as Array<{ year: number; n: string }>;
  await addCells(
    q,
    years.flatMap(({ year, n }) => [
      { year: Number(year), regionCode: from, n: -Number(n) },
      { year: Number(year), regionCode: to, n: Number(n) },
    ]),
  );
}

/** Recomputes every cell from the members and their talks (after a bulk load; after a repair by hand). */
export async function rebuildTalkCells(manager: Queryable): Promise<void> {
  await manager.query('DELETE FROM talk_cell');
  await manager.query(`
    INSERT INTO talk_cell (year, region_code, talked_with)
    SELECT y.year, m.region_code, COUNT(*) FROM party_member m
    JOIN (SELECT DISTINCT member_id, YEAR(held_on) AS year FROM talk_participant) y ON y.member_id = m.id
    WHERE ${OWED_A_TALK('m')}
    GROUP BY y.year, m.region_code`);
}

/** `talk_cell`; rebuilt with the other statistics (statistics/index.ts). */
export const talkCells: KeptStatistic = { tables: ['talk_cell'], rebuild: rebuildTalkCells };
