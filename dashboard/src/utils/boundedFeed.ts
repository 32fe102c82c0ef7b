import type { MessageKey } from '@/i18n';

/** One line of the live feed. */
export interface FeedItem {
  /** unique across kinds: `activity:…`, `registration:…` */
  key: string;
  kind: 'activity' | 'registration' | 'partyOrganization';
  /** a name from the server, or a message translated when shown (so the language toggle reaches it) */
  title: string | { key: MessageKey; values: Record<string, number> };
  detail: string;
  /** when it reached the wall, ms since the epoch */
  at: number;
}

/** `items` with `item` first, a repeat of the same key dropped, and never more than `max` lines. */
export function pushBounded(items: readonly FeedItem[], item: FeedItem, max: number): FeedItem[] {
  const rest = items.filter((existing) => existing.key !== item.key);
  return [item, ...rest.slice(0, Math.max(0, max - 1))];
}
