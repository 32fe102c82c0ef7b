import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommonConfig, EnvReader, readCommonConfig } from '@pb/platform/config';

/** The gateway's settings, read once from the environment by {@link readGatewayConfig}. */
export interface GatewayConfig extends CommonConfig {
  /** `PORT`. @default 4000 */
  port: number;
  /** `SUPERGRAPH_PATH`: the composed supergraph, watched and reloaded. @default `<repo>/schema/supergraph.graphql` */
  supergraphPath: string;
  /** `DASHBOARD_DIST`: the built dashboard served at `/`. @default `<repo>/dashboard/dist` */
  dashboardDist: string;
  /** `SAVED_QUERIES_DIR`: the analysts' example queries offered in GraphiQL. @default `<repo>/gateway/saved-queries` */
  savedQueriesDir: string;
  /**
   * Subgraph URLs replacing those in the supergraph, keyed by the `join__Graph` value
   * (`ORGANIZATION_URL` → `ORGANIZATION`, `PARTY_WORK_URL` → `PARTY_WORK`).
   * @default {} (the supergraph's own URLs)
   */
  subgraphUrls: Record<string, string>;
  /** `WALL_TOKEN`: the token handed to wall screens by `/wall-config.json`. */
  wallToken?: string;
  /** The perimeter's limits, checked before a request is read or parsed (gateway/README.md, "Limits"). */
  frontDoor: FrontDoorConfig;
  /**
   * `CORS_ORIGINS`: origins (comma-separated, e.g. `https://wall.example.cn`) whose pages may call the
   * gateway from a browser. @default none: only pages the gateway serves itself
   */
  corsOrigins: string[];
}

/** Rates, sizes and times the gateway allows a client. */
export interface FrontDoorConfig {
  /** `GATEWAY_MAX_BODY_BYTES`: an HTTP request body, judged by its Content-Length. @default 1048576 */
  maxBodyBytes: number;
  /**
   * `GATEWAY_MAX_BATCH_OPERATIONS`: operations in one batched HTTP request (a JSON array body), each
   * counted against the request limits below. @default 20 (the wall batches up to 20)
   */
  operationsPerBatch: number;
  /** `RATE_LIMIT_WINDOW_SECONDS`: the window the two request limits count in. @default 10 */
  rateWindowSeconds: number;
  /**
   * `RATE_LIMIT_PER_TOKEN`: requests (HTTP, each operation of a batch, or subscribe messages) per window
   * per token. @default 300
   */
  requestsPerToken: number;
  /** `RATE_LIMIT_PER_ADDRESS`: requests (as above) per window per client address. @default 2000 */
  requestsPerAddress: number;
  /** `WS_CONNECTIONS_PER_TOKEN`: open WebSocket connections per token. @default 8 */
  socketsPerToken: number;
  /** `WS_CONNECTIONS_PER_ADDRESS`: open WebSocket connections per client address. @default 1000 */
  socketsPerAddress: number;
  /** `WS_OPERATIONS_PER_CONNECTION`: subscriptions (and other operations) running on one connection. @default 50 */
  subscriptionsPerConnection: number;
  /** `HTTP_HEADERS_TIMEOUT_MS`: a client must send its request headers within this. @default 10000 */
  headersTimeoutMs: number;
  /** `HTTP_REQUEST_TIMEOUT_MS`: and its whole request (headers and body) within this. @default 30000 */
  requestTimeoutMs: number;
}

/** Subgraphs whose URL can be overridden, as named by the supergraph's `join__Graph` enum. */
const OVERRIDABLE_SUBGRAPHS = ['ORGANIZATION', 'PARTY_WORK'] as const;

// paths default relative to this package (src/ or dist/ alike), so the gateway starts from any cwd
const repoPath = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Reads and validates the gateway's settings; throws one ConfigError naming every wrong variable. */
export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const reader = new EnvReader(env);
  const common = readCommonConfig(reader);
  const subgraphUrls: Record<string, string> = {};
  for (const graph of OVERRIDABLE_SUBGRAPHS) {
    const name = `${graph}_URL`;
    const value = reader.optional(name);
    if (value !== undefined) subgraphUrls[graph] = reader.url(name, value, ['http:', 'https:']);
  }
  const config: GatewayConfig = {
    ...common,
    port: reader.int('PORT', 4000, { max: 65535 }),
    supergraphPath: resolve(reader.string('SUPERGRAPH_PATH', repoPath('schema/supergraph.graphql'))),
    dashboardDist: resolve(reader.string('DASHBOARD_DIST', repoPath('dashboard/dist'))),
    savedQueriesDir: resolve(reader.string('SAVED_QUERIES_DIR', repoPath('gateway/saved-queries'))),
    subgraphUrls,
    wallToken: reader.optional('WALL_TOKEN'),
    frontDoor: {
      maxBodyBytes: reader.int('GATEWAY_MAX_BODY_BYTES', 1024 * 1024, { min: 1024 }),
      operationsPerBatch: reader.int('GATEWAY_MAX_BATCH_OPERATIONS', 20, { min: 1, max: 100 }),
      rateWindowSeconds: reader.int('RATE_LIMIT_WINDOW_SECONDS', 10, { min: 1, max: 3600 }),
      requestsPerToken: reader.int('RATE_LIMIT_PER_TOKEN', 300, { min: 1 }),
      requestsPerAddress: reader.int('RATE_LIMIT_PER_ADDRESS', 2000, { min: 1 }),
      socketsPerToken: reader.int('WS_CONNECTIONS_PER_TOKEN', 8, { min: 1 }),
      socketsPerAddress: reader.int('WS_CONNECTIONS_PER_ADDRESS', 1000, { min: 1 }),
      subscriptionsPerConnection: reader.int('WS_OPERATIONS_PER_CONNECTION', 50, { min: 1 }),
      headersTimeoutMs: reader.int('HTTP_HEADERS_TIMEOUT_MS', 10_000, { min: 1000 }),
      requestTimeoutMs: reader.int('HTTP_REQUEST_TIMEOUT_MS', 30_000, { min: 1000 }),
    },
    corsOrigins: (reader.optional('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  };
  for (const origin of config.corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      reader.problem(`CORS_ORIGINS must list origins such as https://wall.example.cn, got "${origin}"`);
    }
  }
  reader.done();
  return config;
}
