/** One GraphQL request's outcome: the data, or the stable code of why it was refused or failed. */
export type GraphQLOutcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/**
 * GraphQL over HTTP with a bearer token, as a client of the gateway or a subgraph sends it. A refusal
 * is reported by its `extensions.code` (with the domain rule when the subgraph named one, e.g.
 * `BAD_USER_INPUT/ACTIVIST_ONE_YEAR`), a failure to reach the gateway as `NETWORK`, an HTTP error without
 * a GraphQL body as `HTTP_<status>`; nothing throws, so one bad answer never stops the simulation.
 */
export class GraphQLClient {
  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLOutcome<T>> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { ok: false, code: 'NETWORK', message: (error as Error).message };
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T | null;
      errors?: Array<{ message: string; extensions?: { code?: string; rule?: string } }>;
    } | null;
    const error = body?.errors?.[0];
    if (error) {
      const code = error.extensions?.code ?? 'UNKNOWN';
      const rule = error.extensions?.rule;
      return { ok: false, code: rule ? `${code}/${rule}` : code, message: error.message };
    }
    if (!body?.data) return { ok: false, code: `HTTP_${response.status}`, message: response.statusText };
    return { ok: true, data: body.data };
  }
}
