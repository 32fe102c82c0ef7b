import type { EntityManager } from 'typeorm';
import type { KeptStatistic } from '../kept-statistic.js';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * Yearly minimum of concentrated training, in class hours (学时), of a Party member: 《中国共产党党员教育
 * 管理工作条例》(中共中央, 2019): 党员每年集中学习培训时间一般不少于32学时.
 */
export const MEMBER_MINIMUM_HOURS = 32;

/**
 * Yearly minimum of a person holding a staff post, by role: 书记、副书记、委员 56 (《中国共产党党员教育管理
 * 工作条例》: 基层党组织书记和班子成员每年集中培训时间不少于56学时); Party-affairs workers, full- and part-time, 56
 * as well (trained as 党务工作者 with the branch's leading group; domain.md). Reserve talent holds no post:
 * no minimum of its own, and it is not staff in trainingStats.
 */
export const STAFF_MINIMUM_HOURS: Record<string, number> = {
  SECRETARY: 56,
  DEPUTY_SECRETARY: 56,
  COMMITTEE_MEMBER: 56,
  FULL_TIME_STAFF: 56,
  PART_TIME_STAFF: 56,
};

/** The minimum of a staff assignment's role in SQL (`alias.role`). */
export const STAFF_MINIMUM = (alias: string) =>
  `CASE ${alias}.role ${Object.entries(STAFF_MINIMUM_HOURS)
    .map(([role, hours]) => `WHEN '${role}' THEN ${hours}`)
    .join(' ')} END`;

/**
 * A staff assignment that makes its holder staff on a day: a post other than reserve talent, begun and not
 * ended (both `?` are the day).
 */
export const CURRENT_STAFF_POST = (alias: string) =>
  `${alias}.role IN (${Object.keys(STAFF_MINIMUM_HOURS)
    .map((role) => `'${role}'`)
    .join(', ')}) AND ${alias}.from_on <= ? AND (${alias}.to_on IS NULL OR ${alias}.to_on >= ?)`;

/** Party members counted: 正式 and 预备, on the rolls. */
export const PARTY_MEMBER_ON_ROLLS = (alias: string) =>
  `${alias}.status = 'ACTIVE' AND ${alias}.stage IN ('FULL', 'PROBATIONARY')`;

/** `PARTY_MEMBER_ON_ROLLS` of a member in hand. */
export const onTheRolls = (member: { status: string; stage: string }): boolean =>
  member.status === 'ACTIVE' && (member.stage === 'FULL' || member.stage === 'PROBATIONARY');

/**
 * Training attainment kept per region: `training_cell` (region, year) holds the Party members on the rolls
 * and the staff meeting their minimum in the year and the class hours of the year, `training_staff_cell`
 * (region) the staff. Whom a cell counts depends on the members (stage, status, region), the staff posts
 * and their dates, the Party organizations' regions and the training, so a write does not move it by a
 * delta: it recounts the cells of the regions it marked, from the rows, in its own transaction
 * (`recountTrainingCells`, called once per write by the change writer for every region whose member or
 * training figures it marked). The cost is one grouped read of the people of those regions (a county's)
 * per write, not of the nation's.
 *
 * A person is located in one region: a member at the member's region, a staff post held by no member here
 * at its Party organization's region; a training record at its person's, so class hours move with people.
 * Staff are the people holding a current post on the kept day (`work_alert_day`): a member holding
 * several counts once, with the highest minimum of the posts; each post held by no member counts as a
 * person (there is no identity for non-members beyond the post). When the day changes, the work-alert
 * keeper recounts the regions of the posts that began or ended in between (`rollTrainingCells`).
 */
export async function recountTrainingCells(q: Queryable, regions: Iterable<string>): Promise<void> {
  const sorted = [...new Set(regions)].sort();
  if (sorted.length === 0) return;
  // the day first (shared, as every write holds it), then the regions: the keeper moving the day takes
  // them in the same order, so the two wait for each other rather than deadlock
  const day = await keptDay(q);
  // each region's row locks its cells, in code order so that two writes wait rather than deadlock; under
  // READ COMMITTED a write that waited then reads what the other committed
  await q.query(
    `INSERT INTO training_staff_cell (region_code, staff) VALUES ${sorted.map(() => '(?, 0)').join(', ')}
     ON DUPLICATE KEY UPDATE staff = staff`,
    sorted,
  );
  await recount(q, sorted, day);
}

/** Recounts the cells of the regions (every region when null) as of `day`, the caller holding their rows. */
async function recount(q: Queryable, regions: string[] | null, day: string): Promise<void> {
  const inRegions = (column: string) => (regions ? `${column} IN (?)` : '1 = 1');
  const r = regions ? [regions] : [];
  await q.query(`DELETE FROM training_cell WHERE ${inRegions('region_code')}`, r);
  // people holding a current post, with their minimum and region: members once, other holders per post
  const staff = `
    SELECT CONCAT('m:', m.id) AS person, m.region_code, MAX(${STAFF_MINIMUM('s')}) AS minimum
      FROM party_member m JOIN staff_assignment s ON s.member_id = m.id
     WHERE ${inRegions('m.region_code')} AND ${CURRENT_STAFF_POST('s')} GROUP BY m.id, m.region_code
    UNION ALL
    SELECT CONCAT('s:', s.id), o.region_code, ${STAFF_MINIMUM('s')}
      FROM staff_assignment s JOIN party_organization_replica o ON o.id = s.party_organization_id
     WHERE s.member_id IS NULL AND ${inRegions('o.region_code')} AND ${CURRENT_STAFF_POST('s')}`;
  const staffParams = [...r, day, day, ...r, day, day];
  // each person's class hours per year, with the person's region. \`staff_assignment_id IS NOT NULL\`
  // says what the join already implies: most records are a member's, so the column is mostly NULL, and
  // without it MariaDB's estimate for its index led it to scan every training record (1.4M at 100k)
  const hours = `
    SELECT CONCAT('m:', m.id) AS person, m.region_code, YEAR(t.started_on) AS year, SUM(t.hours) AS hours,
           MAX(${PARTY_MEMBER_ON_ROLLS('m')}) AS on_rolls
      FROM training_record t JOIN party_member m ON m.id = t.member_id
     WHERE ${inRegions('m.region_code')} GROUP BY m.id, m.region_code, YEAR(t.started_on)
    UNION ALL
    SELECT CONCAT('s:', s.id), o.region_code, YEAR(t.started_on), SUM(t.hours), 0
      FROM training_record t JOIN staff_assignment s ON s.id = t.staff_assignment_id
                             AND t.staff_assignment_id IS NOT NULL
      JOIN party_organization_replica o ON o.id = s.party_organization_id
     WHERE ${inRegions('o.region_code')} GROUP BY s.id, o.region_code, YEAR(t.started_on)`;
  await q.query(
    `INSERT INTO training_cell (region_code, year, members_meeting, staff_meeting, hours)
     SELECT h.region_code, h.year, SUM(h.on_rolls AND h.hours >= ?), SUM(h.hours >= COALESCE(p.minimum, 1e9)),
            SUM(h.hours)
       FROM (${hours}) h LEFT JOIN (${staff}) p ON p.person = h.person
      GROUP BY h.region_code, h.year`,
    [MEMBER_MINIMUM_HOURS, ...r, ...r, ...staffParams],
  );
  if (regions) await q.query('UPDATE training_staff_cell SET staff = 0 WHERE region_code IN (?)', r);
  else await q.query('DELETE FROM training_staff_cell');
  await q.query(
    `INSERT INTO training_staff_cell (region_code, staff)
     SELECT region_code, COUNT(*) FROM (${staff}) p GROUP BY region_code
     ON DUPLICATE KEY UPDATE staff = VALUES(staff)`,
    staffParams,
  );
}

/** The day staff are counted on: the work alerts' kept day, which the keeper moves when the day changes. */
async function keptDay(q: Queryable): Promise<string> {
  const [row] = (await q.query(
    "SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day FROM work_alert_day LOCK IN SHARE MODE",
  )) as Array<{ day: string }>;
  return row?.day ?? new Date().toISOString().slice(0, 10);
}

/**
 * The kept day moved from `from` to `to` (inside the keeper's transaction that moves it): recounts the
 * regions of every post that began or ended in between, the only people whose being staff the day alone
 * changes. Returns those regions.
 */
export async function rollTrainingCells(q: Queryable, from: string, to: string): Promise<string[]> {
  if (from === to) return [];
  const [low, high] = from < to ? [from, to] : [to, from];
  const rows = (await q.query(
    `SELECT DISTINCT COALESCE(m.region_code, o.region_code) AS region_code
       FROM staff_assignment s JOIN party_organization_replica o ON o.id = s.party_organization_id
       LEFT JOIN party_member m ON m.id = s.member_id
      WHERE (s.from_on > ? AND s.from_on <= ?) OR (s.to_on >= ? AND s.to_on < ?)`,
    [low, high, low, high],
  )) as Array<{ region_code: string }>;
  const regions = rows.map((row) => row.region_code);
  await recountTrainingCells(q, regions);
  return regions;
}

/** Recomputes every cell from the rows (seed, resync). */
async function rebuildTrainingCells(q: Queryable): Promise<void> {
  await recount(q, null, await keptDay(q));
}

/** `training_cell` and `training_staff_cell`; rebuilt with the other statistics (statistics/index.ts). */
export const trainingCells: KeptStatistic = {
  tables: ['training_cell', 'training_staff_cell'],
  rebuild: rebuildTrainingCells,
};
