import {
  createSubgraphApp,
  type Logger,
  OutboxRelay,
  openDatabase,
  type PubSub,
  quarterOf,
  today,
} from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ActivityService } from './activity/activity.service.js';
import { ActivityFeedService } from './activity-feed/activity-feed.service.js';
import { BulkService } from './bulk/bulk.service.js';
import type { PartyWorkConfig } from './config.js';
import { createContext } from './context.js';
import { databaseSettings } from './database.js';
import { FullMemberCountService } from './full-member-count/full-member-count.service.js';
import { FundingService } from './funding/funding.service.js';
import { MemberLifeService } from './member-life/member-life.service.js';
import { MemberStatsService } from './member-stats/member-stats.service.js';
import { OrganizationReplicaService } from './organization-replica/organization-replica.service.js';
import { PartyMemberService } from './party-member/party-member.service.js';
import { withCheckedPersonalDataKey } from './personal-data/key-check.js';
import { PersonalDataCipher } from './personal-data/personal-data.cipher.js';
import { PersonalDataService } from './personal-data/personal-data.service.js';
import { PersonalDataReadService } from './personal-data/personal-data-read.service.js';
import { buildPartyWorkSchema } from './schema.js';
import { SecretaryStatsService } from './secretary-stats/secretary-stats.service.js';
import { StaffService } from './staff/staff.service.js';
import { WorkAlertKeeper } from './work-alert/work-alert.keeper.js';
import { WorkAlertService } from './work-alert/work-alert.service.js';

/** The party-work subgraph on the platform's one skeleton (start and stop order: subgraph-app.ts). */
export function createPartyWorkApp(config: PartyWorkConfig) {
  return createSubgraphApp({
    name: 'party-work',
    config,
    // the key is checked right after the migrations, before anything is served: a wrong one stops the start
    openDatabase: async (settings) =>
      withCheckedPersonalDataKey(await openDatabase(databaseSettings(settings)), settings.personalDataKey),
    createServices: ({ dataSource, redis, pubSub, logger }) =>
      createPartyWorkServices({ dataSource, redis, pubSub, config, logger }),
    buildSchema: buildPartyWorkSchema,
    createContext,
    follows: {
      producer: 'organization',
      handle: (services) => async (event) => {
        // figures of the regions an organization left or joined, and of the current quarter, go out anew
        for (const region of await services.organizations.onEvent(event)) {
          await services.memberStats.changed(region);
          await services.secretaryStats.changed(region);
          await services.activities.changed(region, quarterOf(today()));
        }
      },
    },
    beforeStart: (services) => services.activities.startVersion(),
    background: (services) => [services.outbox, services.workAlertKeeper],
    figures: (services) => [
      services.memberStats,
      services.secretaryStats,
      services.activities,
      services.funding,
    ],
  });
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

export type PartyWorkServices = ReturnType<typeof createPartyWorkServices>;
