import { describe, expect, it } from 'vitest';
import { createWallStore } from '../useWallStore';

function storeWithClock(start = 1_000_000) {
  let now = start;
  const store = createWallStore({ now: () => now });
  return {
    store,
    advance(ms: number) {
      now += ms;
      store.tick();
    },
  };
}

describe('versioned figures', () => {
  it('shows the first value it gets', () => {
    const { store } = storeWithClock();
    expect(store.organizations.value).toEqual({ value: null, version: null });

    expect(store.applyOrganizations('5', 1200)).toBe(true);
    expect(store.organizations.value).toEqual({ value: 1200, version: 5n });
  });

  it('applies a newer version and ignores an equal or older one', () => {
    const { store } = storeWithClock();
    store.applyFullMembers('10', 300);

    expect(store.applyFullMembers('10', 999)).toBe(false);
    expect(store.applyFullMembers('9', 111)).toBe(false);
    expect(store.fullMembers.value).toEqual({ value: 300, version: 10n });

    expect(store.applyFullMembers('11', 301)).toBe(true);
    expect(store.fullMembers.value).toEqual({ value: 301, version: 11n });
  });

  it('compares versions as integers, beyond what a double holds', () => {
    const { store } = storeWithClock();
    store.applyOrganizations('9', 1);
    expect(store.applyOrganizations('10', 2)).toBe(true); // "10" < "9" as strings

    store.applyOrganizations('9007199254740993', 3);
    // equal to the previous one once rounded to a double, but older
    expect(store.applyOrganizations('9007199254740992', 4)).toBe(false);
    expect(store.organizations.value).toEqual({ value: 3, version: 9007199254740993n });
  });

  it('keeps the two streams apart', () => {
    const { store } = storeWithClock();
    store.applyOrganizations('100', 50);
    expect(store.applyFullMembers('1', 7)).toBe(true);
    expect(store.organizations.value.value).toBe(50);
    expect(store.fullMembers.value.value).toBe(7);
  });

  it('ignores malformed versions and values', () => {
    const { store } = storeWithClock();
    store.applyOrganizations('3', 10);
    for (const version of ['', '-4', '4.5', '1e9', 'abc', ' 7']) {
      expect(store.applyOrganizations(version, 11)).toBe(false);
    }
    expect(store.applyOrganizations('4', -1)).toBe(false);
    expect(store.applyOrganizations('4', 1.5)).toBe(false);
    expect(store.organizations.value).toEqual({ value: 10, version: 3n });
  });
});

describe('connection state', () => {
  it('is reconnecting before the first connection, then stale after 10 s without one', () => {
    const { store, advance } = storeWithClock();
    expect(store.state.value).toBe('reconnecting');
    advance(10_000);
    expect(store.state.value).toBe('reconnecting');
    advance(1);
    expect(store.state.value).toBe('stale');
    expect(store.dataAgeMs.value).toBeNull();
  });

  it('is live only once a snapshot has been applied on a connected socket', () => {
    const { store } = storeWithClock();
    store.snapshotApplied(); // no socket yet: ignored
    expect(store.state.value).toBe('reconnecting');

    store.connected();
    expect(store.state.value).toBe('reconnecting');
    store.snapshotApplied();
    expect(store.state.value).toBe('live');
    expect(store.dataAgeMs.value).toBe(0);
  });

  it('goes reconnecting on disconnect, stale after 10 s, and counts the age from the disconnect', () => {
    const { store, advance } = storeWithClock();
    store.connected();
    store.snapshotApplied();
    advance(60_000); // a minute of live data

    store.disconnected();
    expect(store.state.value).toBe('reconnecting');
    expect(store.dataAgeMs.value).toBe(0);

    advance(9_000);
    expect(store.state.value).toBe('reconnecting');
    expect(store.dataAgeMs.value).toBe(9_000);

    advance(3_000);
    expect(store.state.value).toBe('stale');
    expect(store.dataAgeMs.value).toBe(12_000);

    advance(60_000);
    expect(store.dataAgeMs.value).toBe(72_000);
  });

  it('needs a new snapshot after a reconnect before it is live again', () => {
    const { store, advance } = storeWithClock();
    store.connected();
    store.snapshotApplied();
    store.disconnected();
    advance(15_000);
    expect(store.state.value).toBe('stale');

    store.connected();
    // the socket is back but the figures may have missed updates: still stale, still aging
    expect(store.state.value).toBe('stale');
    advance(1_000);
    expect(store.dataAgeMs.value).toBe(16_000);

    store.snapshotApplied();
    expect(store.state.value).toBe('live');
    expect(store.dataAgeMs.value).toBe(0);
  });

  it('starts a fresh stale countdown on each disconnect', () => {
    const { store, advance } = storeWithClock();
    store.connected();
    store.snapshotApplied();
    store.disconnected();
    advance(20_000);
    store.connected();
    store.snapshotApplied();
    advance(5_000);

    store.disconnected();
    advance(5_000);
    expect(store.state.value).toBe('reconnecting');
    expect(store.dataAgeMs.value).toBe(5_000);
  });

  it('leaves live when a stream is lost while the socket stays up', () => {
    const { store, advance } = storeWithClock();
    store.connected();
    store.snapshotApplied();

    store.streamLost();
    expect(store.state.value).toBe('reconnecting');
    advance(11_000);
    expect(store.state.value).toBe('stale');

    store.snapshotApplied();
    expect(store.state.value).toBe('live');
  });

  it('keeps the last problem until the figures are live again', () => {
    const { store } = storeWithClock();
    store.report('连接已断开（1006）');
    expect(store.problem.value).toBe('连接已断开（1006）');
    store.connected();
    expect(store.problem.value).toBe('连接已断开（1006）');
    store.snapshotApplied();
    expect(store.problem.value).toBeNull();
  });

  it('honours a custom stale threshold', () => {
    let now = 0;
    const store = createWallStore({ now: () => now, staleAfterMs: 3_000 });
    now = 3_001;
    store.tick();
    expect(store.state.value).toBe('stale');
  });
});
