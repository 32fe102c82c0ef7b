import {
  type DomainEvent,
  enclosingScopes,
  type Logger,
  type PubSub,
  publishDomainEvent,
  scopeTopicId,
} from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { CoverageStatsService } from '../coverage/coverage-stats.service.js';

/** Pubsub topic of `socialOrganizationRegistered`; the topic id is the region scope. */
export const SOCIAL_ORGANIZATION_REGISTERED = 'SOCIAL_ORGANIZATION_REGISTERED';

/** What one write changed; announced once its transaction has committed. */
export class ChangeSet {
  readonly organizationIds = new Set<string>();
  readonly partyOrganizationIds = new Set<string>();
  /** Regions whose coverage figures may have changed. */
  readonly regionCodes = new Set<string>();
  /** Organizations newly registered (for `socialOrganizationRegistered`). */
  readonly registeredIds = new Set<string>();

  organization(id: string, regionCode: string): this {
    this.organizationIds.add(id);
    this.regionCodes.add(regionCode);
    return this;
  }

  partyOrganization(id: string, regionCode: string): this {
    this.partyOrganizationIds.add(id);
    this.regionCodes.add(regionCode);
    return this;
  }
}

/**
 * Every write of this subgraph goes through `write`: one transaction, then, after the commit, the domain
 * events party-work consumes (`SocialOrganizationChanged`, `PartyOrganizationChanged`, each with the
 * aggregate's version as stored), the registrations stream and the new coverage figures.
 */
export class Announcer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly coverageStats: CoverageStatsService,
    private readonly pubSub: PubSub,
    private readonly redis: Redis,
    private readonly eventStream: string,
    private readonly logger: Logger,
    /** Loads the registered organizations to publish, as the subscription's type. */
    private readonly loadRegistered: (ids: string[]) => Promise<Array<{ regionCode: string }>>,
  ) {}

  async write<T>(work: (manager: EntityManager, changes: ChangeSet) => Promise<T>): Promise<T> {
    const changes = new ChangeSet();
    const result = await this.dataSource.transaction((manager) => work(manager, changes));
    await this.announce(changes);
    return result;
  }

  async announce(changes: ChangeSet): Promise<void> {
    try {
      const events = [
        ...(await this.organizationEvents([...changes.organizationIds])),
        ...(await this.partyOrganizationEvents([...changes.partyOrganizationIds])),
      ];
      for (const event of events) await publishDomainEvent(this.redis, this.eventStream, event);
    } catch (error) {
      this.logger.error({ err: error }, 'could not publish domain events');
    }
    try {
      if (changes.registeredIds.size > 0) {
        for (const organization of await this.loadRegistered([...changes.registeredIds])) {
          for (const scope of enclosingScopes(organization.regionCode)) {
            this.pubSub.publish(SOCIAL_ORGANIZATION_REGISTERED, scopeTopicId(scope), organization);
          }
        }
      }
      await this.coverageStats.changedAll(changes.regionCodes);
    } catch (error) {
      // the write committed; a subscriber re-reads a snapshot on reconnect
      this.logger.error({ err: error }, 'could not publish live updates');
    }
  }

  private async organizationEvents(ids: string[]): Promise<DomainEvent[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT id, name, region_code, status, type, version FROM social_organization WHERE id IN (?)`,
      [ids],
    )) as Array<{
      id: string;
      name: string;
      region_code: string;
      status: string;
      type: string;
      version: number;
    }>;
    const occurredAt = new Date().toISOString();
    return rows.map((row) => ({
      type: 'SocialOrganizationChanged',
      aggregateId: row.id,
      version: Number(row.version),
      occurredAt,
      data: { id: row.id, name: row.name, regionCode: row.region_code, status: row.status, type: row.type },
    }));
  }

  private async partyOrganizationEvents(ids: string[]): Promise<DomainEvent[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT p.id, p.name, p.type, p.formation_mode, p.region_code, p.parent_id, p.established_at,
              p.dissolved_at, p.has_committee, p.version,
              (SELECT GROUP_CONCAT(c.social_organization_id ORDER BY c.seq)
                 FROM party_coverage c WHERE c.party_organization_id = p.id AND c.until IS NULL) AS covered
         FROM party_organization p WHERE p.id IN (?)`,
      [ids],
    )) as Array<Record<string, string | number | null>>;
    const occurredAt = new Date().toISOString();
    return rows.map((row) => ({
      type: 'PartyOrganizationChanged',
      aggregateId: String(row.id),
      version: Number(row.version),
      occurredAt,
      data: {
        id: row.id,
        name: row.name,
        type: row.type,
        formationMode: row.formation_mode,
        regionCode: row.region_code,
        parentId: row.parent_id,
        establishedAt: row.established_at,
        dissolvedAt: row.dissolved_at,
        hasCommittee: Number(row.has_committee) === 1,
        coveredOrganizationIds: row.covered ? String(row.covered).split(',') : [],
      },
    }));
  }
}
