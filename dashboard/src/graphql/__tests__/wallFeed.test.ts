import { ApolloClient, ApolloLink, type FetchResult, InMemoryCache, Observable } from '@apollo/client/core';
import type { Client } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWallStore } from '@/stores/useWallStore';
import { startWallFeed } from '../wallFeed';

interface Sink {
  next(result: FetchResult): void;
  error(error: unknown): void;
  complete(): void;
}

interface SnapshotRequest {
  variables: Record<string, unknown>;
  reply(organizations: [version: string, value: number], fullMembers: [version: string, value: number]): void;
  fail(error: Error): void;
}

/** A real Apollo client over a link the test answers by hand, a socket that only emits events. */
function setUp(regionCode: string | null = null, readAtStart = false) {
  const snapshotRequests: SnapshotRequest[] = [];
  const streams = new Map<string, Sink>();
  const subscribeCount = new Map<string, number>();

  const link = new ApolloLink(
    (operation) =>
      new Observable<FetchResult>((observer) => {
        const name = operation.operationName;
        if (name === 'WallFigures') {
          snapshotRequests.push({
            variables: operation.variables,
            reply: ([orgVersion, organizations], [memberVersion, fullMembers]) => {
              observer.next({
                data: {
                  coverageStats: { __typename: 'CoverageStats', version: orgVersion, organizations },
                  memberStats: { __typename: 'MemberStats', version: memberVersion, fullMembers },
                },
              });
              observer.complete();
            },
            fail: (error) => observer.error(error),
          });
          return;
        }
        subscribeCount.set(name, (subscribeCount.get(name) ?? 0) + 1);
        streams.set(name, observer);
        return () => {
          if (streams.get(name) === observer) streams.delete(name);
        };
      }),
  );
  const apollo = new ApolloClient({ link, cache: new InMemoryCache() });

  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const socket: Pick<Client, 'on'> = {
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const fn = listener as (...args: unknown[]) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
  };
  const emit = (event: 'connected' | 'closed', ...args: unknown[]) => {
    for (const listener of listeners.get(event) ?? []) listener(...args);
  };

  const store = createWallStore({ regionCode });
  const stop = startWallFeed({
    store,
    apollo,
    socket,
    settleMs: 2_000,
    reconcileEveryMs: 60_000,
    retryDelay: () => 1_000,
    readAtStart,
  });

  const stream = (name: string) => {
    const sink = streams.get(name);
    if (!sink) throw new Error(`no active ${name} subscription`);
    return sink;
  };

  return {
    store,
    stop,
    /** What main.ts does when the wall shows another region on the same socket. */
    switchRegion(code: string) {
      stop();
      store.setRegion(code);
      return startWallFeed({
        store,
        apollo,
        socket,
        settleMs: 2_000,
        retryDelay: () => 1_000,
        alreadyConnected: true,
      });
    },
    snapshotRequests,
    subscribeCount,
    connect: () => emit('connected', {}, undefined, false),
    close: (code = 1006) => emit('closed', { code, reason: '' }),
    isSubscribed: (name: string) => streams.has(name),
    organizationsEvent(version: string, organizations: number) {
      stream('CoverageStatsChanged').next({
        data: { coverageStatsChanged: { __typename: 'CoverageStats', version, organizations } },
      });
    },
    fullMembersEvent(version: string, fullMembers: number) {
      stream('MemberStatsChanged').next({
        data: { memberStatsChanged: { __typename: 'MemberStats', version, fullMembers } },
      });
    },
    stream,
  };
}

/** Lets Apollo's promise chains run without moving the clock. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

function shown(store: ReturnType<typeof createWallStore>) {
  return [store.organizations.value.value, store.fullMembers.value.value];
}

describe('startWallFeed', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('subscribes to both streams at once and reads the snapshot when connected', async () => {
    const wall = setUp('320000');
    expect(wall.isSubscribed('CoverageStatsChanged')).toBe(true);
    expect(wall.isSubscribed('MemberStatsChanged')).toBe(true);
    expect(wall.snapshotRequests).toHaveLength(0);

    wall.connect();
    await settle();
    expect(wall.snapshotRequests).toHaveLength(1);
    expect(wall.snapshotRequests[0]?.variables).toEqual({ regionCode: '320000' });
    expect(wall.store.state.value).toBe('reconnecting');

    wall.snapshotRequests[0]?.reply(['10', 500], ['20', 3000]);
    await settle();
    expect(shown(wall.store)).toEqual([500, 3000]);
    expect(wall.store.state.value).toBe('live');
  });

  it('with readAtStart shows the figures before the socket is up, and turns live only after a read since', async () => {
    const wall = setUp(null, true);
    await settle();
    expect(wall.snapshotRequests).toHaveLength(1);
    wall.snapshotRequests[0]?.reply(['10', 500], ['20', 3000]);
    await settle();
    expect(shown(wall.store)).toEqual([500, 3000]);
    expect(wall.store.state.value).not.toBe('live');

    wall.connect();
    await settle();
    expect(wall.snapshotRequests).toHaveLength(2);
    wall.snapshotRequests[1]?.reply(['11', 501], ['20', 3000]);
    await settle();
    expect(shown(wall.store)).toEqual([501, 3000]);
    expect(wall.store.state.value).toBe('live');
  });

  it('applies stream events with newer versions only, whatever order they come in', async () => {
    const wall = setUp();
    wall.connect();
    await settle();

    // an event overtakes the snapshot it is newer than
    wall.organizationsEvent('11', 501);
    wall.snapshotRequests[0]?.reply(['10', 500], ['20', 3000]);
    await settle();
    expect(shown(wall.store)).toEqual([501, 3000]);

    wall.fullMembersEvent('20', 9999); // same version: ignored
    wall.fullMembersEvent('19', 2999); // older: ignored
    wall.fullMembersEvent('21', 3001);
    wall.organizationsEvent('12', 502);
    await settle();
    expect(shown(wall.store)).toEqual([502, 3001]);
  });

  it('re-reads the snapshot from the network on every reconnect and keeps only newer versions', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.snapshotRequests[0]?.reply(['10', 500], ['20', 3000]);
    await settle();

    wall.close();
    expect(wall.store.state.value).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(11_000);
    wall.store.tick(); // the view ticks the clock on screen
    expect(wall.store.state.value).toBe('stale');
    expect(wall.store.dataAgeMs.value).toBe(11_000);

    // back: the organizations changed while the wall was away, the members did not
    wall.connect();
    await settle();
    expect(wall.snapshotRequests).toHaveLength(2);
    expect(wall.store.state.value).toBe('stale');
    wall.snapshotRequests[1]?.reply(['14', 520], ['20', 3000]);
    await settle();
    expect(shown(wall.store)).toEqual([520, 3000]);
    expect(wall.store.state.value).toBe('live');
  });

  it('never lets a late snapshot take the wall back', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.snapshotRequests[0]?.reply(['10', 500], ['20', 3000]);
    await settle();
    wall.fullMembersEvent('25', 3100);

    // the settle read answers with data older than the event already shown
    await vi.advanceTimersByTimeAsync(2_000);
    expect(wall.snapshotRequests).toHaveLength(2);
    wall.snapshotRequests[1]?.reply(['10', 500], ['24', 3050]);
    await settle();
    expect(shown(wall.store)).toEqual([500, 3100]);
  });

  it('reads once more after the gateway had time to subscribe upstream, then reconciles every minute', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.snapshotRequests[0]?.reply(['1', 1], ['1', 1]);
    await settle();

    await vi.advanceTimersByTimeAsync(1_999);
    expect(wall.snapshotRequests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(wall.snapshotRequests).toHaveLength(2);
    wall.snapshotRequests[1]?.reply(['2', 2], ['1', 1]);
    await settle();
    expect(shown(wall.store)).toEqual([2, 1]);

    await vi.advanceTimersByTimeAsync(58_000);
    expect(wall.snapshotRequests).toHaveLength(3);
    wall.snapshotRequests[2]?.reply(['2', 2], ['1', 1]);
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wall.snapshotRequests).toHaveLength(4);
  });

  it('retries a failed snapshot read and stays out of live until one succeeds', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.snapshotRequests[0]?.fail(new Error('502 Bad Gateway'));
    await settle();
    expect(wall.store.state.value).toBe('reconnecting');
    expect(wall.store.problem.value).toContain('502 Bad Gateway');

    await vi.advanceTimersByTimeAsync(1_000);
    expect(wall.snapshotRequests).toHaveLength(2);
    wall.snapshotRequests[1]?.reply(['3', 30], ['4', 40]);
    await settle();
    expect(wall.store.state.value).toBe('live');
    expect(wall.store.problem.value).toBeNull();
  });

  it('drops snapshot retries of a connection that closed', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.snapshotRequests[0]?.fail(new Error('boom'));
    await settle();
    wall.close();

    await vi.advanceTimersByTimeAsync(30_000);
    expect(wall.snapshotRequests).toHaveLength(1);
    wall.store.tick();
    expect(wall.store.state.value).toBe('stale');
  });

  it('does not turn live from a snapshot answered after the socket closed', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.close();
    wall.snapshotRequests[0]?.reply(['5', 50], ['6', 60]);
    await settle();
    expect(shown(wall.store)).toEqual([50, 60]); // newer figures are still worth showing
    expect(wall.store.state.value).toBe('reconnecting');
  });

  it('resubscribes a stream the server ended and resyncs before it is live again', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.snapshotRequests[0]?.reply(['10', 500], ['20', 3000]);
    await settle();
    await vi.advanceTimersByTimeAsync(2_000);
    wall.snapshotRequests[1]?.reply(['10', 500], ['20', 3000]);
    await settle();
    expect(wall.store.state.value).toBe('live');

    // e.g. the party-work subgraph restarted behind a gateway that stayed up
    wall.stream('MemberStatsChanged').error(new Error('upstream closed'));
    await settle();
    expect(wall.store.state.value).toBe('reconnecting');
    expect(wall.isSubscribed('MemberStatsChanged')).toBe(false);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(wall.subscribeCount.get('MemberStatsChanged')).toBe(2);
    expect(wall.subscribeCount.get('CoverageStatsChanged')).toBe(1);
    expect(wall.store.state.value).toBe('reconnecting');

    await vi.advanceTimersByTimeAsync(2_000);
    expect(wall.snapshotRequests).toHaveLength(3);
    wall.snapshotRequests[2]?.reply(['10', 500], ['23', 3003]);
    await settle();
    expect(shown(wall.store)).toEqual([500, 3003]);
    expect(wall.store.state.value).toBe('live');

    wall.fullMembersEvent('24', 3004);
    expect(shown(wall.store)).toEqual([500, 3004]);
  });

  it('resubscribes a stream that completed', async () => {
    const wall = setUp();
    wall.stream('CoverageStatsChanged').complete();
    await settle();
    expect(wall.isSubscribed('CoverageStatsChanged')).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wall.subscribeCount.get('CoverageStatsChanged')).toBe(2);
    wall.organizationsEvent('1', 7);
    expect(wall.store.organizations.value.value).toBe(7);
  });

  it('stops following everything when stopped', async () => {
    const wall = setUp();
    wall.connect();
    await settle();
    wall.stop();
    await settle();
    expect(wall.isSubscribed('CoverageStatsChanged')).toBe(false);
    expect(wall.isSubscribed('MemberStatsChanged')).toBe(false);

    wall.connect();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(wall.snapshotRequests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows another region on the same socket: its snapshot at once, the state still live', async () => {
    const wall = setUp(null);
    wall.connect();
    await settle();
    wall.snapshotRequests[0]?.reply(['10', 500], ['20', 3000]);
    await settle();
    expect(wall.store.state.value).toBe('live');

    const stop = wall.switchRegion('330000');
    expect(shown(wall.store)).toEqual([null, null]);
    await settle();
    expect(wall.snapshotRequests.at(-1)?.variables).toEqual({ regionCode: '330000' });
    expect(wall.store.state.value).toBe('live');
    // the new region's versions start lower than the old region's: they still show
    wall.snapshotRequests.at(-1)?.reply(['3', 40], ['2', 300]);
    await settle();
    expect(shown(wall.store)).toEqual([40, 300]);
    stop();
  });
});
