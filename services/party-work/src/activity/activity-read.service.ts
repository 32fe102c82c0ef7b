import { readDate } from '@pb/platform/calendar';
import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { type PubSub, scopeTopicId } from '@pb/platform/pubsub';
import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { ACTIVITY_RECORDED } from '../changes/party-work-changes.js';
import type { ActivityFilter } from './activity.input.js';
import { Activity, type ActivityPurpose } from './activity.type.js';

export type ActivityRow = Record<string, string | number | Date | null>;

/** Activities as a viewer may read them: scoped to the viewer's region, listed, by id and per branch. */
export class ActivityReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: PubSub,
  ) {}

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

  private rows(condition: string, params: unknown[]): Promise<ActivityRow[]> {
    return this.dataSource.query(`SELECT a.* FROM activity a WHERE ${condition}`, params);
  }
}

export function toActivity(row: ActivityRow): Activity {
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
    serves: (row.serves as ActivityPurpose | null) ?? null,
    correctsId: row.corrects_id,
    supersededById: row.superseded_by,
    recordedAt: new Date(row.recorded_at as string).toISOString(),
  });
}
