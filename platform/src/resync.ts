import { randomUUID } from 'node:crypto';
import { GatewayPassSigner } from './gateway-pass.js';
import { GraphQLClient } from './graphql-client.js';

/**
 * `pnpm resync`: a consumer rebuilds its copy of another subgraph's data from the producer's current
 * state. The consumer reads that state through the producer's GraphQL API, page by page, rather than
 * asking the producer to republish everything through its outbox, because:
 * - a republished event at the version the copy already holds is a duplicate and changes nothing, so a
 *   copy that went wrong without its version moving (a bad restore, a hand edit) would stay wrong;
 * - rows the copy lost, or holds but the producer never had, show up only when the two are compared;
 * - the command knows when it is done and can say how far it is, and it never writes to the producer's
 *   database (each subgraph owns its own and never reads the other's).
 * Each row of the producer carries its version. The copy takes it when it is at least as new as what the
 * copy holds (equal: the producer's row is the truth), and keeps a newer one: a live event that arrived
 * after the page was read still wins over the older snapshot, and a later live event wins over the
 * snapshot in turn, as it does over any older version.
 */

/**
 * GraphQL over HTTP to the producer, which answers only requests signed with the gateway's secret: the
 * resync signs its own, as a national admin named after the consumer (`resync-organization`), so the
 * producer's logs and audit trail say who read. A refusal or failure throws, naming it.
 */
export class ProducerClient {
  private readonly client: GraphQLClient;

  constructor(
    readonly url: string,
    gatewaySecret: string,
    consumer: string,
  ) {
    const signer = new GatewayPassSigner(gatewaySecret);
    const reader = { subject: `resync-${consumer}`, roles: ['admin'] as const, regionCode: null };
    this.client = new GraphQLClient(url, (body) => signer.headersFor(reader, body, randomUUID()), 120_000);
  }

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const outcome = await this.client.request<T>(query, variables);
    if (outcome.ok) return outcome.data;
    if (outcome.code === 'NETWORK')
      throw new Error(
        `cannot reach the producer at ${this.url} (${outcome.message}); start it, or point the URL variable at it`,
      );
    if (outcome.code === 'UNAUTHENTICATED')
      throw new Error(
        `the producer at ${this.url} refused the resync's pass: set GATEWAY_SECRET to the secret the producer has`,
      );
    throw new Error(`the producer at ${this.url} refused the read (${outcome.code}): ${outcome.message}`);
  }
}

/** What a resync did to the rows of one kind. */
export class ResyncTally {
  /** Missing from the copy, written. */
  restored = 0;
  /** Different in the copy, rewritten from the producer. */
  corrected = 0;
  unchanged = 0;
  /** The copy held a newer version (a live event after the page was read): kept. */
  newerKept = 0;
  /** In the copy but unknown to the producer: removed (or reset). */
  removed = 0;

  get total(): number {
    return this.restored + this.corrected + this.unchanged + this.newerKept;
  }

  toString(): string {
    return `${this.restored} restored, ${this.corrected} corrected, ${this.unchanged} unchanged, ${this.newerKept} newer kept, ${this.removed} removed`;
  }
}

/** Progress on stderr, "rows done / total", at most twice a second and once at the end. */
export class ResyncProgress {
  private done = 0;
  private lastPrinted = 0;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  advance(rows: number, total = this.total): void {
    this.done += rows;
    this.total = Math.max(total, this.done);
    const now = Date.now();
    if (this.done < this.total && now - this.lastPrinted < 500) return;
    this.lastPrinted = now;
    const percent = this.total === 0 ? 100 : Math.floor((this.done / this.total) * 100);
    this.write(`${this.label}: ${this.done}/${this.total} rows (${percent}%)`);
  }
}
