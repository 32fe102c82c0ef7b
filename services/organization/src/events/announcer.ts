import type { ChangeCounter } from '@pb/platform/change-counter';
import { ChangeWriter } from '@pb/platform/change-writer';
import type { DomainEvent } from '@pb/platform/events';
import type { Logger } from '@pb/platform/logger';
import { OutboxRelay } from '@pb/platform/outbox';
import { type PubSub, scopeTopicId } from '@pb/platform/pubsub';
import { enclosingScopes } from '@pb/platform/region-scope';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { CoverageStatsService } from '../coverage/coverage-stats.service.js';
import { toEstablishmentItem } from '../wall-feed/wall-feed.type.js';

/** Pubsub topic of `socialOrganizationRegistered`; the topic id is the region scope. */
export const SOCIAL_ORGANIZATION_REGISTERED = 'SOCIAL_ORGANIZATION_REGISTERED';

/** Pubsub topic of `establishmentFeed`: a wall's projection of each new Party organization. */
export const PARTY_ORGANIZATION_ESTABLISHED = 'PARTY_ORGANIZATION_ESTABLISHED';

/**
 * What one write changed: its events are staged at the end of the write's transaction, and it is announced
 * once that transaction has committed. Only the writer `organizationChangeWriter` builds makes one (and so
 * `Announcer.write` / `within`), which is what guarantees that whatever a writer marks here reaches the
 * outbox (hence the type-only export).
 */
class ChangeSet {
  readonly organizationIds = new Set<string>();
  readonly partyOrganizationIds = new Set<string>();
  /** Regions whose coverage figures may have changed. */
  readonly regionCodes = new Set<string>();
  /** Organizations newly registered (for `socialOrganizationRegistered`). */
  readonly registeredIds = new Set<string>();
  /** Party organizations newly established (for `establishmentFeed`). */
  readonly establishedIds = new Set<string>();

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

export type { ChangeSet };

/**
 * The platform's one way of writing a change with its events, for this subgraph. A writer marks in the
 * change set what it changed (the methods that write `social_organization` and `party_organization` rows
 * take one and mark every row they write, see `insertOrganizationRows` and `insertPartyOrganizationRows`);
 * when its work is done, the events of the final state of each marked aggregate go into the outbox in the
 * same transaction. Staging once at the end, not at each statement, matters: a Party organization
 * established with its covers is one event carrying its covers, not one per statement at the same version
 * (which a consumer would drop as duplicates). `announce` is what follows a commit: the announcer's live
 * updates, nothing for the seed (its events wait in the outbox for the server's relay).
 */
export function organizationChangeWriter(options: {
  dataSource: DataSource;
  /** The stream of this subgraph's domain events (`eventStream(namespace, 'organization')`). */
  stream: string;
  logger: Logger;
  announce?: (changes: ChangeSet) => Promise<void>;
  /** Moved after each commit (the gateway's read cache follows it); the seed has none. */
  changeCounter?: ChangeCounter;
}): ChangeWriter<ChangeSet> {
  return new ChangeWriter<ChangeSet>({
    dataSource: options.dataSource,
    stream: options.stream,
    logger: options.logger,
    changeCounter: options.changeCounter,
    newChanges: () => new ChangeSet(),
    events: async (manager, changes) => [
      ...(await organizationEvents(manager, [...changes.organizationIds])),
      ...(await partyOrganizationEvents(manager, [...changes.partyOrganizationIds])),
    ],
    announce: options.announce ?? (async () => {}),
  });
}

/**
 * Every write of this subgraph goes through `write`: one transaction that also stores, in the outbox, the
 * domain events party-work consumes (`SocialOrganizationChanged`, `PartyOrganizationChanged`, each with the
 * aggregate's version as committed); after the commit the relay publishes them, and the registrations
 * stream and the coverage figures follow. Events the relay could not publish (Redis down) wait in the
 * outbox and go out later, in order (the platform's `OutboxRelay`); a consumer ignores duplicates by
 * version.
 */
export class Announcer {
  private readonly outbox: OutboxRelay;
  private readonly writer: ChangeWriter<ChangeSet>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly coverageStats: CoverageStatsService,
    private readonly pubSub: PubSub,
    redis: Redis,
    eventStream: string,
    changeCounter: ChangeCounter,
    private readonly logger: Logger,
    /** Loads the registered organizations to publish, as the subscription's type. */
    private readonly loadRegistered: (ids: string[]) => Promise<Array<{ regionCode: string }>>,
  ) {
    this.outbox = new OutboxRelay({ dataSource, redis, logger });
    this.writer = organizationChangeWriter({
      dataSource,
      stream: eventStream,
      logger,
      announce: (changes) => this.publish(changes),
      changeCounter,
    });
  }

  /**
   * Runs `work` in a transaction and announces what it changed. Writers take rows with locking reads, so
   * two of them can deadlock; InnoDB rolls one back, and it runs again from the start (with a fresh change
   * set), rather than failing a request that would succeed a moment later.
   */
  write<T>(work: (manager: EntityManager, changes: ChangeSet) => Promise<T>): Promise<T> {
    return this.writer.write(work);
  }

  /**
   * Like `write`, inside a transaction the caller opened (an import's batch): stages the events of what
   * `work` marked in that transaction. The caller announces the change set after its commit.
   */
  within<T>(
    manager: EntityManager,
    work: (changes: ChangeSet) => Promise<T>,
  ): Promise<{ value: T; changes: ChangeSet }> {
    return this.writer.within(manager, work);
  }

  /** After a commit: publishes the outbox, the new registrations and the changed figures. */
  announce(changes: ChangeSet): Promise<void> {
    // a failure is logged, not thrown: the write committed, and a subscriber re-reads a snapshot on reconnect
    return this.writer.announce(changes);
  }

  private async publish(changes: ChangeSet): Promise<void> {
    await this.relay();
    if (changes.registeredIds.size > 0) {
      for (const organization of await this.loadRegistered([...changes.registeredIds])) {
        for (const scope of enclosingScopes(organization.regionCode)) {
          this.pubSub.publish(SOCIAL_ORGANIZATION_REGISTERED, scopeTopicId(scope), organization);
        }
      }
    }
    if (changes.establishedIds.size > 0) await this.announceEstablished([...changes.establishedIds]);
    await this.coverageStats.changedAll(changes.regionCodes);
  }

  /** Publishes what a wall may see of each new Party organization, to every enclosing scope. */
  private async announceEstablished(ids: string[]): Promise<void> {
    const rows = (await this.dataSource.query(
      'SELECT id, name, type, formation_mode, established_at, region_code FROM party_organization WHERE id IN (?)',
      [ids],
    )) as Array<Record<string, string>>;
    for (const row of rows) {
      const item = toEstablishmentItem({
        id: row.id!,
        name: row.name!,
        type: row.type!,
        formationMode: row.formation_mode!,
        establishedAt: row.established_at!,
        regionCode: row.region_code!,
      });
      for (const scope of enclosingScopes(item.regionCode)) {
        this.pubSub.publish(PARTY_ORGANIZATION_ESTABLISHED, scopeTopicId(scope), item);
      }
    }
  }

  /**
   * Publishes every unsent outbox row now, so a write's events are on the stream when its response goes
   * out. If Redis is away the rows wait: the relay running in the background (`start`) sends them later.
   */
  async relay(): Promise<void> {
    try {
      await this.outbox.drain();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox not published now; the relay retries');
    }
  }

  /** Starts the background relay, which sends what could not be published at once, until `stop`. */
  start(): void {
    this.outbox.start();
  }

  async stop(): Promise<void> {
    await this.outbox.stop();
  }
}

async function organizationEvents(manager: EntityManager, ids: string[]): Promise<DomainEvent[]> {
  if (ids.length === 0) return [];
  const rows = (await manager.query(
    'SELECT id, name, region_code, status, type, version FROM social_organization WHERE id IN (?)',
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

async function partyOrganizationEvents(manager: EntityManager, ids: string[]): Promise<DomainEvent[]> {
  if (ids.length === 0) return [];
  const rows = (await manager.query(
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
