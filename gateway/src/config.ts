import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CommonConfig, EnvReader, readCommonConfig } from '@pb/platform';

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
  };
  reader.done();
  return config;
}
