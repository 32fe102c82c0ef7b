import type { TypedDocumentNode } from '@apollo/client/core';
import { getOperationName } from '@apollo/client/utilities';
import { onScopeDispose, type ShallowRef, shallowRef, watch } from 'vue';
import { t } from '@/i18n';
import { backoffDelay } from '@/utils/backoff';
import { isNewerVersion } from '@/utils/version';
import { useWallContext } from '@/wall/context';

/** `loading` before the first answer, `ready` with data, `empty` when the server could not answer. */
export type PanelStatus = 'loading' | 'ready' | 'empty';

/** Options of {@link usePanelQuery}. */
export interface PanelQueryOptions<TData, TVars> {
  query: TypedDocumentNode<TData, TVars>;
  /** Read reactively: the snapshot is read again (and what is shown dropped) when they change. */
  variables: () => TVars;
  /** While true nothing is read and the panel is empty (a national wall has no region to name). */
  skip?: () => boolean;
  /** The stream version of a snapshot; a snapshot older than what is shown is ignored. */
  version?: (data: TData) => string | null | undefined;
  /**
   * Re-reads while connected, for figures without a subscription and for missed pub/sub messages.
   * @default 60_000
   */
  reconcileEveryMs?: number;
  /**
   * After a (re)connect, when to read once more: the gateway subscribes upstream asynchronously.
   * @default 2_000
   */
  settleMs?: number;
  /**
   * Fewest milliseconds between two reads asked for by {@link PanelQuery.refresh}.
   * @default 1_000
   */
  minRefreshMs?: number;
  /**
   * Longest wait before reading again after a failure; a field the server lacks today may be
   * there after the next deploy, so the panel keeps asking, slowly.
   * @default 30_000
   */
  retryCapMs?: number;
  /**
   * Told of every snapshot read that succeeded, with the connection (`WallConnection.epoch`) it
   * began in: the headline's figures tell the connection state they are in step.
   */
  onAnswered?: (epoch: number) => void;
}

export interface PanelQuery<TData> {
  data: Readonly<ShallowRef<TData | null>>;
  status: Readonly<ShallowRef<PanelStatus>>;
  /** Reads again soon (at most once per `minRefreshMs`), e.g. because an event says it changed. */
  refresh(): void;
  /** Shows `next` if its version is newer than the one shown (a subscription's whole new figure). */
  apply(next: TData): boolean;
  /** Reads again `settleMs` from now: its stream was started again, and the gateway subscribes upstream asynchronously. */
  resync(): void;
}

/**
 * One panel's snapshot: read on mount, on every socket (re)connect unless a read is in flight (and
 * in any case `settleMs` later), every
 * `reconcileEveryMs`, and on {@link PanelQuery.refresh}. A failure empties only this panel, which then
 * shows 暂无数据 and retries with backoff; other panels do not notice.
 */
export function usePanelQuery<TData, TVars>(options: PanelQueryOptions<TData, TVars>): PanelQuery<TData> {
  const { apollo, connection } = useWallContext();
  const reconcileEveryMs = options.reconcileEveryMs ?? 60_000;
  const settleMs = options.settleMs ?? 2_000;
  const minRefreshMs = options.minRefreshMs ?? 1_000;
  const retryCapMs = options.retryCapMs ?? 30_000;

  const data = shallowRef<TData | null>(null);
  const status = shallowRef<PanelStatus>('loading');
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let disposed = false;
  /** bumped when the variables change, so an answer for the old region is dropped */
  let generation = 0;
  let reading = false;
  let readAgain = false;
  let failures = 0;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const after = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!disposed) run();
    }, ms);
    timers.add(timer);
    return timer;
  };
  /** A cancelled timer leaves the set too: a wall that rotates regions for days would otherwise keep them all. */
  const cancel = (timer: ReturnType<typeof setTimeout> | undefined) => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.delete(timer);
  };

  function apply(next: TData): boolean {
    const version = options.version;
    if (version && data.value !== null && !isNewerVersion(version(next), version(data.value))) return false;
    data.value = next;
    status.value = 'ready';
    return true;
  }

  async function read(): Promise<void> {
    if (disposed || options.skip?.()) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    readAgain = false;
    lastReadAt = Date.now();
    const started = generation;
    const epoch = connection.epoch;
    try {
      const result = await apollo.query({
        query: options.query,
        variables: options.variables() as never,
        // always the server's answer, and nothing kept in Apollo's cache: a wall reads for days
        fetchPolicy: 'no-cache',
        errorPolicy: 'none',
      });
      if (disposed || started !== generation) return;
      failures = 0;
      if (result.data) {
        apply(result.data as TData);
        options.onAnswered?.(epoch);
      }
    } catch {
      if (disposed || started !== generation) return;
      // keep what is shown if there is something; a panel that never had data says 暂无数据; and tell
      // whoever looks after the wall, since a figure kept on screen may be growing old
      if (data.value === null) status.value = 'empty';
      connection.report(t('problem.read', { operation: getOperationName(options.query) ?? '—' }));
      cancel(retryTimer);
      retryTimer = after(backoffDelay(failures++, { capMs: retryCapMs }), () => void read());
    } finally {
      reading = false;
      if (readAgain && !disposed) void read();
    }
  }

  function refresh(): void {
    if (refreshTimer !== undefined) return;
    const wait = Math.max(0, lastReadAt + minRefreshMs - Date.now());
    refreshTimer = after(wait, () => {
      refreshTimer = undefined;
      void read();
    });
  }

  let reconcileTimer: ReturnType<typeof setTimeout> | undefined;
  const reconcile = () => {
    cancel(reconcileTimer);
    reconcileTimer = after(reconcileEveryMs, () => {
      void read();
      reconcile();
    });
  };

  const stopConnected = connection.onConnected(() => {
    // a read still in flight (the one on mount, when the socket comes up as the wall opens) is not
    // followed by another at once: the read `settleMs` later is after the socket came up and after
    // the gateway subscribed upstream, so it sees whatever the one in flight missed
    if (!reading) void read();
    after(settleMs, () => void read());
    reconcile();
  });

  watch(
    () => [options.variables(), options.skip?.()],
    () => {
      generation++;
      failures = 0;
      data.value = null;
      status.value = options.skip?.() ? 'empty' : 'loading';
      reading = false;
      void read();
      reconcile();
    },
    { immediate: true, deep: true },
  );

  onScopeDispose(() => {
    disposed = true;
    stopConnected();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });

  const resync = () => void after(settleMs, () => void read());

  return { data, status, refresh, apply, resync };
}
