import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityFeedDocument, MemberStatsChangedDocument } from '@/graphql/generated/graphql';
import { createStreamRegistry } from '../streams';

interface Sink {
  next(result: { data?: unknown; errors?: unknown[] }): void;
  error(error: unknown): void;
}

/** An Apollo client whose subscriptions the test drives by hand. */
function fakeApollo() {
  const opened: Array<{ variables: unknown; sink: Sink; closed: boolean }> = [];
  return {
    opened,
    subscribe: ({ variables }: { variables: unknown }) => ({
      subscribe(sink: Sink) {
        const entry = { variables, sink, closed: false };
        opened.push(entry);
        return {
          unsubscribe: () => {
            entry.closed = true;
          },
        };
      },
    }),
  };
}

const event = (version: string) => ({
  data: { memberStatsChanged: { version, fullMembers: 1, byStage: [], year: 2026 } },
});

describe('the stream registry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens one subscription per stream and scope, for every follower of it', () => {
    const apollo = fakeApollo();
    const streams = createStreamRegistry(apollo as never);
    const seen: string[] = [];
    const first = streams.follow(
      MemberStatsChangedDocument,
      { regionCode: null },
      {
        next: (data) => seen.push(`a${data.memberStatsChanged.version}`),
      },
    );
    const second = streams.follow(
      MemberStatsChangedDocument,
      { regionCode: null },
      {
        next: (data) => seen.push(`b${data.memberStatsChanged.version}`),
      },
    );
    const province = streams.follow(MemberStatsChangedDocument, { regionCode: '330000' }, { next: () => {} });
    expect(apollo.opened.map((s) => s.variables)).toEqual([{ regionCode: null }, { regionCode: '330000' }]);
    expect(streams.size).toBe(2);

    apollo.opened[0]?.sink.next(event('3'));
    expect(seen).toEqual(['a3', 'b3']);

    // the last follower to leave closes it
    first();
    expect(apollo.opened[0]?.closed).toBe(false);
    second();
    province();
    expect(apollo.opened.every((s) => s.closed)).toBe(true);
    expect(streams.size).toBe(0);
  });

  it('tells its followers when the server ends it, and again when it is started after a backoff', async () => {
    const apollo = fakeApollo();
    const streams = createStreamRegistry(apollo as never, { retryCapMs: 1_000 });
    const told: string[] = [];
    const stop = streams.follow(
      MemberStatsChangedDocument,
      { regionCode: null },
      {
        next: () => told.push('event'),
        lost: () => told.push('lost'),
        resubscribed: () => told.push('resubscribed'),
      },
    );
    apollo.opened[0]?.sink.error(new Error('upstream closed'));
    expect(told).toEqual(['lost']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(apollo.opened).toHaveLength(2);
    expect(told).toEqual(['lost', 'resubscribed']);
    apollo.opened[1]?.sink.next(event('4'));
    expect(told).toEqual(['lost', 'resubscribed', 'event']);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a stream taken partly apart from the same stream taken whole', () => {
    const apollo = fakeApollo();
    const streams = createStreamRegistry(apollo as never);
    streams.follow(ActivityFeedDocument, { regionCode: null }, { next: () => {} }, { partial: true });
    streams.follow(ActivityFeedDocument, { regionCode: null }, { next: () => {} });
    expect(streams.size).toBe(2);
  });
});
