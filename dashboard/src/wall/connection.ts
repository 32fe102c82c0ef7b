import { computed, shallowRef } from 'vue';

/** What the wall tells its viewers about its figures: 实时 live, 重连中 reconnecting, 数据已过时 stale. */
export type ConnectionState = 'live' | 'reconnecting' | 'stale';

/** Options of {@link createWallConnection}. */
export interface WallConnectionOptions {
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

/**
 * A figure whose freshness the connection state stands for (the headline's): it is in step when a
 * snapshot read since the socket last came up has been applied and its stream has not ended since.
 */
export interface FigureLink {
  /** A snapshot read begun in connection `epoch` was applied; counts only if that connection is up still. */
  synced(epoch: number): void;
  /** Its stream ended while the socket stayed up: it may miss changes until read again. */
  lost(): void;
  release(): void;
}

/**
 * The socket's comings and goings, and from them the connection state the wall shows.
 *
 * The figures are live only while the socket is up and every figure that carries the state is in step
 * ({@link FigureLink}); from the moment that stops being true the wall counts how long it has been out
 * of touch, which is both the stale rule and the age shown.
 */
export function createWallConnection(options: WallConnectionOptions = {}) {
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 10_000;

  const clock = shallowRef(now());
  const up = shallowRef(false);
  /** bumped on every connect and close, so a read answered across either is told apart */
  let epoch = 0;
  const inStep = shallowRef(new Map<object, boolean>());
  // page load counts as "out of touch since": a wall that never connects turns stale too
  const outOfTouchSince = shallowRef(clock.value);
  const lastLiveAt = shallowRef<number | null>(null);
  const problem = shallowRef<string | null>(null);
  const listeners = new Set<() => void>();

  const live = computed(
    () => up.value && inStep.value.size > 0 && [...inStep.value.values()].every((synced) => synced),
  );
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
  const mark = (link: object, synced: boolean) => {
    if (!inStep.value.has(link) || inStep.value.get(link) === synced) return;
    transition(() => {
      inStep.value = new Map(inStep.value).set(link, synced);
    });
  };
  const markAll = (synced: boolean) =>
    new Map([...inStep.value.keys()].map((link): [object, boolean] => [link, synced]));

  return {
    state,
    dataAgeMs,
    problem: computed(() => problem.value),
    /** The connection a read begun now belongs to. */
    get epoch(): number {
      return epoch;
    },
    /** The socket is up (first connect or reconnect): every figure waits for a snapshot read since. */
    connected(): void {
      epoch++;
      transition(() => {
        up.value = true;
        inStep.value = markAll(false);
      });
      for (const listener of [...listeners]) listener();
    },
    /** The socket is down; changes may be missed from now on. */
    closed(): void {
      epoch++;
      transition(() => {
        up.value = false;
        inStep.value = markAll(false);
      });
    },
    /** Calls `listener` on every (re)connect; returns the function that stops it. */
    onConnected(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A figure the state stands for, from now until it is released. */
    follow(): FigureLink {
      const link = {};
      transition(() => {
        inStep.value = new Map(inStep.value).set(link, false);
      });
      return {
        synced: (readEpoch) => {
          if (readEpoch === epoch && up.value) mark(link, true);
        },
        lost: () => mark(link, false),
        release: () =>
          transition(() => {
            const next = new Map(inStep.value);
            next.delete(link);
            inStep.value = next;
          }),
      };
    },
    /** Records what went wrong last, for the people looking after the wall; cleared once live. */
    report(message: string | null): void {
      problem.value = message;
    },
    /** Advances the clock the stale rule and the age are computed from. */
    tick(): void {
      clock.value = now();
    },
  };
}

export type WallConnection = ReturnType<typeof createWallConnection>;
