import { EventEmitter, on } from 'node:events';
import { DisposableSymbols } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@pb/platform/logger';
import { buildSchema, type GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  SUBSCRIPTION_ENDED_BY_SCHEMA_CHANGE,
  servingUntilIdle,
  useSubscriptionsAcrossReloads,
} from './schema-reload.js';

/** A transport whose one executor answers when told to, and counts its disposals. */
function fakeTransport() {
  const answers: Array<(value: unknown) => void> = [];
  const events = new EventEmitter();
  const state = { disposals: 0 };
  // a query waits for its answer; a subscription yields each `event` (as `on` does, in an array)
  const inner = Object.assign(
    (request: { kind: 'query' | 'subscription' }) =>
      request.kind === 'query' ? new Promise((resolve) => answers.push(resolve)) : on(events, 'event'),
    {
      [DisposableSymbols.asyncDispose]: async () => {
        state.disposals++;
      },
    },
  );
  const transport = servingUntilIdle({ getSubgraphExecutor: (_options: object) => inner });
  const executor = transport.getSubgraphExecutor({}) as (request: unknown) => unknown;
  const dispose = () =>
    (executor as unknown as Record<symbol, () => unknown>)[DisposableSymbols.asyncDispose]?.();
  return { executor, dispose, answers, events, state };
}

describe('servingUntilIdle', () => {
  it('disposes an idle executor at once', async () => {
    const { dispose, state } = fakeTransport();
    await dispose();
    expect(state.disposals).toBe(1);
  });

  it('lets a query in flight finish, then disposes the executor', async () => {
    const { executor, dispose, answers, state } = fakeTransport();
    const answer = executor({ kind: 'query' }) as Promise<unknown>;
    await dispose();
    expect(state.disposals).toBe(0);
    answers[0]?.({ data: { ok: true } });
    expect(await answer).toEqual({ data: { ok: true } });
    expect(state.disposals).toBe(1);
  });

  it('keeps a subscription running through the disposal until it ends', async () => {
    const { executor, dispose, events, state } = fakeTransport();
    const subscription = (executor({ kind: 'subscription' }) as AsyncIterable<unknown>)[
      Symbol.asyncIterator
    ]();
    await dispose();
    events.emit('event', { data: { n: 1 } });
    expect(await subscription.next()).toEqual({ value: [{ data: { n: 1 } }], done: false });
    expect(state.disposals).toBe(0);
    // the client leaves: the upstream subscription is closed, and the executor goes with it
    await subscription.return?.();
    expect(events.listenerCount('event')).toBe(0);
    expect(state.disposals).toBe(1);
  });
});

describe('useSubscriptionsAcrossReloads', () => {
  const logger = { info: () => undefined } as unknown as Logger;

  /** Runs `query` through the plugin's hooks on a stream of `events`; returns what the client reads. */
  function subscribe(query: string, variables: Record<string, unknown>) {
    const plugin = useSubscriptionsAcrossReloads(logger);
    const events = new EventEmitter();
    let stream: AsyncIterator<unknown> | undefined;
    const hooks = plugin.onSubscribe?.({
      args: { document: parse(query), operationName: undefined, variableValues: variables },
    } as never) as { onSubscribeResult(payload: unknown): void };
    hooks.onSubscribeResult({
      result: on(events, 'event'),
      setResult: (result: AsyncIterable<unknown>) => {
        stream = result[Symbol.asyncIterator]();
      },
    });
    const changeSchema = (sdl: string) => plugin.onSchemaChange?.({ schema: buildSchema(sdl) } as never);
    return { stream: stream as AsyncIterator<unknown>, events, changeSchema };
  }

  it('ends a subscription whose variables no longer fit, even while it waits for an event', async () => {
    const { stream, events, changeSchema } = subscribe(
      'subscription ($scope: Scope!) { figure(scope: $scope) }',
      {
        scope: 'CITY',
      },
    );
    // a change that leaves the subscription valid goes by
    changeSchema(
      'type Query { a: Int } enum Scope { PROVINCE CITY } type Subscription { figure(scope: Scope!): Int b: Int }',
    );
    const waiting = stream.next();
    changeSchema(
      'type Query { a: Int } enum Scope { PROVINCE } type Subscription { figure(scope: Scope!): Int }',
    );
    const ended = (await waiting) as IteratorResult<{ errors: GraphQLError[] }>;
    expect(ended.value.errors[0]?.extensions.code).toBe(SUBSCRIPTION_ENDED_BY_SCHEMA_CHANGE);
    expect(ended.value.errors[0]?.message).toContain('Value "CITY" does not exist in "Scope" enum.');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(events.listenerCount('event')).toBe(0);
  });
});
