import { type DomainEvent, enqueueEvent, eventStream, type OutboxRelay } from '@pb/platform';
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
 * (≥ 3). `recount` runs inside the transaction that changed members: it bumps the organization's counter
 * row only when the count moved and puts the event in the outbox of that same transaction; `publish`
 * wakes the relay after the commit. Nothing is lost when Redis is down: the outbox waits. Callers run it
 * with `inTransaction`, which retries the deadlocks its locking read can cause.
 */
export class FullMemberCountService {
  constructor(
    private readonly namespace: string,
    private readonly relay: Pick<OutboxRelay, 'wake'>,
  ) {}

  /**
   * Takes each organization's counter row (creating it at zero), in id order. A transaction that changes
   * an organization's members calls this first, so such transactions queue per organization instead of
   * deadlocking half-way, and the count each one reports includes every member committed before it.
   */
  async lockOrganizations(manager: EntityManager, organizationIds: Iterable<string>): Promise<void> {
    for (const id of [...new Set(organizationIds)].sort()) {
      await manager.query(
        `INSERT INTO full_member_counter (social_organization_id, full_member_count, version) VALUES (?, 0, 0)
         ON DUPLICATE KEY UPDATE version = version`,
        [id],
      );
    }
  }

  async recount(
    manager: EntityManager,
    organizationIds: Iterable<string>,
  ): Promise<FullMemberCountChanged[]> {
    const events: FullMemberCountChanged[] = [];
    await this.lockOrganizations(manager, organizationIds);
    for (const id of new Set(organizationIds)) {
      const [row] = (await manager.query(
        // a locking read counts every committed member, not this transaction's snapshot: two
        // transactions adding members at once must not both report the count that misses the other
        `SELECT COUNT(*) AS n FROM party_member
         WHERE social_organization_id = ? AND status = 'ACTIVE' AND stage = 'FULL' LOCK IN SHARE MODE`,
        [id],
      )) as Array<{ n: string | number }>;
      const count = Number(row?.n ?? 0);
      const [current] = (await manager.query(
        'SELECT full_member_count AS count, version FROM full_member_counter WHERE social_organization_id = ? FOR UPDATE',
        [id],
      )) as Array<{ count: number; version: number }>;
      // unchanged (a counter created at zero by the lock and still zero: never reported, nothing to tell)
      if (current && Number(current.count) === count) continue;
      const version = current ? Number(current.version) + 1 : 1;
      await manager.query(
        `INSERT INTO full_member_counter (social_organization_id, full_member_count, version) VALUES (?, ?, 1)
         ON DUPLICATE KEY UPDATE full_member_count = VALUES(full_member_count), version = version + 1`,
        [id, count],
      );
      const now = new Date().toISOString();
      const event: FullMemberCountChanged = {
        type: 'FullMemberCountChanged',
        aggregateId: id,
        version,
        occurredAt: now,
        data: { socialOrganizationId: id, fullMemberCount: count, reportedAt: now },
      };
      await enqueueEvent(manager, eventStream(this.namespace, 'party-work'), event);
      events.push(event);
    }
    return events;
  }

  /** After the commit of a transaction that recounted: the relay publishes the outbox rows soon. */
  async publish(events: readonly FullMemberCountChanged[]): Promise<void> {
    if (events.length > 0) this.relay.wake();
  }
}
