import { feedSize } from '@pb/platform/pagination';
import { type PubSub, scopeTopicId } from '@pb/platform/pubsub';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { Activity, ActivityMode, ActivityType } from '../activity/activity.type.js';
import { ACTIVITY_RECORDED } from '../changes/party-work-changes.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { regionReference } from '../region/region.type.js';
import { ActivityFeedItem } from './activity-feed.type.js';

function toItem(row: {
  id: string;
  type: string;
  mode: string;
  heldAt: string;
  branchName: string | null;
  regionCode: string;
}): ActivityFeedItem {
  return Object.assign(new ActivityFeedItem(), {
    id: row.id,
    type: row.type as ActivityType,
    mode: row.mode as ActivityMode,
    heldAt: row.heldAt,
    // a branch party-work has not heard of yet still shows the line
    branchName: row.branchName ?? '',
    region: regionReference(row.regionCode)!,
  });
}

/**
 * The wall's feed of activities: the latest few as a snapshot (newest recorded first, corrected records
 * left out), then each as it is recorded. Region-scoped like every read; aggregates permission only, as
 * the items name branches, never a person.
 */
export class ActivityFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationReplicaService,
    private readonly pubSub: PubSub,
  ) {}

  async recent(
    regionCode: string | null | undefined,
    first: number | null | undefined,
    viewer: Viewer,
  ): Promise<ActivityFeedItem[]> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.type, a.mode, a.held_at, a.region_code, p.name
         FROM activity a LEFT JOIN party_organization_replica p ON p.id = a.branch_id
        WHERE a.superseded_by IS NULL ${scope ? 'AND a.region_code LIKE ?' : ''}
        ORDER BY a.seq DESC LIMIT ?`,
      [...(scope ? [regionLikePattern(scope)] : []), feedSize(first)],
    )) as Array<Record<string, string | Date | null>>;
    return rows.map((row) =>
      toItem({
        id: String(row.id),
        type: String(row.type),
        mode: String(row.mode),
        heldAt: new Date(row.held_at as string).toISOString(),
        branchName: row.name === null ? null : String(row.name),
        regionCode: String(row.region_code),
      }),
    );
  }

  /** Activities recorded in the region and below it; `project` turns each into its feed line. */
  subscribe(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<unknown> {
    viewer.require('read:aggregates');
    return this.pubSub.subscribe(ACTIVITY_RECORDED, scopeTopicId(viewer.scope(regionCode)));
  }

  /** What a wall may see of a recorded activity (the stream carries the whole record). */
  async project(activity: Activity): Promise<ActivityFeedItem> {
    // one key lookup per line: a subscription lives for days, so no cache that grows with the branches
    const branch = await this.organizations.findPartyOrganization(activity.branchId);
    return toItem({ ...activity, branchName: branch?.name ?? null });
  }
}
