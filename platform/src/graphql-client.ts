/** One GraphQL request's outcome: the data, or the stable code of why it was refused or failed. */
export type GraphQLOutcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/**
 * GraphQL over HTTP with a bearer token, as a client of the gateway or a subgraph sends it. A refusal
 * is reported by its `extensions.code` (with the domain rule when the subgraph named one, e.g.
 * `BAD_USER_INPUT/ACTIVIST_ONE_YEAR`), a failure to reach the gateway as `NETWORK`, an HTTP error without
 * a GraphQL body as `HTTP_<status>`; nothing throws, so one bad answer never stops the simulation.
 */
export class GraphQLClient {
  private readonly tokens: readonly string[];
  private turn = 0;

  /**
   * @param token one token, or several used in turn (a simulation of several people, each within the
   *   gateway's per-token rate limit)
   */
  constructor(
    readonly url: string,
    token: string | readonly string[],
    private readonly timeoutMs = 30_000,
  ) {
    this.tokens = typeof token === 'string' ? [token] : token;
    if (this.tokens.length === 0) throw new Error('GraphQLClient needs a token');
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLOutcome<T>> {
    let response: Response;
    const token = this.tokens[this.turn++ % this.tokens.length];
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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
