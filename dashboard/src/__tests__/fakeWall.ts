import { getOperationName } from '@apollo/client/utilities';
import type { DocumentNode } from 'graphql';
import { defineComponent, h } from 'vue';
import type { WallParams } from '@/config';
import { createWallConnection, type WallConnection } from '@/wall/connection';
import { createWallContext, wallContextKey } from '@/wall/context';
import { createWallNavigation } from '@/wall/navigation';

/** What a query answers: data, an error (a field the server lacks), or either from the variables. */
export type Answer = object | Error | ((variables: Record<string, unknown>) => object | Error);

interface Sink {
  next(result: { data?: unknown; errors?: unknown[] }): void;
  error(error: unknown): void;
  complete(): void;
}

const operationName = (query: DocumentNode): string => getOperationName(query) ?? '';

/**
 * A wall without a network: queries answered from `answers` by operation name (no answer = the
 * server refuses it), subscriptions the test feeds by hand, a socket that connects on request.
 */
export function createFakeWall(
  options: {
    answers?: Record<string, Answer>;
    params?: Partial<WallParams>;
    connection?: WallConnection;
  } = {},
) {
  const answers = new Map(Object.entries(options.answers ?? {}));
  const queries: Array<{ name: string; variables: Record<string, unknown> }> = [];
  const streams = new Map<string, Set<Sink>>();
  /** each subscription's `errorPolicy`, which decides what an event with errors does to it */
  const errorPolicies = new WeakMap<Sink, string>();
  const params: WallParams = {
    token: null,
    regionCode: null,
    kiosk: false,
    rotateSeconds: null,
    ...options.params,
  };
  const navigation = createWallNavigation(params.regionCode);
  const connection = options.connection ?? createWallConnection();

  const apollo = {
    query: async ({ query, variables }: { query: DocumentNode; variables?: Record<string, unknown> }) => {
      const name = operationName(query);
      queries.push({ name, variables: variables ?? {} });
      await Promise.resolve();
      const answer = answers.get(name);
      const result = typeof answer === 'function' ? answer(variables ?? {}) : answer;
      if (result === undefined) throw new Error(`Cannot query field for ${name}`);
      if (result instanceof Error) throw result;
      return { data: structuredClone(result), loading: false, networkStatus: 7 };
    },
    subscribe: ({ query, errorPolicy }: { query: DocumentNode; errorPolicy?: string }) => ({
      subscribe(sink: Sink) {
        const name = operationName(query);
        const set = streams.get(name) ?? new Set();
        streams.set(name, set);
        set.add(sink);
        errorPolicies.set(sink, errorPolicy ?? 'none');
        return { unsubscribe: () => set.delete(sink) };
      },
    }),
  };

  const context = createWallContext({
    apollo: apollo as unknown as Parameters<typeof createWallContext>[0]['apollo'],
    connection,
    navigation,
    params,
  });
  /** listeners on the socket's connects, as many as the panels' reads have registered */
  const listeners = new Set<() => void>();
  const onConnected = connection.onConnected;
  connection.onConnected = (listener) => {
    listeners.add(listener);
    const stop = onConnected(listener);
    return () => {
      listeners.delete(listener);
      stop();
    };
  };

  return {
    context,
    connection,
    navigation,
    queries,
    /** Answers `name` from now on with `answer`. */
    answer(name: string, answer: Answer) {
      answers.set(name, answer);
    },
    /**
     * Sends one event on every open subscription named `name`. An event with `errors` ends a
     * subscription under the default error policy, as Apollo's does, and reaches one under `all`.
     */
    emit(name: string, data: object, errors?: Array<{ message: string }>) {
      const open = streams.get(name) ?? new Set();
      for (const sink of [...open]) {
        if (errors?.length && errorPolicies.get(sink) !== 'all') {
          // an observable that errored is closed
          open.delete(sink);
          sink.error(new Error(errors[0]?.message));
        } else sink.next({ data, errors });
      }
    },
    /** The server ends the subscription with an error. */
    failStream(name: string) {
      const open = streams.get(name) ?? new Set();
      for (const sink of [...open]) {
        open.delete(sink);
        sink.error(new Error('refused'));
      }
    },
    /** How many subscriptions named `name` are open: the wall shares one per stream and scope. */
    openStreams(name: string): number {
      return streams.get(name)?.size ?? 0;
    },
    /** The socket comes up (or back). */
    connect() {
      connection.connected();
    },
    /** The socket goes down. */
    close() {
      connection.closed();
    },
    listenerCount: () => listeners.size,
    /** `global` mounting options that provide this wall. */
    global(extra: { stubs?: Record<string, unknown> } = {}) {
      return {
        provide: { [wallContextKey as symbol]: context },
        stubs: { WallChart: ChartStub, ...extra.stubs },
      };
    },
  };
}

/** Stands in for the ECharts canvas (happy-dom has none); the option is what the test checks. */
export const ChartStub = defineComponent({
  name: 'WallChart',
  props: { option: { type: Object, required: true } },
  emits: ['click'],
  setup(props) {
    return () =>
      h('div', {
        class: 'chart-stub',
        'data-series': JSON.stringify((props.option as { series?: unknown }).series ?? null),
      });
  },
});

/** Lets pending promises (query answers) settle; works with fake timers too. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
