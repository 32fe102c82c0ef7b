import { describe, expect, it } from 'vitest';
import { releasingSignals } from './upstream-signals.js';

interface Seen {
  signal?: AbortSignal;
}

/** A transport whose executor records the request it got and answers when told to. */
function transportAnsweringLater() {
  const seen: Seen[] = [];
  let answer: (value: unknown) => void = () => undefined;
  const disposed: string[] = [];
  const executor = Object.assign(
    (request: Seen) => {
      seen.push(request);
      return new Promise((resolve) => {
        answer = resolve;
      });
    },
    { [Symbol.asyncDispose]: () => disposed.push('executor') },
  );
  const transport = { getSubgraphExecutor: () => executor };
  return { transport, seen, answer: (value: unknown) => answer(value), disposed };
}

const executorOf = (transport: { getSubgraphExecutor(options: never): unknown }) =>
  transport.getSubgraphExecutor({} as never) as ((request: object) => Promise<unknown>) & {
    [Symbol.asyncDispose]: () => unknown;
  };

describe('subgraph requests release their signal when answered', () => {
  it("give the executor a signal of the request's own, ended once the answer is in", async () => {
    const { transport, seen, answer } = transportAnsweringLater();
    const execute = executorOf(releasingSignals(transport));
    const client = new AbortController();
    const result = execute({ operationType: 'query', signal: client.signal });
    const forwarded = seen[0]!.signal!;
    expect(forwarded).not.toBe(client.signal);
    expect(forwarded.aborted).toBe(false);
    answer({ data: { ok: true } });
    await expect(result).resolves.toEqual({ data: { ok: true } });
    expect(forwarded.aborted).toBe(true);
    expect(client.signal.aborted).toBe(false);
  });

  it("still abort the subgraph call when the client goes away, with the client's reason", () => {
    const { transport, seen } = transportAnsweringLater();
    const execute = executorOf(releasingSignals(transport));
    const client = new AbortController();
    void execute({ operationType: 'query', signal: client.signal });
    const gone = new Error('client went away');
    client.abort(gone);
    expect(seen[0]!.signal!.aborted).toBe(true);
    expect(seen[0]!.signal!.reason).toBe(gone);
  });

  it("leave a subscription with the client's signal, and the executor disposable", async () => {
    const { transport, seen, disposed } = transportAnsweringLater();
    const execute = executorOf(releasingSignals(transport));
    const client = new AbortController();
    void execute({ operationType: 'subscription', signal: client.signal });
    expect(seen[0]!.signal).toBe(client.signal);
    await execute[Symbol.asyncDispose]();
    expect(disposed).toEqual(['executor']);
  });
});
