/** A bearer token, or the headers that sign one request body (a subgraph's gateway pass). */
export type Credentials = string | ((body: string) => Record<string, string>);

/** One GraphQL request's outcome: the data, or the stable code of why it was refused or failed. */
export type GraphQLOutcome<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/**
 * GraphQL over HTTP with a bearer token, as a client of the gateway or a subgraph sends it. A refusal
 * is reported by its `extensions.code` (with the domain rule when the subgraph named one, e.g.
 * `BAD_USER_INPUT/ACTIVIST_ONE_YEAR`), a failure to reach the gateway as `NETWORK`, an HTTP error without
 * a GraphQL body as `HTTP_<status>`; nothing throws, so one bad answer never stops the simulation.
 */
export class GraphQLClient {
  private readonly credentials: readonly Credentials[];
  private turn = 0;

  /**
   * @param credentials a bearer token, or several used in turn (a simulation of several people, each
   *   within the gateway's per-token rate limit); or, for a tool reading a subgraph directly, a function
   *   giving the headers of each body (a gateway pass, gateway-pass.ts)
   */
  constructor(
    readonly url: string,
    credentials: Credentials | readonly string[],
    private readonly timeoutMs = 30_000,
  ) {
    this.credentials =
      typeof credentials === 'string' || typeof credentials === 'function' ? [credentials] : credentials;
    if (this.credentials.length === 0) throw new Error('GraphQLClient needs a token');
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLOutcome<T>> {
    let response: Response;
    const credentials = this.credentials[this.turn++ % this.credentials.length]!;
    const request = JSON.stringify({ query, variables });
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers:
          typeof credentials === 'function'
            ? credentials(request)
            : { 'content-type': 'application/json', authorization: `Bearer ${credentials}` },
        body: request,
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
