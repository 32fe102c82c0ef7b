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

/**
 * Training attainment kept per region: `training_cell` (region, year) holds the Party members on the rolls
 * and the staff meeting their minimum in the year and the class hours of the year, `training_staff_cell`
 * (region) the staff. Both are sums over people, and each person's part is kept beside them:
 * `training_person_year` (person, year) what the person adds to its region's cell of the year, and
 * `training_person` (person) where the person is counted and whether as staff; its row is also the
 * person's lock while the person's part is recomputed.
 *
 * A person is a member (`m:<id>`) or a staff post held by no member here (`s:<id>`: there is no identity
 * for non-members beyond the post). A person is located in one region: a member at the member's region, a
 * post at its Party organization's; a training record at its person's, so class hours move with people.
 * Staff are the people holding a current post on the kept day (`work_alert_day`): a member holding
 * several counts once, with the highest minimum of the posts.
 *
 * A write marks the people it may have moved (training recorded, a post begun or ended, a member joining
 * or leaving the rolls or moving) and, for an organization that moved, whole regions; at its end the
 * change writer recomputes those people's parts from the rows (`refreshTrainingCells`) and moves the cells
 * by the difference. That costs a read of a few people per write, where recounting a region read every
 * person of it (a district's 10 000 members, a second under load at 100k organizations). When the day
 * changes, the people of the posts that began or ended in between are recomputed (`rollTrainingCells`).
 */

/** The people (and whole regions) a write may have moved in the training cells. */
export interface TrainingMoves {
  people: Iterable<string>;
  regions?: Iterable<string>;
}

/** The person a member is in the training cells. */
export const memberPerson = (memberId: string): string => `m:${memberId}`;
/** The person a post held by no member here is; a post a member holds is that member. */
export const postPerson = (post: { id: string; memberId: string | null }): string =>
  post.memberId ? memberPerson(post.memberId) : `s:${post.id}`;

/**
 * Recomputes the parts of the people moved (and of every person of the regions moved) and moves the cells
 * by the difference, in the caller's transaction. Returns the regions whose cells moved, where each person
 * was counted and is counted now.
 */
export async function refreshTrainingCells(q: Queryable, moves: TrainingMoves): Promise<Set<string>> {
  const regions = [...new Set(moves.regions ?? [])].sort();
  const people = new Set(moves.people);
  if (regions.length > 0) for (const person of await peopleOf(q, regions)) people.add(person);
  const sorted = [...people].sort();
  if (sorted.length === 0) return new Set(regions);
  // the day first (shared, as every write holds it), then the people in order: the keeper moving the day
  // takes them in the same order, so the two wait for each other rather than deadlock; under READ
  // COMMITTED a write that waited for a person then reads what the other committed
  const day = await keptDay(q);
  await q.query(
    `INSERT INTO training_person (person, region_code, staff) VALUES ${sorted.map(() => "(?, '', 0)").join(', ')}
     ON DUPLICATE KEY UPDATE person = person`,
    sorted,
  );
  const before = (await q.query(
    `SELECT person, region_code, staff FROM training_person WHERE person IN (?)`,
    [sorted],
  )) as PersonRow[];
  const beforeYears = (await q.query(
    `SELECT person, year, region_code, members_meeting, staff_meeting, hours
       FROM training_person_year WHERE person IN (?)`,
    [sorted],
  )) as YearRow[];
  const { persons: after, years: afterYears } = await partsOf(q, sorted, day);

  const cells = new Map<string, { region: string; year: number; counts: [number, number, number] }>();
  const cell = (row: YearRow, sign: number) => {
    const key = `${row.region_code}|${row.year}`;
    const entry = cells.get(key) ?? { region: row.region_code, year: row.year, counts: [0, 0, 0] };
    entry.counts[0] += sign * Number(row.members_meeting);
    entry.counts[1] += sign * Number(row.staff_meeting);
    entry.counts[2] += sign * Number(row.hours);
    cells.set(key, entry);
  };
  for (const row of beforeYears) cell(row, -1);
  for (const row of afterYears) cell(row, 1);
  const staff = new Map<string, number>();
  for (const row of before)
    if (row.region_code) staff.set(row.region_code, (staff.get(row.region_code) ?? 0) - Number(row.staff));
  for (const row of after) staff.set(row.region_code, (staff.get(row.region_code) ?? 0) + Number(row.staff));

  // the cells in key order, so two writes moving the same cells wait rather than deadlock
  const cellMoves = [...cells.entries()]
    .filter(([, { counts }]) => counts.some((n) => n !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => entry);
  if (cellMoves.length > 0)
    await q.query(
      `INSERT INTO training_cell (region_code, year, members_meeting, staff_meeting, hours)
       VALUES ${cellMoves.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE members_meeting = members_meeting + VALUES(members_meeting),
         staff_meeting = staff_meeting + VALUES(staff_meeting), hours = hours + VALUES(hours)`,
      cellMoves.flatMap(({ region, year, counts }) => [region, year, ...counts]),
    );
  const staffMoves = [...staff].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (staffMoves.length > 0)
    await q.query(
      `INSERT INTO training_staff_cell (region_code, staff) VALUES ${staffMoves.map(() => '(?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE staff = staff + VALUES(staff)`,
      staffMoves.flat(),
    );

  // and the parts kept for next time
  await q.query('DELETE FROM training_person_year WHERE person IN (?)', [sorted]);
  if (afterYears.length > 0)
    await q.query(
      `INSERT INTO training_person_year (person, year, region_code, members_meeting, staff_meeting, hours)
       VALUES ${afterYears.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      afterYears.flatMap((r) => [
        r.person,
        r.year,
        r.region_code,
        r.members_meeting,
        r.staff_meeting,
        r.hours,
      ]),
    );
  await q.query(
    `INSERT INTO training_person (person, region_code, staff) VALUES ${after.map(() => '(?, ?, ?)').join(', ')}
     ON DUPLICATE KEY UPDATE region_code = VALUES(region_code), staff = VALUES(staff)`,
    after.flatMap((r) => [r.person, r.region_code, r.staff]),
  );

  const moved = new Set(regions);
  for (const row of [...before, ...after, ...beforeYears, ...afterYears])
    if (row.region_code) moved.add(row.region_code);
  return moved;
}

interface PersonRow {
  person: string;
  region_code: string;
  staff: number;
}

interface YearRow {
  person: string;
  year: number;
  region_code: string;
  members_meeting: number;
  staff_meeting: number;
  hours: number;
}

/**
 * Each person's part as the rows say on `day`: where the person is counted and whether as staff (a person
 * with neither training nor a post is counted nowhere: region ''), and per year of training what it adds.
 */
async function partsOf(
  q: Queryable,
  people: string[],
  day: string,
): Promise<{ persons: PersonRow[]; years: YearRow[] }> {
  const members = people.filter((p) => p.startsWith('m:')).map((p) => p.slice(2));
  const posts = people.filter((p) => p.startsWith('s:')).map((p) => p.slice(2));
  const staffRows = (await q.query(
    `SELECT person, region_code, minimum FROM (${staffSql(members, posts)}) p`,
    staffParams(members, posts, day),
  )) as Array<{ person: string; region_code: string; minimum: number }>;
  const years = (await q.query(
    `SELECT h.person, h.year, h.region_code, h.on_rolls AND h.hours >= ? AS members_meeting,
            h.hours >= COALESCE(p.minimum, 1e9) AS staff_meeting, h.hours
       FROM (${hoursSql(members, posts)}) h LEFT JOIN (${staffSql(members, posts)}) p ON p.person = h.person`,
    [MEMBER_MINIMUM_HOURS, ...hoursParams(members, posts), ...staffParams(members, posts, day)],
  )) as YearRow[];
  const where = new Map<string, PersonRow>();
  for (const row of years)
    where.set(row.person, { person: row.person, region_code: row.region_code, staff: 0 });
  for (const row of staffRows)
    where.set(row.person, { person: row.person, region_code: row.region_code, staff: 1 });
  // people with neither: counted nowhere now
  for (const person of people)
    if (!where.has(person)) where.set(person, { person, region_code: '', staff: 0 });
  return { persons: [...where.values()], years };
}

/** A filter on ids: every row when null (a rebuild), none when empty. */
const idsIn = (column: string, ids: string[] | null) =>
  ids === null ? '1 = 1' : ids.length === 0 ? '1 = 0' : `${column} IN (?)`;
const idsParam = (ids: string[] | null) => (ids && ids.length > 0 ? [ids] : []);

/** Each person's class hours per year, with the person's region and whether a member is on the rolls. */
function hoursSql(members: string[] | null, posts: string[] | null): string {
  // `staff_assignment_id IS NOT NULL` says what the join implies: most records are a member's, so the
  // column is mostly NULL, and without it MariaDB's estimate for its index led it to scan every training
  // record (1.4M at 100k organizations)
  return `
    SELECT CONCAT('m:', m.id) AS person, m.region_code, YEAR(t.started_on) AS year, SUM(t.hours) AS hours,
           MAX(${PARTY_MEMBER_ON_ROLLS('m')}) AS on_rolls
      FROM training_record t JOIN party_member m ON m.id = t.member_id
     WHERE ${idsIn('m.id', members)} GROUP BY m.id, m.region_code, YEAR(t.started_on)
    UNION ALL
    SELECT CONCAT('s:', s.id), o.region_code, YEAR(t.started_on), SUM(t.hours), 0
      FROM training_record t JOIN staff_assignment s ON s.id = t.staff_assignment_id
                             AND t.staff_assignment_id IS NOT NULL
      JOIN party_organization_replica o ON o.id = s.party_organization_id
     WHERE ${idsIn('s.id', posts)} GROUP BY s.id, o.region_code, YEAR(t.started_on)`;
}
const hoursParams = (members: string[] | null, posts: string[] | null) => [
  ...idsParam(members),
  ...idsParam(posts),
];

/** People holding a current post (both `?` are the day), with their minimum and region. */
function staffSql(members: string[] | null, posts: string[] | null): string {
  return `
    SELECT CONCAT('m:', m.id) AS person, m.region_code, MAX(${STAFF_MINIMUM('s')}) AS minimum
      FROM party_member m JOIN staff_assignment s ON s.member_id = m.id
     WHERE ${idsIn('m.id', members)} AND ${CURRENT_STAFF_POST('s')} GROUP BY m.id, m.region_code
    UNION ALL
    SELECT CONCAT('s:', s.id), o.region_code, ${STAFF_MINIMUM('s')}
      FROM staff_assignment s JOIN party_organization_replica o ON o.id = s.party_organization_id
     WHERE s.member_id IS NULL AND ${idsIn('s.id', posts)} AND ${CURRENT_STAFF_POST('s')}`;
}
const staffParams = (members: string[] | null, posts: string[] | null, day: string) => [
  ...idsParam(members),
  day,
  day,
  ...idsParam(posts),
  day,
  day,
];

/** Everyone counted in these regions, or who would be now: whose part a region's move may change. */
async function peopleOf(q: Queryable, regions: string[]): Promise<string[]> {
  const rows = (await q.query(
    `SELECT person FROM training_person WHERE region_code IN (?)
     UNION SELECT CONCAT('m:', m.id) FROM party_member m
      WHERE m.region_code IN (?)
        AND (EXISTS (SELECT 1 FROM training_record t WHERE t.member_id = m.id)
             OR EXISTS (SELECT 1 FROM staff_assignment s WHERE s.member_id = m.id))
     UNION SELECT CONCAT('s:', s.id) FROM staff_assignment s
       JOIN party_organization_replica o ON o.id = s.party_organization_id
      WHERE s.member_id IS NULL AND o.region_code IN (?)`,
    [regions, regions, regions],
  )) as Array<{ person: string }>;
  return rows.map((row) => row.person);
}

/** The day staff are counted on: the work alerts' kept day, which the keeper moves when the day changes. */
async function keptDay(q: Queryable): Promise<string> {
  const [row] = (await q.query(
    "SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day FROM work_alert_day LOCK IN SHARE MODE",
  )) as Array<{ day: string }>;
  return row?.day ?? new Date().toISOString().slice(0, 10);
}

/**
 * The kept day moved from `from` to `to` (inside the keeper's transaction that moves it): recomputes the
 * people of every post that began or ended in between, the only people whose being staff the day alone
 * changes. Returns the regions whose cells moved.
 */
export async function rollTrainingCells(q: Queryable, from: string, to: string): Promise<string[]> {
  if (from === to) return [];
  const [low, high] = from < to ? [from, to] : [to, from];
  const posts = (await q.query(
    `SELECT id, member_id AS memberId FROM staff_assignment
      WHERE (from_on > ? AND from_on <= ?) OR (to_on >= ? AND to_on < ?)`,
    [low, high, low, high],
  )) as Array<{ id: string; memberId: string | null }>;
  return [...(await refreshTrainingCells(q, { people: posts.map(postPerson) }))];
}

/** Recomputes every person's part and every cell from the rows (seed, resync). */
async function rebuildTrainingCells(q: Queryable): Promise<void> {
  const day = await keptDay(q);
  await q.query('DELETE FROM training_person_year');
  await q.query('DELETE FROM training_person');
  await q.query(
    `INSERT INTO training_person_year (person, year, region_code, members_meeting, staff_meeting, hours)
     SELECT h.person, h.year, h.region_code, h.on_rolls AND h.hours >= ?, h.hours >= COALESCE(p.minimum, 1e9),
            h.hours
       FROM (${hoursSql(null, null)}) h LEFT JOIN (${staffSql(null, null)}) p ON p.person = h.person`,
    [MEMBER_MINIMUM_HOURS, ...staffParams(null, null, day)],
  );
  // the staff, then everyone else with training (a person's years all have the person's region)
  await q.query(
    `INSERT INTO training_person (person, region_code, staff)
     SELECT person, region_code, 1 FROM (${staffSql(null, null)}) p`,
    staffParams(null, null, day),
  );
  await q.query(
    `INSERT INTO training_person (person, region_code, staff)
     SELECT person, MIN(region_code), 0 FROM training_person_year GROUP BY person
     ON DUPLICATE KEY UPDATE staff = staff`,
  );
  await q.query('DELETE FROM training_cell');
  await q.query(
    `INSERT INTO training_cell (region_code, year, members_meeting, staff_meeting, hours)
     SELECT region_code, year, SUM(members_meeting), SUM(staff_meeting), SUM(hours)
       FROM training_person_year GROUP BY region_code, year`,
  );
  await q.query('DELETE FROM training_staff_cell');
  await q.query(
    `INSERT INTO training_staff_cell (region_code, staff)
     SELECT region_code, SUM(staff) FROM training_person WHERE staff = 1 GROUP BY region_code`,
  );
}

/** The cells and the people's parts; rebuilt with the other statistics (statistics/index.ts). */
export const trainingCells: KeptStatistic = {
  tables: ['training_cell', 'training_staff_cell', 'training_person', 'training_person_year'],
  rebuild: rebuildTrainingCells,
};
