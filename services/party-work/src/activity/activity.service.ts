import { randomUUID } from 'node:crypto';
import {
  addDays,
  badInput,
  type Connection,
  childRegionContaining,
  chinaDate,
  conflict,
  enclosingScopes,
  inTransaction,
  isWithinRegion,
  notFound,
  type Page,
  PeriodLiveFigures,
  type PubSub,
  quarterOf,
  quarterRange,
  readDate,
  readQuarter,
  readText,
  regionLikePattern,
  scopeTopicId,
  toConnection,
  today,
  type Viewer,
} from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { partyOrganizationReference } from '../party-organization/party-organization.type.js';
import { regionReference } from '../region/region.type.js';
import { scopeCells } from '../statistics/region-cells.js';
import { type WorkAlertKeeper, WRITE_TRANSACTION } from '../work-alert/work-alert.keeper.js';
import type { ActivityFilter, RecordActivityInput } from './activity.input.js';
import {
  Activity,
  ActivityMode,
  ActivityStats,
  ActivityType,
  ActivityWeek,
  Attendance,
  ComplianceReport,
} from './activity.type.js';
import { type BranchFacts, countActivity, quarterlyFloors, weekOf } from './activity-aggregates.js';

export const ACTIVITY_RECORDED = 'ACTIVITY_RECORDED';

export { quarterlyFloors } from './activity-aggregates.js';

export const ACTIVITY_RULES = {
  RECORDING_WINDOW: 'RECORDING_WINDOW',
  NOT_IN_FUTURE: 'NOT_IN_FUTURE',
  ATTENDANCE_SUM: 'ATTENDANCE_SUM',
  ATTENDANCE_MODE: 'ATTENDANCE_MODE',
  ATTENDANCE_PER_MEMBER: 'ATTENDANCE_PER_MEMBER',
  CORRECTS_LATEST: 'CORRECTS_LATEST',
  CORRECTS_SAME_BRANCH: 'CORRECTS_SAME_BRANCH',
  BRANCH_ACTIVE: 'BRANCH_ACTIVE',
} as const;

const rule = (field: string, name: string, message: string) => badInput(field, message, { rule: name });

type ActivityRow = Record<string, string | number | Date | null>;

/** An activity checked against the rules, ready to insert. */
export interface PreparedActivity {
  input: RecordActivityInput;
  title: string;
  heldAt: Date;
  heldOn: string;
  counts: { expected: number; present: number; online: number; excused: number; absent: number };
  branchId: string;
  regionCode: string;
}

/** Organizational life: recording (with corrections), scoped reads, compliance and live statistics. */
export class ActivityService {
  /** The live figure of each quarter. */
  private readonly figures: PeriodLiveFigures<ActivityStats, string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationReplicaService,
    private readonly pubSub: PubSub,
    redis: Redis,
    namespace: string,
    private readonly windowDays: number,
    private readonly workAlerts: WorkAlertKeeper,
  ) {
    this.figures = new PeriodLiveFigures({
      pubSub,
      redis,
      versionKey: `${namespace}:party-work:activity-stats:version`,
      topic: 'ACTIVITY_STATS_CHANGED',
      // walls at every level read these on open and after each change: one computation per change
      cacheSeconds: 3600,
      computeMany: (quarter, scopes, version) => this.compute(scopes, quarter, version),
    });
  }

  async record(input: RecordActivityInput, viewer: Viewer): Promise<Activity> {
    viewer.require('write:records');
    const prepared = await this.prepare(input, viewer);
    const id = randomUUID();
    const [corrected] = input.correctsId
      ? ((await this.dataSource.query('SELECT region_code, quarter FROM activity WHERE id = ?', [
          input.correctsId,
        ])) as Array<{
          region_code: string;
          quarter: string;
        }>)
      : [];
    await inTransaction(
      this.dataSource,
      (manager) => this.insertPrepared(manager, id, prepared, viewer),
      WRITE_TRANSACTION,
    );
    // a correction may move an activity to another quarter: both figures change
    if (corrected) await this.changed(corrected.region_code, corrected.quarter);
    const [activity] = await this.recorded([id]);
    return activity!;
  }

  /**
   * After activities were recorded (`insertPrepared`) and committed, one by `record` or many by an import:
   * the live feed hears each, and the figures of their regions and quarters go out. Both write paths end
   * here, so an imported activity is seen as a recorded one is.
   */
  async recorded(ids: readonly string[]): Promise<Activity[]> {
    if (ids.length === 0) return [];
    const activities = (await this.rows('a.id IN (?)', [[...ids]])).map((row) => toActivity(row));
    const figures = new Map<string, { regionCode: string; quarter: string }>();
    for (const activity of activities) {
      for (const scope of enclosingScopes(activity.regionCode))
        this.pubSub.publish(ACTIVITY_RECORDED, scopeTopicId(scope), activity);
      figures.set(`${activity.regionCode}|${activity.quarter}`, activity);
    }
    for (const { regionCode, quarter } of figures.values()) await this.changed(regionCode, quarter);
    return activities;
  }

  /** Checks an activity against every rule that needs no write; the row to insert, or the user error. */
  async prepare(input: RecordActivityInput, viewer: Viewer): Promise<PreparedActivity> {
    const branch = await this.organizations.findPartyOrganization(input.branchId);
    if (!branch) throw notFound(`input.branchId: no Party organization ${input.branchId} is known here.`);
    viewer.requireWithin(branch.regionCode);
    const title = readText('input.title', input.title, { max: 200 });
    const heldAt = new Date(input.heldAt);
    if (Number.isNaN(heldAt.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(input.heldAt))
      throw badInput('input.heldAt', `input.heldAt must be an ISO-8601 date-time, got "${input.heldAt}".`);
    const now = Date.now();
    if (heldAt.getTime() > now + 5 * 60_000)
      throw rule(
        'input.heldAt',
        ACTIVITY_RULES.NOT_IN_FUTURE,
        `input.heldAt is in the future; record an activity after it is held (rule ${ACTIVITY_RULES.NOT_IN_FUTURE}).`,
      );
    const heldOn = chinaDate(heldAt);
    if (heldOn < branch.establishedAt || (branch.dissolvedAt && heldOn > branch.dissolvedAt))
      throw rule(
        'input.heldAt',
        ACTIVITY_RULES.BRANCH_ACTIVE,
        `${branch.name} did not exist on ${heldOn} (established ${branch.establishedAt}${branch.dissolvedAt ? `, dissolved ${branch.dissolvedAt}` : ''}).`,
      );
    if (!input.correctsId && now - heldAt.getTime() > this.windowDays * 86400_000)
      throw rule(
        'input.heldAt',
        ACTIVITY_RULES.RECORDING_WINDOW,
        `An activity is recorded within ${this.windowDays} days of being held (rule ${ACTIVITY_RULES.RECORDING_WINDOW}); this one was held on ${heldOn}. Late records are not accepted; correct an existing record instead.`,
      );
    const counts = {
      expected: input.expected,
      present: input.present,
      online: input.online,
      excused: input.excused,
      absent: input.absent,
    };
    for (const [name, value] of Object.entries(counts))
      if (!Number.isInteger(value) || value < 0 || value > 100_000)
        throw badInput(`input.${name}`, `input.${name} must be a whole number from 0 to 100000.`);
    if (counts.present + counts.online + counts.excused + counts.absent !== counts.expected)
      throw rule(
        'input.expected',
        ACTIVITY_RULES.ATTENDANCE_SUM,
        `present + online + excused + absent must equal expected (rule ${ACTIVITY_RULES.ATTENDANCE_SUM}): ${counts.present} + ${counts.online} + ${counts.excused} + ${counts.absent} ≠ ${counts.expected}.`,
      );
    if (input.mode === ActivityMode.OFFLINE && counts.online > 0)
      throw rule(
        'input.online',
        ACTIVITY_RULES.ATTENDANCE_MODE,
        `An OFFLINE activity has no online attendance (rule ${ACTIVITY_RULES.ATTENDANCE_MODE}).`,
      );
    if (input.mode === ActivityMode.ONLINE && counts.present > 0)
      throw rule(
        'input.present',
        ACTIVITY_RULES.ATTENDANCE_MODE,
        `An ONLINE activity has no attendance in person (rule ${ACTIVITY_RULES.ATTENDANCE_MODE}).`,
      );
    if (input.attendance) {
      const tally: Record<string, number> = { PRESENT: 0, ONLINE: 0, EXCUSED: 0, ABSENT: 0 };
      const ids = new Set<string>();
      for (const a of input.attendance) {
        ids.add(a.memberId);
        tally[a.attendance] = (tally[a.attendance] ?? 0) + 1;
      }
      if (
        ids.size !== input.attendance.length ||
        ids.size !== counts.expected ||
        tally.PRESENT !== counts.present ||
        tally.ONLINE !== counts.online ||
        tally.EXCUSED !== counts.excused ||
        tally.ABSENT !== counts.absent
      )
        throw rule(
          'input.attendance',
          ACTIVITY_RULES.ATTENDANCE_PER_MEMBER,
          `The attendance per member must list each member once and agree with the counts (rule ${ACTIVITY_RULES.ATTENDANCE_PER_MEMBER}).`,
        );
      if (ids.size > 0) {
        const known = (await this.dataSource.query(
          "SELECT COUNT(*) AS n FROM party_member WHERE id IN (?) AND branch_id = ? AND status = 'ACTIVE'",
          [[...ids], branch.id],
        )) as Array<{ n: string | number }>;
        if (Number(known[0]?.n) !== ids.size)
          throw rule(
            'input.attendance',
            ACTIVITY_RULES.ATTENDANCE_PER_MEMBER,
            `Every member in input.attendance must be on the rolls of this branch (rule ${ACTIVITY_RULES.ATTENDANCE_PER_MEMBER}).`,
          );
      }
    }
    return { input, title, heldAt, heldOn, counts, branchId: branch.id, regionCode: branch.regionCode };
  }

  /**
   * Inserts a prepared activity (and marks the record it corrects) inside the caller's transaction, which
   * runs READ COMMITTED: it re-evaluates the work alerts of the branch (see WorkAlertKeeper).
   */
  async insertPrepared(
    manager: EntityManager,
    id: string,
    prepared: PreparedActivity,
    viewer: Viewer,
  ): Promise<void> {
    const { input, title, heldAt, heldOn, counts } = prepared;
    const branch = { id: prepared.branchId, regionCode: prepared.regionCode };
    const [facts] = (await manager.query(
      `SELECT type, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at,
              DATE_FORMAT(dissolved_at, '%Y-%m-%d') AS dissolved_at
       FROM party_organization_replica WHERE id = ? LOCK IN SHARE MODE`,
      [branch.id],
    )) as BranchFacts[];
    const regionCode = facts?.region_code ?? branch.regionCode;
    if (input.correctsId) {
      const [old] = (await manager.query(
        `SELECT branch_id, superseded_by, region_code, quarter, held_on, type, mode, present + online AS attended,
                expected - excused AS due FROM activity WHERE id = ? FOR UPDATE`,
        [input.correctsId],
      )) as Array<{
        branch_id: string;
        superseded_by: string | null;
        region_code: string;
        quarter: string;
        held_on: string;
        type: string;
        mode: string;
        attended: number;
        due: number;
      }>;
      if (!old) throw notFound(`input.correctsId: no activity ${input.correctsId}.`);
      if (old.branch_id !== branch.id)
        throw rule(
          'input.correctsId',
          ACTIVITY_RULES.CORRECTS_SAME_BRANCH,
          `A correction belongs to the same branch as the record it corrects (rule ${ACTIVITY_RULES.CORRECTS_SAME_BRANCH}).`,
        );
      if (old.superseded_by)
        throw conflict(
          `input.correctsId: that record was already corrected by ${old.superseded_by}; correct the latest version (rule ${ACTIVITY_RULES.CORRECTS_LATEST}).`,
          { field: 'input.correctsId', rule: ACTIVITY_RULES.CORRECTS_LATEST },
        );
      await manager.query('UPDATE activity SET superseded_by = ? WHERE id = ?', [id, input.correctsId]);
      await countActivity(
        manager,
        facts as BranchFacts,
        {
          branchId: old.branch_id,
          regionCode: old.region_code,
          quarter: old.quarter,
          heldOn: old.held_on,
          type: old.type,
          mode: old.mode,
          attended: Number(old.attended),
          due: Number(old.due),
        },
        -1,
      );
    }
    await manager.query(
      `INSERT INTO activity (id, branch_id, region_code, type, mode, title, held_at, held_on, quarter, expected,
           present, online, excused, absent, corrects_id, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        branch.id,
        branch.regionCode,
        input.type,
        input.mode,
        title,
        heldAt,
        heldOn,
        quarterOf(heldOn),
        counts.expected,
        counts.present,
        counts.online,
        counts.excused,
        counts.absent,
        input.correctsId ?? null,
        viewer.subject,
      ],
    );
    await countActivity(
      manager,
      facts as BranchFacts,
      {
        branchId: branch.id,
        regionCode,
        quarter: quarterOf(heldOn),
        heldOn,
        type: input.type,
        mode: input.mode,
        attended: counts.present + counts.online,
        due: counts.expected - counts.excused,
      },
      1,
    );
    if (input.attendance?.length)
      await manager.query(
        `INSERT INTO activity_attendance (activity_id, member_id, attendance) VALUES ${input.attendance.map(() => '(?, ?, ?)').join(', ')}`,
        input.attendance.flatMap((a) => [id, a.memberId, a.attendance]),
      );
    await this.workAlerts.refresh(manager, 'activity', { branches: [branch.id] });
  }

  /** Resolves once every change reported so far has been published (tests, shutdown). */
  settled(): Promise<void> {
    return this.figures.settled();
  }

  /** After a committed change of a region's activities (or branches) in a quarter. */
  /** At a server's start: figures kept by earlier processes may predate a seed or an import made meanwhile. */
  startVersion(): Promise<void> {
    return this.figures.newVersion();
  }

  async changed(regionCode: string, quarter: string): Promise<void> {
    await this.figures.of(quarter).changed(regionCode);
  }

  subscribeRecorded(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<Activity> {
    viewer.require('read:records');
    return this.pubSub.subscribe(
      ACTIVITY_RECORDED,
      scopeTopicId(viewer.scope(regionCode)),
    ) as AsyncIterable<Activity>;
  }

  async list(
    filter: ActivityFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<Activity>> {
    viewer.require('read:records');
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      where.push('a.region_code LIKE ?');
      params.push(regionLikePattern(scope));
    }
    if (!filter?.includeSuperseded) where.push('a.superseded_by IS NULL');
    if (filter?.branchId) {
      where.push('a.branch_id = ?');
      params.push(filter.branchId);
    }
    if (filter?.type) {
      where.push('a.type = ?');
      params.push(filter.type);
    }
    if (filter?.mode) {
      where.push('a.mode = ?');
      params.push(filter.mode);
    }
    if (filter?.from) {
      where.push('a.held_on >= ?');
      params.push(readDate('filter.from', filter.from));
    }
    if (filter?.to) {
      where.push('a.held_on <= ?');
      params.push(readDate('filter.to', filter.to));
    }
    const condition = where.length ? where.join(' AND ') : '1 = 1';
    const [count] = (await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM activity a WHERE ${condition}`,
      params,
    )) as Array<{
      n: string;
    }>;
    const rows = await this.rows(`${condition} AND a.seq > ? ORDER BY a.seq LIMIT ?`, [
      ...params,
      page.afterSeq,
      page.limit + 1,
    ]);
    return toConnection(
      rows as Array<ActivityRow & { seq: string }>,
      page,
      Number(count?.n ?? 0),
      toActivity,
    );
  }

  /** Activities by id in one query, in the order asked; null where unknown or outside the viewer's region. */
  async findMany(ids: readonly string[], viewer: Viewer): Promise<Array<Activity | null>> {
    viewer.require('read:records');
    if (ids.length === 0) return [];
    const rows = await this.rows('a.id IN (?)', [[...ids]]);
    const byId = new Map(rows.map((r) => [r.id as string, toActivity(r)]));
    return ids.map((id) => {
      const activity = byId.get(id);
      return activity && isWithinRegion(activity.regionCode, viewer.regionCode) ? activity : null;
    });
  }

  /**
   * The most recently held activity (latest version) of each branch, in the order asked; null where a
   * branch has none. One query for any number of branches, so a list of alerts costs one read.
   */
  async lastHeld(branchIds: readonly string[], viewer: Viewer): Promise<Array<Activity | null>> {
    viewer.require('read:records');
    if (branchIds.length === 0) return [];
    // ties on held_at go to the later record, the one an operator entered last
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT a.*, ROW_NUMBER() OVER (PARTITION BY a.branch_id ORDER BY a.held_at DESC, a.seq DESC) AS rank_in_branch
         FROM activity a WHERE a.branch_id IN (?) AND a.superseded_by IS NULL
       ) latest WHERE rank_in_branch = 1`,
      [[...branchIds]],
    )) as ActivityRow[];
    const byBranch = new Map(rows.map((r) => [r.branch_id as string, toActivity(r)]));
    return branchIds.map((id) => {
      const activity = byBranch.get(id);
      return activity && isWithinRegion(activity.regionCode, viewer.regionCode) ? activity : null;
    });
  }

  /**
   * Each branch's activities (latest versions) held from/to, one page per branch, in the order asked: one
   * query for any number of branches, so a list of Party organizations costs one read. Like `list`, only
   * activities within the viewer's region count.
   */
  async listByBranches(
    branchIds: readonly string[],
    held: { from?: string | null; to?: string | null },
    page: Page,
    viewer: Viewer,
  ): Promise<Array<Connection<Activity>>> {
    viewer.require('read:records');
    if (branchIds.length === 0) return [];
    const where = ['a.branch_id IN (?)', 'a.superseded_by IS NULL'];
    const params: unknown[] = [[...branchIds]];
    if (viewer.regionCode) {
      where.push('a.region_code LIKE ?');
      params.push(regionLikePattern(viewer.regionCode));
    }
    if (held.from) {
      where.push('a.held_on >= ?');
      params.push(readDate('filter.from', held.from));
    }
    if (held.to) {
      where.push('a.held_on <= ?');
      params.push(readDate('filter.to', held.to));
    }
    // per branch: its count, and its rows after the cursor numbered in order, of which one page (and one more)
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT a.*, COUNT(*) OVER (PARTITION BY a.branch_id) AS total_in_branch,
                SUM(a.seq > ?) OVER (PARTITION BY a.branch_id ORDER BY a.seq) AS after_cursor
         FROM activity a WHERE ${where.join(' AND ')}
       ) counted WHERE seq > ? AND after_cursor <= ? ORDER BY seq`,
      [page.afterSeq, ...params, page.afterSeq, page.limit + 1],
    )) as Array<ActivityRow & { seq: string; total_in_branch: string }>;
    return branchIds.map((id) => {
      const branchRows = rows.filter((row) => row.branch_id === id);
      return toConnection(branchRows, page, Number(branchRows[0]?.total_in_branch ?? 0), toActivity);
    });
  }

  /**
   * Each branch's 三会一课 in a quarter against the floors, in the order asked: one query for any number of
   * branches. The caller has checked that each branch is known and visible to the viewer.
   */
  async complianceOf(
    branches: ReadonlyArray<{ id: string; hasCommittee: boolean }>,
    quarter: string,
  ): Promise<ComplianceReport[]> {
    if (branches.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT branch_id, type, COUNT(*) AS n FROM activity
       WHERE branch_id IN (?) AND quarter = ? AND superseded_by IS NULL GROUP BY branch_id, type`,
      [branches.map((b) => b.id), quarter],
    )) as Array<{ branch_id: string; type: string; n: string }>;
    const held = new Map(rows.map((r) => [`${r.branch_id}/${r.type}`, Number(r.n)]));
    return branches.map((branch) => {
      const items = quarterlyFloors(branch.hasCommittee).map(([type, required]) => ({
        type,
        required,
        held: held.get(`${branch.id}/${type}`) ?? 0,
      }));
      const required = items.reduce((s, i) => s + i.required, 0);
      const met = items.reduce((s, i) => s + Math.min(i.held, i.required), 0);
      return Object.assign(new ComplianceReport(), {
        branch: partyOrganizationReference(branch.id),
        quarter,
        items,
        compliant: items.every((i) => i.held >= i.required),
        rate: required === 0 ? 0 : met / required,
      });
    });
  }

  snapshot(
    regionCode: string | null | undefined,
    quarter: string | null | undefined,
    viewer: Viewer,
  ): Promise<ActivityStats> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    return this.figures.of(readQuarter(quarter)).snapshot(scope);
  }

  subscribe(
    regionCode: string | null | undefined,
    quarter: string | null | undefined,
    viewer: Viewer,
  ): AsyncIterable<ActivityStats> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    return this.figures.of(readQuarter(quarter)).subscribe(scope);
  }

  /** One row per child region of `parentCode` (provinces when null) that has branches or activities. */
  async byRegion(
    parentCode: string | null | undefined,
    quarterArg: string | null | undefined,
    viewer: Viewer,
  ): Promise<ActivityStats[]> {
    viewer.require('read:aggregates');
    const parent = viewer.scope(parentCode, 'parentCode');
    const quarter = readQuarter(quarterArg);
    const prefixParams = parent ? [regionLikePattern(parent)] : [];
    const where = parent ? 'AND region_code LIKE ?' : '';
    // the distinct regions rather than their prefixes: the replica's (type, region_code) index answers that by
    // a loose scan, one key per region instead of one per branch
    const codes = (await this.dataSource.query(
      `SELECT DISTINCT region_code FROM party_organization_replica WHERE type = 'BRANCH' ${where}
       UNION SELECT DISTINCT region_code FROM activity_cell WHERE quarter = ? ${where}`,
      [...prefixParams, quarter, ...prefixParams],
    )) as Array<{ region_code: string }>;
    // each region's child of the parent in the region list (a municipality's children are its districts)
    const children = [
      ...new Set(codes.map(({ region_code }) => childRegionContaining(parent, region_code))),
    ].filter((child): child is string => child !== null);
    return this.figures.of(quarter).snapshotMany(children.sort());
  }

  /**
   * From the incremental cells, grouped in SQL per child region of the scopes (see scopeCells) and summed
   * per scope here: one read of each table for any number of scopes, O(regions) whatever the number of
   * activities. The four reads are independent, so they run side by side.
   */
  private async compute(
    scopes: Array<string | null>,
    quarter: string,
    version: string,
  ): Promise<ActivityStats[]> {
    const { and, params, region } = scopeCells(scopes);
    const [cells, branchCells, complianceCells, weekCells] = await Promise.all([
      this.dataSource.query(
        `SELECT ${region} AS region_code, type, mode, SUM(activities) AS n, SUM(attended) AS attended, SUM(due) AS due
         FROM activity_cell ${and} quarter = ? GROUP BY 1, type, mode`,
        [...params, quarter],
      ) as Promise<
        Array<{ region_code: string; type: string; mode: string; n: string; attended: string; due: string }>
      >,
      this.branchCounts(scopes, quarter),
      this.dataSource.query(
        `SELECT ${region} AS region_code, COALESCE(SUM(met), 0) AS met, COALESCE(SUM(compliant), 0) AS compliant
         FROM compliance_cell ${and} quarter = ? GROUP BY 1`,
        [...params, quarter],
      ) as Promise<Array<{ region_code: string; met: string; compliant: string }>>,
      this.dataSource.query(
        `SELECT ${region} AS region_code, DATE_FORMAT(week, '%Y-%m-%d') AS week, mode, SUM(activities) AS n
         FROM activity_week_cell ${and} quarter = ? GROUP BY 1, week, mode`,
        [...params, quarter],
      ) as Promise<WeekCell[]>,
    ]);
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const byType = new Map<string, number>();
      let activities = 0;
      let onlineActivities = 0;
      let attended = 0;
      let due = 0;
      for (const r of cells) {
        if (!isWithinRegion(r.region_code, scope)) continue;
        const n = Number(r.n);
        activities += n;
        byType.set(r.type, (byType.get(r.type) ?? 0) + n);
        if (r.mode !== ActivityMode.OFFLINE) onlineActivities += n;
        attended += Number(r.attended);
        due += Number(r.due);
      }
      let branches = 0;
      let required = 0;
      for (const r of branchCells) {
        if (!isWithinRegion(r.region_code, scope)) continue;
        branches += Number(r.branches);
        required += Number(r.required);
      }
      let met = 0;
      let compliant = 0;
      for (const r of complianceCells) {
        if (!isWithinRegion(r.region_code, scope)) continue;
        met += Number(r.met);
        compliant += Number(r.compliant);
      }
      return Object.assign(new ActivityStats(), {
        region: regionReference(scope),
        quarter,
        version,
        updatedAt,
        activities,
        byType: Object.values(ActivityType).map((type) => ({ type, count: byType.get(type) ?? 0 })),
        onlineActivities,
        onlineShare: activities === 0 ? 0 : onlineActivities / activities,
        byWeek: quarterWeeks(
          quarter,
          weekCells.filter((r) => isWithinRegion(r.region_code, scope)),
        ),
        attended,
        due,
        attendanceRate: due === 0 ? 0 : attended / due,
        branches,
        compliantBranches: compliant,
        requiredHeld: met,
        required,
        complianceRate: required === 0 ? 0 : met / required,
      });
    });
  }

  /** Branches active at some time in the quarter and their required meetings, per child region of the scopes. */
  private branchCounts(
    scopes: Array<string | null>,
    quarter: string,
  ): Promise<Array<{ region_code: string; branches: string; required: string }>> {
    const { and, params, region } = scopeCells(scopes);
    // each cell is a change from its quarter on (see branch-cells): the sum up to the quarter is its state
    return this.dataSource.query(
      `SELECT ${region} AS region_code, SUM(branches) AS branches, SUM(required) AS required
       FROM branch_cell ${and} quarter <= ? GROUP BY 1`,
      [...params, quarter],
    );
  }

  private rows(condition: string, params: unknown[]): Promise<ActivityRow[]> {
    return this.dataSource.query(`SELECT a.* FROM activity a WHERE ${condition}`, params);
  }
}

function toActivity(row: ActivityRow): Activity {
  const expected = Number(row.expected);
  const excused = Number(row.excused);
  const present = Number(row.present);
  const online = Number(row.online);
  return Object.assign(new Activity(), {
    id: row.id,
    branchId: row.branch_id,
    regionCode: row.region_code,
    type: row.type,
    mode: row.mode,
    title: row.title,
    heldAt: new Date(row.held_at as string).toISOString(),
    quarter: row.quarter,
    expected,
    present,
    online,
    excused,
    absent: Number(row.absent),
    attendanceRate: expected - excused <= 0 ? 0 : (present + online) / (expected - excused),
    correctsId: row.corrects_id,
    supersededById: row.superseded_by,
    recordedAt: new Date(row.recorded_at as string).toISOString(),
  });
}

export { Attendance };

interface WeekCell {
  region_code: string;
  week: string;
  mode: string;
  n: string;
}

/** A quarter's weeks begun so far, oldest first, summed from the weekly cells of a scope. */
function quarterWeeks(quarter: string, cells: WeekCell[]): ActivityWeek[] {
  const counts = new Map<string, { activities: number; online: number }>();
  for (const cell of cells) {
    const week = counts.get(cell.week) ?? { activities: 0, online: 0 };
    week.activities += Number(cell.n);
    if (cell.mode !== ActivityMode.OFFLINE) week.online += Number(cell.n);
    counts.set(cell.week, week);
  }
  const { from, to } = quarterRange(quarter);
  const last = weekOf(to < today() ? to : today());
  const weeks: ActivityWeek[] = [];
  for (let week = weekOf(from); week <= last; week = addDays(week, 7)) {
    const { activities, online } = counts.get(week) ?? { activities: 0, online: 0 };
    weeks.push(
      Object.assign(new ActivityWeek(), {
        week,
        activities,
        online,
        onlineShare: activities === 0 ? 0 : online / activities,
      }),
    );
  }
  return weeks;
}
