/** One line of the live feed: an organization or a branch by name, never a person. */
export interface FeedItem {
  /** unique across kinds: `activity:…`, `registration:…`, `party:…` */
  key: string;
  kind: 'activity' | 'registration' | 'partyOrganization';
  title: string;
  detail: string;
  /** ms since the epoch: when it reached the wall, or for a line read from a snapshot, when it happened */
  at: number;
  /** the line knows its day only (a registration or establishment date), not the time */
  dateOnly?: boolean;
}

/** `items` with `item` first, a repeat of the same key dropped, and never more than `max` lines. */
export function pushBounded(items: readonly FeedItem[], item: FeedItem, max: number): FeedItem[] {
  const rest = items.filter((existing) => existing.key !== item.key);
  return [item, ...rest.slice(0, Math.max(0, max - 1))];
}

/**
 * `items` joined by the lines of a snapshot read: a line already shown stays as it is (a re-read after
 * a reconnect repeats what the streams delivered), the rest take their place by time, newest first,
 * and never more than `max` lines.
 */
export function mergeBounded(
  items: readonly FeedItem[],
  incoming: readonly FeedItem[],
  max: number,
): FeedItem[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  for (const item of incoming) if (!byKey.has(item.key)) byKey.set(item.key, item);
  return [...byKey.values()].sort((a, b) => b.at - a.at).slice(0, Math.max(0, max));
}
