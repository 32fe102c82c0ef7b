import {
  connectRedis,
  createLogger,
  createRedisPubSub,
  createSubgraphServer,
  eventStream,
  GatewayPassVerifier,
  type Logger,
  openDatabase,
  type PubSub,
  redisNonceStore,
  StreamConsumer,
} from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { BulkService } from './bulk/bulk.service.js';
import type { CoverageSettings, OrganizationConfig } from './config.js';
import { createContext, type OrganizationContext, type OrganizationServices } from './context.js';
import { CoverageAlertService } from './coverage/coverage-alert.service.js';
import { CoverageStatsService } from './coverage/coverage-stats.service.js';
import { CrossAppointmentService } from './cross-appointment/cross-appointment.service.js';
import { databaseSettings } from './database.js';
import { Announcer } from './events/announcer.js';
import { partyWorkEventHandler } from './events/party-work-events.js';
import { PartyOrganizationService } from './party-organization/party-organization.service.js';
import { RegionService } from './region/region.service.js';
import { buildOrganizationSchema } from './schema.js';
import { SocialOrganizationService } from './social-organization/social-organization.service.js';
import { WallFeedService } from './wall-feed/wall-feed.service.js';
import { WorkCoverageService } from './work-coverage/work-coverage.service.js';

/** The services of this subgraph over an open database and Redis; the server and the CLI share them. */
export async function createOrganizationServices(options: {
  dataSource: DataSource;
  redis: Redis;
  pubSub: PubSub;
  namespace: string;
  settings: CoverageSettings;
  logger: Logger;
}): Promise<OrganizationServices> {
  const { dataSource, redis, pubSub, namespace, settings, logger } = options;
  const regions = new RegionService();
  await regions.load(dataSource);
  const coverageStats = new CoverageStatsService(
    dataSource,
    pubSub,
    redis,
    namespace,
    regions,
    settings.syncDays,
    settings.instructorContactDays,
  );
  let socialOrganizations: SocialOrganizationService | undefined;
  const announcer = new Announcer(
    dataSource,
    coverageStats,
    pubSub,
    redis,
    eventStream(namespace, 'organization'),
    logger,
    (ids) => socialOrganizations!.loadMany(ids),
  );
  socialOrganizations = new SocialOrganizationService(
    dataSource,
    regions,
    announcer,
    coverageStats,
    pubSub,
    logger,
  );
  return {
    regions,
    socialOrganizations,
    partyOrganizations: new PartyOrganizationService(dataSource, regions, announcer, socialOrganizations),
    workCoverage: new WorkCoverageService(dataSource, announcer, socialOrganizations),
    crossAppointments: new CrossAppointmentService(dataSource, announcer, socialOrganizations),
    coverageStats,
    coverageAlerts: new CoverageAlertService(dataSource, coverageStats, settings),
    bulk: new BulkService(dataSource, socialOrganizations, announcer),
    announcer,
    wallFeed: new WallFeedService(dataSource, pubSub),
  };
}

/** Builds the organization subgraph: database, Redis, event consumer, services and the server. */
export async function createOrganizationApp(config: OrganizationConfig) {
  const logger = createLogger('organization', config.logLevel);
  const dataSource = await openDatabase(databaseSettings(config));
  const redis = await connectRedis(config.redisUrl, 'organization');
  const redisPubSub = await createRedisPubSub(config.redisUrl, config.redisNamespace, 'organization');
  const services = await createOrganizationServices({
    dataSource,
    redis,
    pubSub: redisPubSub.pubSub,
    namespace: config.redisNamespace,
    settings: config,
    logger,
  });
  const partyWorkEvents = new StreamConsumer(
    await connectRedis(config.redisUrl, 'organization-events'),
    eventStream(config.redisNamespace, 'party-work'),
    config.consumerGroup,
    `organization-${process.pid}`,
    partyWorkEventHandler(services.socialOrganizations),
    logger,
  );

  const server = createSubgraphServer<OrganizationContext>({
    name: 'organization',
    schema: await buildOrganizationSchema(redisPubSub.pubSub),
    gatewayPass: new GatewayPassVerifier(
      config.auth.gatewaySecret,
      redisNonceStore(redis, config.redisNamespace),
    ),
    logger,
    context: (base) => createContext(services, base),
    ready: async () => dataSource.isInitialized && redis.status === 'ready',
    limits: config.operationLimits,
    production: config.environment === 'production',
  });

  return {
    dataSource,
    logger,
    services,
    async start(port = config.port) {
      await services.coverageStats.startVersion();
      await partyWorkEvents.start();
      // events a previous run could not publish go out now, then every few seconds
      services.announcer.start();
      await services.announcer.relay();
      return server.start(port, config.host);
    },
    async stop(): Promise<void> {
      await server.stop();
      await services.announcer.stop();
      await services.coverageStats.settled();
      await partyWorkEvents.stop();
      await redisPubSub.close();
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}

export type OrganizationApp = Awaited<ReturnType<typeof createOrganizationApp>>;
