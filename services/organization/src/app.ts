// type-graphql's decorators need the polyfill before the first decorated class is defined
import 'reflect-metadata';
import { ChangeCounter, changeCounterKey } from '@pb/platform/change-counter';
import { openDatabase } from '@pb/platform/database';
import { eventStream } from '@pb/platform/events';
import type { Logger } from '@pb/platform/logger';
import type { PubSub } from '@pb/platform/pubsub';
import { createSubgraphApp } from '@pb/platform/subgraph-app';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { BulkService } from './bulk/bulk.service.js';
import type { CoverageSettings, OrganizationConfig } from './config.js';
import { createContext, type OrganizationServices } from './context.js';
import { CoverageAlertService } from './coverage/coverage-alert.service.js';
import { CoverageStatsService } from './coverage/coverage-stats.service.js';
import { CrossAppointmentService } from './cross-appointment/cross-appointment.service.js';
import { databaseSettings } from './database.js';
import { Announcer } from './events/announcer.js';
import { partyWorkEventHandler } from './events/party-work-events.js';
import { PartyOrganizationQueries } from './party-organization/party-organization.queries.js';
import { PartyOrganizationService } from './party-organization/party-organization.service.js';
import { RegionService } from './region/region.service.js';
import { buildOrganizationSchema } from './schema.js';
import { FullMemberCountService } from './social-organization/full-member-count.service.js';
import { SocialOrganizationQueries } from './social-organization/social-organization.queries.js';
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
  const coverageStats = new CoverageStatsService(dataSource, pubSub, redis, namespace, regions, settings);
  const socialOrganizationQueries = new SocialOrganizationQueries(dataSource, pubSub);
  const partyOrganizationQueries = new PartyOrganizationQueries(dataSource);
  // moved after every commit of this subgraph (the gateway's read cache follows it)
  const changeCounter = new ChangeCounter(redis, changeCounterKey(namespace, 'organization'));
  const announcer = new Announcer(
    dataSource,
    coverageStats,
    pubSub,
    redis,
    eventStream(namespace, 'organization'),
    changeCounter,
    logger,
    (ids) => socialOrganizationQueries.loadMany(ids),
  );
  const socialOrganizations = new SocialOrganizationService(regions, announcer, socialOrganizationQueries);
  return {
    regions,
    socialOrganizations,
    socialOrganizationQueries,
    fullMemberCounts: new FullMemberCountService(dataSource, coverageStats, changeCounter, logger),
    changeCounter,
    partyOrganizations: new PartyOrganizationService(
      regions,
      announcer,
      socialOrganizations,
      partyOrganizationQueries,
    ),
    partyOrganizationQueries,
    workCoverage: new WorkCoverageService(dataSource, announcer, socialOrganizations),
    crossAppointments: new CrossAppointmentService(dataSource, announcer, socialOrganizations),
    coverageStats,
    coverageAlerts: new CoverageAlertService(dataSource, coverageStats, settings),
    bulk: new BulkService(dataSource, socialOrganizations, socialOrganizationQueries, announcer),
    announcer,
    wallFeed: new WallFeedService(dataSource, pubSub),
  };
}

/** The organization subgraph on the platform's one skeleton (start and stop order: subgraph-app.ts). */
export function createOrganizationApp(config: OrganizationConfig) {
  return createSubgraphApp({
    name: 'organization',
    config,
    openDatabase: (settings) => openDatabase(databaseSettings(settings)),
    createServices: ({ dataSource, redis, pubSub, logger }) =>
      createOrganizationServices({
        dataSource,
        redis,
        pubSub,
        namespace: config.redisNamespace,
        settings: config,
        logger,
      }),
    buildSchema: buildOrganizationSchema,
    createContext,
    follows: {
      producer: 'party-work',
      handle: (services) => partyWorkEventHandler(services.fullMemberCounts),
    },
    beforeStart: (services) => services.coverageStats.startVersion(),
    background: (services) => [
      {
        // events a previous run could not publish go out now, then every few seconds
        start: async () => {
          services.announcer.start();
          await services.announcer.relay();
        },
        stop: () => services.announcer.stop(),
      },
    ],
    figures: (services) => [services.coverageStats],
  });
}

export type OrganizationApp = Awaited<ReturnType<typeof createOrganizationApp>>;
