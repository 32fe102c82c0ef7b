import type { SubgraphEntry, SupergraphFile } from './supergraph.js';

/** How long a subgraph may take to answer `{__typename}` before it counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

/** The body of `/readyz`. */
export interface Readiness {
  status: 'ready' | 'unavailable';
  /** Why there is no supergraph, when there is none. */
  supergraph?: string;
  /** `up`, or `down: <why>`, by subgraph name. */
  subgraphs: Record<string, string>;
}

/**
 * Ready when a supergraph is loaded and every subgraph it names answers a GraphQL request. Any
 * GraphQL response counts, an error included: the probe carries no token, and a subgraph that
 * rejects it has still answered.
 */
export async function checkReadiness(supergraph: SupergraphFile): Promise<Readiness> {
  const current = supergraph.current;
  if (!current) {
    return {
      status: 'unavailable',
      supergraph: `no supergraph loaded from ${supergraph.path}: ${supergraph.problem ?? 'not read yet'}`,
      subgraphs: {},
    };
  }
  const results = await Promise.all(
    current.subgraphs.map(async (subgraph) => [subgraph.name, await probe(subgraph)]),
  );
  const subgraphs = Object.fromEntries(results);
  const ready = results.every(([, state]) => state === 'up');
  return { status: ready ? 'ready' : 'unavailable', subgraphs };
}

async function probe({ url }: SubgraphEntry): Promise<string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (body && ('data' in body || 'errors' in body)) return 'up';
    return `down: HTTP ${response.status} without a GraphQL response`;
  } catch (error) {
    return `down: ${describeFetchError(error)}`;
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${PROBE_TIMEOUT_MS} ms`;
  // undici wraps the socket error ("fetch failed"); its cause says what happened (ECONNREFUSED …)
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
