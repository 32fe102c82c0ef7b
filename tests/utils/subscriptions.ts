import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client to the gateway that collects what one subscription delivers. */
export function subscribe<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): {
  client: Client;
  events: T[];
  errors: unknown[];
  next(timeoutMs?: number): Promise<T>;
  ready: Promise<void>;
  close(): Promise<void>;
} {
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    on: { connected: () => markReady() },
  });
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: Array<(value: T) => void> = [];
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        // an operation refused (FORBIDDEN, a bad argument) arrives as a result with errors and no data
        if (value.errors) errors.push(...value.errors);
        if (value.data == null) return;
        const data = value.data as T;
        const waiter = waiters.shift();
        if (waiter) waiter(data);
        else events.push(data);
      },
      error: (error) => errors.push(error),
      complete: () => {},
    },
  );
  return {
    client,
    events,
    errors,
    ready,
    next(timeoutMs = 5000) {
      const queued = events.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise<T>((resolve, reject) => {
        const waiter = (value: T) => {
          clearTimeout(timer);
          resolve(value);
        };
        // a waiter that gave up leaves the queue, so a later event is kept for the next call, not lost
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no event within ${timeoutMs} ms; errors: ${JSON.stringify(errors)}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async close() {
      await client.dispose();
    },
  };
}
