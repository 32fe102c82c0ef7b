import type { DomainEvent } from '@pb/platform/events';
import type { FullMemberCountService } from '../social-organization/full-member-count.service.js';

/** `FullMemberCountChanged`, as party-work publishes it on its stream. */
export interface FullMemberCountChanged {
  socialOrganizationId: string;
  fullMemberCount: number;
  reportedAt: string;
}

/**
 * Applies party-work's events to this subgraph. Each applies idempotently and in order per organization
 * (the event's version), so a duplicate or a replay changes nothing; other event types are not ours.
 */
export function partyWorkEventHandler(fullMemberCounts: FullMemberCountService) {
  return async (event: DomainEvent): Promise<void> => {
    if (event.type !== 'FullMemberCountChanged') return;
    const data = event.data as unknown as FullMemberCountChanged;
    await fullMemberCounts.reportFullMemberCount(
      data.socialOrganizationId ?? event.aggregateId,
      Number(data.fullMemberCount),
      Number(event.version),
      data.reportedAt ?? event.occurredAt,
    );
  };
}
