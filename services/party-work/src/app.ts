import {
  type BaseContext,
  connectRedis,
  createLogger,
  createRedisPubSub,
  createSubgraphServer,
  eventStream,
  GatewayPassVerifier,
  type Logger,
  OutboxRelay,
  openDatabase,
  type PubSub,
  quarterOf,
  redisNonceStore,
  StreamConsumer,
  today,
  validClientRequestId,
} from '@pb/platform';
import DataLoader from 'dataloader';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ActivityService } from './activity/activity.service.js';
import { ActivityFeedService } from './activity-feed/activity-feed.service.js';
import { BulkService } from './bulk/bulk.service.js';
import type { PartyWorkConfig } from './config.js';
import type { PartyWorkContext } from './context.js';
import { databaseSettings } from './database.js';
import { FullMemberCountService } from './full-member-count/full-member-count.service.js';
import { FundingService } from './funding/funding.service.js';
import { MemberLifeService } from './member-life/member-life.service.js';
import { MemberStatsService } from './member-stats/member-stats.service.js';
import { OrganizationReplicaService } from './organization-replica/organization-replica.service.js';
import { PartyMemberService } from './party-member/party-member.service.js';
import { MemberStage } from './party-member/party-member.type.js';
import { withCheckedPersonalDataKey } from './personal-data/key-check.js';
import { PersonalDataCipher } from './personal-data/personal-data.cipher.js';
import { PersonalDataService } from './personal-data/personal-data.service.js';
import { PersonalDataReadService } from './personal-data/personal-data-read.service.js';
import { buildPartyWorkSchema } from './schema.js';
import { SecretaryStatsService } from './secretary-stats/secretary-stats.service.js';
import { StaffService } from './staff/staff.service.js';
import { WorkAlertKeeper } from './work-alert/work-alert.keeper.js';
import { WorkAlertService } from './work-alert/work-alert.service.js';

/** Builds the party-work subgraph: database, Redis, event consumer, services and the server. */
export async function createPartyWorkApp(config: PartyWorkConfig) {
  const logger = createLogger('party-work', config.logLevel);
  // the key is checked right after the migrations, before anything is served: a wrong one stops the start
  const dataSource = await withCheckedPersonalDataKey(
    await openDatabase(databaseSettings(config)),
    config.personalDataKey,
  );
  const redis = await connectRedis(config.redisUrl, 'party-work');
  const redisPubSub = await createRedisPubSub(config.redisUrl, config.redisNamespace, 'party-work');

  const services = createPartyWorkServices({ dataSource, redis, pubSub: redisPubSub.pubSub, config, logger });
  const { organizations, partyMembers, activities, memberLife, staff } = services;
  const organizationEvents = new StreamConsumer(
    await connectRedis(config.redisUrl, 'party-work-events'),
    eventStream(config.redisNamespace, 'organization'),
    config.consumerGroup,
    `party-work-${process.pid}`,
    async (event) => {
      // figures of the regions an organization left or joined, and of the current quarter, go out anew
      for (const region of await organizations.onEvent(event)) {
        await services.memberStats.changed(region);
        await services.secretaryStats.changed(region);
        await activities.changed(region, quarterOf(today()));
      }
    },
    logger,
  );

  const context = (base: BaseContext): PartyWorkContext => ({
    ...base,
    // the platform's one rule, once, where every context is made (the pass's, a test's, a subscription's)
    clientRequestId: validClientRequestId(
      typeof base.clientRequestId === 'string' ? base.clientRequestId : null,
    ),
    ...services,
    fullMemberCounts: new DataLoader((ids: readonly string[]) =>
      partyMembers.countByOrganization(ids, MemberStage.FULL, base.viewer),
    ),
    probationaryMemberCounts: new DataLoader((ids: readonly string[]) =>
      partyMembers.countByOrganization(ids, MemberStage.PROBATIONARY, base.viewer),
    ),
    members: new DataLoader((ids: readonly string[]) => partyMembers.findMany(ids, base.viewer)),
    activityById: new DataLoader((ids: readonly string[]) => activities.findMany(ids, base.viewer)),
    lastActivities: new DataLoader((ids: readonly string[]) => activities.lastHeld(ids, base.viewer)),
    partyOrganizations: new DataLoader((ids: readonly string[]) => organizations.findPartyOrganizations(ids)),
    histories: new DataLoader((ids: readonly string[]) => partyMembers.histories(ids)),
    appraisals: new DataLoader((ids: readonly string[]) => memberLife.appraisals(ids)),
    trainings: new DataLoader((ids: readonly string[]) => memberLife.trainings(ids)),
    currentStaff: new DataLoader((ids: readonly string[]) => staff.byOrganizations(ids)),
  });
  const schema = await buildPartyWorkSchema(redisPubSub.pubSub);
  const server = createSubgraphServer<PartyWorkContext>({
    name: 'party-work',
    schema,
    gatewayPass: new GatewayPassVerifier(
      config.auth.gatewaySecret,
      redisNonceStore(redis, config.redisNamespace),
    ),
    logger,
    context,
    ready: async () => dataSource.isInitialized && redis.status === 'ready',
    limits: config.operationLimits,
    production: config.environment === 'production',
  });

  return {
    dataSource,
    logger,
    /** The schema and the per-request context, for tests that execute operations in process. */
    schema,
    context,
    services,
    async start(port = config.port) {
      await services.activities.startVersion();
      await organizationEvents.start();
      services.outbox.start();
      services.workAlertKeeper.start();
      return server.start(port, config.host);
    },
    async stop(): Promise<void> {
      await server.stop();
      await organizationEvents.stop();
      await services.outbox.stop();
      await services.workAlertKeeper.stop();
      // figures still being recomputed go out before their connections close
      await services.memberStats.settled();
      await services.secretaryStats.settled();
      await services.activities.settled();
      await services.funding.settled();
      await redisPubSub.close();
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}

export type PartyWorkApp = Awaited<ReturnType<typeof createPartyWorkApp>>;

/** The services that hold the rules, on a database and Redis; the server and the command line share them. */
export function createPartyWorkServices({
  dataSource,
  redis,
  pubSub,
  config,
  logger,
}: {
  dataSource: DataSource;
  redis: Redis;
  pubSub: PubSub;
  config: PartyWorkConfig;
  logger: Logger;
}) {
  const workAlertKeeper = new WorkAlertKeeper(dataSource, logger);
  const organizations = new OrganizationReplicaService(dataSource, workAlertKeeper);
  const cipher = new PersonalDataCipher(config.personalDataKey);
  const memberStats = new MemberStatsService(dataSource, pubSub, redis, config.redisNamespace);
  const outbox = new OutboxRelay({ dataSource, redis, logger });
  const fullMemberCounts = new FullMemberCountService(config.redisNamespace, outbox);
  const partyMembers = new PartyMemberService(
    dataSource,
    organizations,
    memberStats,
    pubSub,
    cipher,
    fullMemberCounts,
    workAlertKeeper,
  );
  const activities = new ActivityService(
    dataSource,
    organizations,
    pubSub,
    redis,
    config.redisNamespace,
    config.activityRecordingWindowDays,
    workAlertKeeper,
  );
  const memberLife = new MemberLifeService(dataSource, partyMembers, workAlertKeeper);
  const funding = new FundingService(dataSource, organizations, pubSub, redis, config.redisNamespace);
  const secretaryStats = new SecretaryStatsService(dataSource, pubSub, redis, config.redisNamespace);
  const staff = new StaffService(dataSource, organizations, secretaryStats, workAlertKeeper);
  const personalDataReads = new PersonalDataReadService(dataSource);
  const personalData = new PersonalDataService(cipher, personalDataReads);
  const workAlerts = new WorkAlertService(dataSource, partyMembers);
  const bulk = new BulkService(dataSource, partyMembers, activities);
  return {
    organizations,
    partyMembers,
    activities,
    activityFeed: new ActivityFeedService(dataSource, organizations, pubSub),
    memberLife,
    funding,
    staff,
    memberStats,
    secretaryStats,
    personalData,
    personalDataReads,
    workAlerts,
    workAlertKeeper,
    bulk,
    outbox,
  };
}
