import { computed, type InjectionKey, inject, shallowRef } from 'vue';

/** What the wall tells its viewers about its figures: 实时 live, 重连中 reconnecting, 数据已过时 stale. */
export type ConnectionState = 'live' | 'reconnecting' | 'stale';

/** One figure as shown, with the version of the stream it came from; `null` until the first value. */
export interface VersionedFigure {
  readonly value: number | null;
  readonly version: bigint | null;
}

/** Options of {@link createWallStore}. */
export interface WallStoreOptions {
  /** 6-digit region code the wall shows; `null` is national. */
  regionCode?: string | null;
  /**
   * How long the wall may be out of touch before its figures are called stale.
   * @default 10_000
   */
  staleAfterMs?: number;
  /**
   * The clock, injectable so tests need no timers.
   * @default Date.now
   */
  now?: () => number;
}

const DECIMAL_INTEGER = /^\d+$/;
const EMPTY: VersionedFigure = Object.freeze({ value: null, version: null });

/**
 * The wall's state without any network: two versioned figures and the connection state.
 *
 * The figures are "live" only while the socket is up and a snapshot has been applied since it came
 * up (and the feed has every stream running); from the moment that stops being true the wall counts
 * how long it has been out of touch, which is both the stale rule and the age shown.
 */
export function createWallStore(options: WallStoreOptions = {}) {
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 10_000;

  const region = shallowRef<string | null>(options.regionCode ?? null);
  const clock = shallowRef(now());
  const organizations = shallowRef<VersionedFigure>(EMPTY);
  const fullMembers = shallowRef<VersionedFigure>(EMPTY);
  const linkUp = shallowRef(false);
  const synced = shallowRef(false);
  // page load counts as "out of touch since": a wall that never connects turns stale too
  const outOfTouchSince = shallowRef(clock.value);
  const lastLiveAt = shallowRef<number | null>(null);
  const problem = shallowRef<string | null>(null);

  const live = computed(() => linkUp.value && synced.value);
  const state = computed<ConnectionState>(() => {
    if (live.value) return 'live';
    return clock.value - outOfTouchSince.value > staleAfterMs ? 'stale' : 'reconnecting';
  });
  /** Milliseconds since the figures were last known current; `null` before they ever were. */
  const dataAgeMs = computed(() => {
    if (live.value) return 0;
    return lastLiveAt.value === null ? null : Math.max(0, clock.value - lastLiveAt.value);
  });

  function transition(change: () => void): void {
    const wasLive = live.value;
    change();
    clock.value = now();
    if (wasLive && !live.value) {
      outOfTouchSince.value = clock.value;
      lastLiveAt.value = clock.value;
    }
    if (!wasLive && live.value) problem.value = null;
  }

  function apply(figure: typeof organizations, version: string, value: number): boolean {
    if (!DECIMAL_INTEGER.test(version) || !Number.isSafeInteger(value) || value < 0) return false;
    const incoming = BigInt(version);
    const shown = figure.value.version;
    if (shown !== null && incoming <= shown) return false;
    figure.value = Object.freeze({ value, version: incoming });
    return true;
  }

  return {
    /** 6-digit code of the region shown; `null` is national. Reactive. */
    get regionCode(): string | null {
      return region.value;
    },
    /** Shows another region: its figures start empty, since versions belong to one region's streams. */
    setRegion(code: string | null): void {
      if (code === region.value) return;
      region.value = code;
      organizations.value = EMPTY;
      fullMembers.value = EMPTY;
    },
    organizations: computed(() => organizations.value),
    fullMembers: computed(() => fullMembers.value),
    state,
    dataAgeMs,
    problem: computed(() => problem.value),

    /** 社会组织: shows `value` if `version` is newer than the shown one; returns whether it did. */
    applyOrganizations(version: string, value: number): boolean {
      return apply(organizations, version, value);
    },
    /** 正式党员: shows `value` if `version` is newer than the shown one; returns whether it did. */
    applyFullMembers(version: string, value: number): boolean {
      return apply(fullMembers, version, value);
    },
    /** The socket is up (first connect or reconnect); the figures wait for a snapshot to be live. */
    connected(): void {
      transition(() => {
        linkUp.value = true;
        synced.value = false;
      });
    },
    /** The socket is down; updates may be missed from now on. */
    disconnected(): void {
      transition(() => {
        linkUp.value = false;
        synced.value = false;
      });
    },
    /** A snapshot read since the last (re)connect has been applied; ignored while the socket is down. */
    snapshotApplied(): void {
      transition(() => {
        if (linkUp.value) synced.value = true;
      });
    },
    /** A stream ended while the socket stayed up; the figures are no longer followed until resynced. */
    streamLost(): void {
      transition(() => {
        synced.value = false;
      });
    },
    /** Records what went wrong last, for the people looking after the wall. */
    report(message: string | null): void {
      problem.value = message;
    },
    /** Advances the clock the stale rule and the age are computed from. */
    tick(): void {
      clock.value = now();
    },
  };
}

export type WallStore = ReturnType<typeof createWallStore>;

export const wallStoreKey: InjectionKey<WallStore> = Symbol('wallStore');

/** The wall store provided by the app (`app.provide(wallStoreKey, createWallStore(…))`). */
export function useWallStore(): WallStore {
  const store = inject(wallStoreKey);
  if (!store) throw new Error('useWallStore() needs a store: app.provide(wallStoreKey, createWallStore())');
  return store;
}
