import { type DomainEvent, eventStream, type Logger, publishDomainEvent } from '@pb/platform';
import type { Redis } from 'ioredis';
import type { EntityManager } from 'typeorm';

export interface FullMemberCountChanged
  extends DomainEvent<{
    socialOrganizationId: string;
    fullMemberCount: number;
    reportedAt: string;
  }> {
  type: 'FullMemberCountChanged';
}

/**
 * Reports each organization's full-member count to the organization subgraph, which decides eligibility
 * (≥ 3). `recount` runs inside the transaction that changed members and bumps the organization's counter
 * row only when the count moved; `publish` sends the resulting events after the commit.
 */
export class FullMemberCountService {
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {}

  async recount(
    manager: EntityManager,
    organizationIds: Iterable<string>,
  ): Promise<FullMemberCountChanged[]> {
    const events: FullMemberCountChanged[] = [];
    for (const id of new Set(organizationIds)) {
      const [row] = (await manager.query(
        `SELECT COUNT(*) AS n FROM party_member WHERE social_organization_id = ? AND status = 'ACTIVE' AND stage = 'FULL'`,
        [id],
      )) as Array<{ n: string | number }>;
      const count = Number(row?.n ?? 0);
      const [current] = (await manager.query(
        'SELECT full_member_count AS count, version FROM full_member_counter WHERE social_organization_id = ? FOR UPDATE',
        [id],
      )) as Array<{ count: number; version: number }>;
      if (current && Number(current.count) === count) continue;
      const version = current ? Number(current.version) + 1 : 1;
      await manager.query(
        `INSERT INTO full_member_counter (social_organization_id, full_member_count, version) VALUES (?, ?, 1)
         ON DUPLICATE KEY UPDATE full_member_count = VALUES(full_member_count), version = version + 1`,
        [id, count],
      );
      const now = new Date().toISOString();
      events.push({
        type: 'FullMemberCountChanged',
        aggregateId: id,
        version,
        occurredAt: now,
        data: { socialOrganizationId: id, fullMemberCount: count, reportedAt: now },
      });
    }
    return events;
  }

  async publish(events: readonly FullMemberCountChanged[]): Promise<void> {
    const stream = eventStream(this.namespace, 'party-work');
    for (const event of events) {
      try {
        await publishDomainEvent(this.redis, stream, event);
      } catch (error) {
        // the counter row keeps the truth; the next change of this organization carries it again
        this.logger.error({ err: error, event }, 'could not publish FullMemberCountChanged');
      }
    }
  }
}
