import { isAsyncIterable, mapMaybePromise } from 'graphql-yoga';

/**
 * Subgraph requests that let go of the executor's signal when they are done.
 *
 * The HTTP executor joins each request's abort signal (upstream cancellation: a client that goes away
 * aborts its subgraph calls) with its own long-lived disposal signal, and that join stays registered on
 * the disposal signal until the request's signal is garbage-collected. Under load thousands pile up there,
 * and each new one walks them all (Node's `addEventListener` looks for a duplicate): 6-7% of the gateway's
 * CPU in `pnpm bench gateway`. So each query or mutation gets a signal of its own, which follows the
 * client's and is ended once the answer is in; ending it ends the join and removes it at once.
 * Subscriptions keep the client's signal: there is one per subscription, and it lives as long.
 */

/** The reason a request's own signal ends with once its answer is in: nothing is aborted by then. */
const ANSWERED = Object.freeze({ name: 'Answered', message: 'the subgraph answered' });

interface ExecutionRequestLike {
  operationType?: string;
  signal?: AbortSignal;
  info?: { signal?: AbortSignal };
}

interface Transport {
  getSubgraphExecutor(options: never): unknown;
}

export function releasingSignals<T extends Transport>(transport: T): T {
  return {
    ...transport,
    getSubgraphExecutor(options: never) {
      return mapMaybePromise(transport.getSubgraphExecutor(options), (executor) =>
        releasing(executor as (request: ExecutionRequestLike) => unknown),
      );
    },
  } as T;
}

function releasing(inner: (request: ExecutionRequestLike) => unknown) {
  // the executor is disposable (Symbol.asyncDispose); the wrapper must stay so
  const executor = (request: ExecutionRequestLike) => {
    const clients = request.signal ?? request.info?.signal;
    if (!clients || clients.aborted || request.operationType === 'subscription') return inner(request);
    const own = new AbortController();
    const follow = () => own.abort(clients.reason);
    clients.addEventListener('abort', follow, { once: true });
    const done = () => {
      clients.removeEventListener('abort', follow);
      if (!own.signal.aborted) own.abort(ANSWERED);
    };
    let result: unknown;
    try {
      result = inner({ ...request, signal: own.signal });
    } catch (error) {
      done();
      throw error;
    }
    return mapMaybePromise(
      result,
      (value) => {
        // an incremental answer streams on; its signal goes with it
        if (!isAsyncIterable(value)) done();
        return value;
      },
      (error) => {
        done();
        throw error;
      },
    );
  };
  return Object.assign(executor, pickDisposers(inner));
}

/** The dispose methods of an executor, bound to it, for the wrapper to carry. */
function pickDisposers(inner: object): Record<symbol, () => unknown> {
  const disposers: Record<symbol, () => unknown> = {};
  for (const key of Object.getOwnPropertySymbols(inner)) {
    const value = (inner as Record<symbol, unknown>)[key];
    if (typeof value === 'function') disposers[key] = value.bind(inner);
  }
  return disposers;
}
