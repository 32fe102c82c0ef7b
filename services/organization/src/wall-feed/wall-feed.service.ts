import { feedSize } from '@pb/platform/pagination';
import { type PubSub, scopeTopicId } from '@pb/platform/pubsub';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { PARTY_ORGANIZATION_ESTABLISHED, SOCIAL_ORGANIZATION_REGISTERED } from '../events/announcer.js';
import {
  day,
  type EstablishmentFeedItem,
  type RegistrationFeedItem,
  toEstablishmentItem,
  toRegistrationItem,
} from './wall-feed.type.js';

type Row = Record<string, string | Date>;

/**
 * The wall's feed of registrations and new Party organizations: the latest few as a snapshot (newest
 * recorded first), then each as it happens. Region-scoped like every read; aggregates permission only,
 * as the items carry organizations' public names and never a person.
 */
export class WallFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: PubSub,
  ) {}

  async recentRegistrations(
    regionCode: string | null | undefined,
    first: number | null | undefined,
    viewer: Viewer,
  ): Promise<RegistrationFeedItem[]> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    // newest recorded first: nationally down the primary key; in a region over its range of the region index
    const rows = (await this.dataSource.query(
      `SELECT id, name, type, registered_at, region_code FROM social_organization
        WHERE status = 'ACTIVE' ${scope ? 'AND region_code LIKE ?' : ''} ORDER BY seq DESC LIMIT ?`,
      [...(scope ? [regionLikePattern(scope)] : []), feedSize(first)],
    )) as Row[];
    return rows.map((row) =>
      toRegistrationItem({
        id: String(row.id),
        name: String(row.name),
        type: String(row.type),
        registeredAt: day(row.registered_at!),
        regionCode: String(row.region_code),
      }),
    );
  }

  async recentEstablishments(
    regionCode: string | null | undefined,
    first: number | null | undefined,
    viewer: Viewer,
  ): Promise<EstablishmentFeedItem[]> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    const rows = (await this.dataSource.query(
      `SELECT id, name, type, formation_mode, established_at, region_code FROM party_organization
        WHERE dissolved_at IS NULL ${scope ? 'AND region_code LIKE ?' : ''} ORDER BY seq DESC LIMIT ?`,
      [...(scope ? [regionLikePattern(scope)] : []), feedSize(first)],
    )) as Row[];
    return rows.map((row) =>
      toEstablishmentItem({
        id: String(row.id),
        name: String(row.name),
        type: String(row.type),
        formationMode: String(row.formation_mode),
        establishedAt: day(row.established_at!),
        regionCode: String(row.region_code),
      }),
    );
  }

  /** Registrations in the region and below it as they commit (projected by the resolver). */
  subscribeRegistrations(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<unknown> {
    viewer.require('read:aggregates');
    return this.pubSub.subscribe(SOCIAL_ORGANIZATION_REGISTERED, scopeTopicId(viewer.scope(regionCode)));
  }

  /** Party organizations established in the region and below it as they commit. */
  subscribeEstablishments(
    regionCode: string | null | undefined,
    viewer: Viewer,
  ): AsyncIterable<EstablishmentFeedItem> {
    viewer.require('read:aggregates');
    return this.pubSub.subscribe(
      PARTY_ORGANIZATION_ESTABLISHED,
      scopeTopicId(viewer.scope(regionCode)),
    ) as AsyncIterable<EstablishmentFeedItem>;
  }
}
