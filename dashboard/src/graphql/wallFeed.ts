import type { ApolloClient, TypedDocumentNode } from '@apollo/client/core';
import type { Client } from 'graphql-ws';
import type { WallStore } from '@/stores/useWallStore';
import { backoffDelay } from '@/utils/backoff';
import { CoverageStatsChanged, MemberStatsChanged, type RegionVariables, WallFigures } from './operations';

/** Options of {@link startWallFeed}. */
export interface WallFeedOptions {
  store: WallStore;
  /** Queries go over HTTP, subscriptions over {@link socket}. */
  apollo: ApolloClient<unknown>;
  /** The graphql-ws client under `apollo`'s subscriptions; only its events are used here. */
  socket: Pick<Client, 'on'>;
  /**
   * After (re)subscribing, when to read the snapshot once more: the gateway opens its upstream
   * subscription asynchronously, and a change published before that would otherwise stay unseen.
   * @default 2_000
   */
  settleMs?: number;
  /**
   * How often to re-read the snapshot while connected; subscriptions ride on Redis pub/sub, which
   * drops messages when a subscriber reconnects, so this bounds how long a missed update can show.
   * @default 60_000
   */
  reconcileEveryMs?: number;
  /** @default backoffDelay */
  retryDelay?: (attempt: number) => number;
  /**
   * The socket is up already (the feed is restarted for another region): read the snapshot at once
   * instead of waiting for the next reconnect, keeping the connection state as it is.
   * @default false
   */
  alreadyConnected?: boolean;
  /**
   * Reads the snapshot once at start as well, without waiting for the socket: the figures show as
   * soon as the server answers rather than after the socket's handshake. The wall still turns live
   * only on a snapshot read after the socket came up; a failure here is left to that read.
   * @default false
   */
  readAtStart?: boolean;
}

/**
 * Keeps `store` current: follows both statistics streams and, on every `connected` event (first
 * connect and each reconnect), re-reads the snapshot over the network. Versions decide what is
 * shown, so the order in which snapshots and events arrive does not matter. Returns a stop function.
 */
export function startWallFeed(options: WallFeedOptions): () => void {
  const { store, apollo, socket } = options;
  const settleMs = options.settleMs ?? 2_000;
  const reconcileEveryMs = options.reconcileEveryMs ?? 60_000;
  const retryDelay = options.retryDelay ?? ((attempt: number) => backoffDelay(attempt));
  const variables: RegionVariables = { regionCode: store.regionCode };

  const feed = new Scope();
  /** Timers and snapshot reads of the current socket connection; replaced on every connect. */
  let link: Link | null = null;
  /** Streams that ended and wait to be restarted; the figures are not live meanwhile. */
  const streamsDown = new Set<string>();

  class Link extends Scope {
    private reading = false;
    private readAgain = false;

    /** Reads the snapshot now, or right after the read in flight (which may predate the reason). */
    resync(): void {
      if (!this.active) return;
      if (this.reading) {
        this.readAgain = true;
        return;
      }
      this.reading = true;
      void this.read().finally(() => {
        this.reading = false;
      });
    }

    private async read(): Promise<void> {
      for (let attempt = 0; this.active; ) {
        this.readAgain = false;
        try {
          const { data } = await apollo.query({ query: WallFigures, variables, fetchPolicy: 'network-only' });
          if (!feed.active) return;
          store.applyOrganizations(data.coverageStats.version, data.coverageStats.organizations);
          store.applyFullMembers(data.memberStats.version, data.memberStats.fullMembers);
          if (this.readAgain) continue;
          if (this.active && streamsDown.size === 0) store.snapshotApplied();
          return;
        } catch (error) {
          if (!feed.active) return;
          store.report(`快照读取失败：${describe(error)}`);
          await this.wait(retryDelay(attempt++));
        }
      }
    }
  }

  function follow<TData>(
    name: string,
    query: TypedDocumentNode<TData, RegionVariables>,
    apply: (data: TData) => void,
  ): void {
    let attempt = 0;
    let subscription: { unsubscribe(): void } | null = null;
    feed.onCancel(() => subscription?.unsubscribe());
    const lost = (why: string) => {
      if (!feed.active) return;
      streamsDown.add(name);
      store.streamLost();
      store.report(`${name}：${why}`);
      feed.after(retryDelay(attempt++), () => {
        streamsDown.delete(name);
        start();
        link?.after(settleMs, () => link?.resync());
      });
    };
    const start = () => {
      // graphql-ws keeps a subscription across reconnects by itself; it only ends here when the
      // server completes or errors it, or the socket closed with a code graphql-ws treats as fatal
      subscription = apollo.subscribe({ query, variables, fetchPolicy: 'no-cache' }).subscribe({
        next: (result) => {
          attempt = 0;
          if (result.data) apply(result.data);
        },
        error: (error: unknown) => lost(describe(error)),
        complete: () => lost('订阅已结束'),
      });
    };
    start();
  }

  /** `socketCameUp` false: the same socket, another region; the state shown need not drop. */
  const onConnected = (socketCameUp = true) => {
    link?.cancel();
    const current = new Link();
    link = current;
    if (socketCameUp) store.connected();
    current.resync();
    current.after(settleMs, () => current.resync());
    const reconcile = () => {
      current.resync();
      current.after(reconcileEveryMs, reconcile);
    };
    current.after(reconcileEveryMs, reconcile);
  };
  const unlisten = [
    socket.on('connected', () => onConnected()),
    socket.on('closed', (event) => {
      link?.cancel();
      link = null;
      store.disconnected();
      store.report(`连接已断开${closeCode(event)}`);
    }),
  ];

  follow('coverageStatsChanged', CoverageStatsChanged, ({ coverageStatsChanged: figure }) => {
    store.applyOrganizations(figure.version, figure.organizations);
  });
  follow('memberStatsChanged', MemberStatsChanged, ({ memberStatsChanged: figure }) => {
    store.applyFullMembers(figure.version, figure.fullMembers);
  });
  if (options.alreadyConnected) onConnected(false);
  else if (options.readAtStart) {
    apollo.query({ query: WallFigures, variables, fetchPolicy: 'network-only' }).then(
      ({ data }) => {
        if (!feed.active) return;
        store.applyOrganizations(data.coverageStats.version, data.coverageStats.organizations);
        store.applyFullMembers(data.memberStats.version, data.memberStats.fullMembers);
      },
      () => {},
    );
  }

  return () => {
    for (const off of unlisten) off();
    link?.cancel();
    feed.cancel();
  };
}

/** Timers that die together; `active` turns false on cancel. */
class Scope {
  active = true;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly cleanups: Array<() => void> = [];

  after(ms: number, run: () => void): void {
    if (!this.active) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.active) run();
    }, ms);
    this.timers.add(timer);
  }

  /** Resolves after `ms`, or never if cancelled first. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  onCancel(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  cancel(): void {
    this.active = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function closeCode(event: unknown): string {
  if (typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number') {
    return `（${event.code}）`;
  }
  return '';
}
