import type { DomainEvent } from '@pb/platform/events';
import type { EntityManager } from 'typeorm';
import type { PartyWorkChanges } from '../changes/party-work-changes.js';

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
 * (≥ 3). The count lives in a counter row per organization, changed inside the transaction that changes
 * members; the change set marks it, and the ChangeWriter puts its event (`fullMemberCountEvents`) in the
 * outbox of that same transaction and wakes the relay after the commit. Nothing is lost when Redis is
 * down: the outbox waits. The ChangeWriter retries the deadlocks that taking the counter rows can cause.
 *
 * A single member's change moves the counter by its difference (`adjust`, `SET n = n + ?`); a bulk load
 * recounts (`recount`).
 */
export class FullMemberCountService {
  /** The counter rows each transaction already holds, so a second `lockOrganizations` costs nothing. */
  private readonly held = new WeakMap<EntityManager, Set<string>>();

  /**
   * Takes each organization's counter row, in id order, creating it with the organization's count of full
   * members when it is missing (organizations seeded or imported before they had one). A transaction that
   * changes an organization's members calls this first, so such transactions queue per organization
   * instead of deadlocking half-way, and each one's change applies to a count that includes every member
   * committed before it.
   */
  async lockOrganizations(manager: EntityManager, organizationIds: Iterable<string>): Promise<void> {
    const held = this.held.get(manager) ?? new Set<string>();
    this.held.set(manager, held);
    for (const id of [...new Set(organizationIds)].sort()) {
      if (held.has(id)) continue;
      const [row] = (await manager.query(
        'SELECT version FROM full_member_counter WHERE social_organization_id = ? FOR UPDATE',
        [id],
      )) as unknown[];
      if (!row) {
        // a plain read: members are only written by transactions that hold this row (or by a bulk load,
        // which recounts afterwards); a second creator waits on the insert and keeps the first's count
        const [members] = (await manager.query(
          `SELECT COUNT(*) AS n FROM party_member
            WHERE social_organization_id = ? AND status = 'ACTIVE' AND stage = 'FULL'`,
          [id],
        )) as Array<{ n: string | number }>;
        await manager.query(
          `INSERT INTO full_member_counter (social_organization_id, full_member_count, version) VALUES (?, ?, 0)
           ON DUPLICATE KEY UPDATE version = version`,
          [id, Number(members?.n ?? 0)],
        );
      }
      held.add(id);
    }
  }

  /**
   * Moves each organization's count by its difference (full members gained minus lost by this
   * transaction's change), with the counter's next version, and marks it in the change set.
   */
  async adjust(
    manager: EntityManager,
    differences: ReadonlyMap<string, number>,
    changes: PartyWorkChanges,
  ): Promise<void> {
    const changed = [...differences].filter(([, difference]) => difference !== 0);
    await this.lockOrganizations(
      manager,
      changed.map(([id]) => id),
    );
    for (const [id, difference] of changed.sort(([a], [b]) => a.localeCompare(b))) {
      await manager.query(
        `UPDATE full_member_counter SET full_member_count = full_member_count + ?, version = version + 1
          WHERE social_organization_id = ?`,
        [difference, id],
      );
      changes.fullMemberCounts.add(id);
    }
  }

  /** Sets each organization's count from its members: after a bulk load, which writes many at once. */
  async recount(
    manager: EntityManager,
    organizationIds: Iterable<string>,
    changes: PartyWorkChanges,
  ): Promise<void> {
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
      // unchanged and already told (a counter at version 0 was made by the lock and never reported;
      // unless its count is zero, which is what the organization subgraph assumes, it is news)
      if (current && Number(current.count) === count && (Number(current.version) > 0 || count === 0))
        continue;
      await manager.query(
        `INSERT INTO full_member_counter (social_organization_id, full_member_count, version) VALUES (?, ?, 1)
         ON DUPLICATE KEY UPDATE full_member_count = VALUES(full_member_count), version = version + 1`,
        [id, count],
      );
      changes.fullMemberCounts.add(id);
    }
  }
}

/**
 * The events of the counters a transaction moved, read at its end: it holds their rows, so each is the
 * count and version it made, one event per organization however many statements moved it.
 */
export async function fullMemberCountEvents(
  manager: EntityManager,
  organizationIds: ReadonlySet<string>,
): Promise<FullMemberCountChanged[]> {
  if (organizationIds.size === 0) return [];
  const rows = (await manager.query(
    `SELECT social_organization_id AS id, full_member_count AS count, version FROM full_member_counter
      WHERE social_organization_id IN (?) ORDER BY social_organization_id`,
    [[...organizationIds]],
  )) as Array<{ id: string; count: number; version: number }>;
  const now = new Date().toISOString();
  return rows.map((row) => ({
    type: 'FullMemberCountChanged',
    aggregateId: row.id,
    version: Number(row.version),
    occurredAt: now,
    data: { socialOrganizationId: row.id, fullMemberCount: Number(row.count), reportedAt: now },
  }));
}
