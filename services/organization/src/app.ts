import {
  connectRedis,
  createLogger,
  createRedisPubSub,
  createSubgraphServer,
  eventStream,
  openDatabase,
  TokenVerifier,
} from '@pb/platform';
import DataLoader from 'dataloader';
import type { OrganizationConfig } from './config.js';
import type { OrganizationContext } from './context.js';
import { CoverageStatsService } from './coverage/coverage-stats.service.js';
import { entities, migrations } from './database.js';
import { RegionService } from './region/region.service.js';
import { buildOrganizationSchema } from './schema.js';
import { SocialOrganizationService } from './social-organization/social-organization.service.js';

/** Builds the organization subgraph: database, Redis, services and the server. `index.ts` starts it. */
export async function createOrganizationApp(config: OrganizationConfig) {
  const logger = createLogger('organization', config.logLevel);
  const dataSource = await openDatabase({
    mysqlUrl: config.mysqlUrl,
    database: config.database,
    entities,
    migrations,
  });
  const redis = await connectRedis(config.redisUrl, 'organization');
  const redisPubSub = await createRedisPubSub(config.redisUrl, config.redisNamespace, 'organization');

  const regions = new RegionService();
  await regions.load(dataSource);
  const coverageStats = new CoverageStatsService(
    dataSource,
    redisPubSub.pubSub,
    redis,
    config.redisNamespace,
  );
  const socialOrganizations = new SocialOrganizationService(
    dataSource,
    regions,
    coverageStats,
    redisPubSub.pubSub,
    redis,
    eventStream(config.redisNamespace, 'organization'),
    logger,
  );

  const server = createSubgraphServer<OrganizationContext>({
    name: 'organization',
    schema: await buildOrganizationSchema(redisPubSub.pubSub),
    verifier: await TokenVerifier.create(config.auth),
    logger,
    context: (base) => ({
      ...base,
      regions,
      socialOrganizations,
      coverageStats,
      socialOrganizationLoader: new DataLoader((ids: readonly string[]) =>
        socialOrganizations.findManyById(ids, base.viewer),
      ),
    }),
    ready: async () => dataSource.isInitialized && redis.status === 'ready',
  });

  return {
    dataSource,
    logger,
    start: (port = config.port) => server.start(port),
    async stop(): Promise<void> {
      await server.stop();
      await redisPubSub.close();
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}

export type OrganizationApp = Awaited<ReturnType<typeof createOrganizationApp>>;
