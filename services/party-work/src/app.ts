// type-graphql's decorators need the polyfill before the first decorated class is defined
import 'reflect-metadata';
import { today } from '@pb/platform/calendar';
import { openDatabase } from '@pb/platform/database';
import type { Logger } from '@pb/platform/logger';
import { OutboxRelay } from '@pb/platform/outbox';
import type { PubSub } from '@pb/platform/pubsub';
import { createSubgraphApp } from '@pb/platform/subgraph-app';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ActivityService } from './activity/activity.service.js';
import { ActivityReadService } from './activity/activity-read.service.js';
import { ActivityStatsService } from './activity/activity-stats.service.js';
import { ComplianceService } from './activity/compliance.service.js';
import { ActivityFeedService } from './activity-feed/activity-feed.service.js';
import { AppraisalStatsService } from './appraisal-stats/appraisal-stats.service.js';
import { BulkService } from './bulk/bulk.service.js';
import { createChangeWriter } from './changes/party-work-changes.js';
import { CommitteeService } from './committee/committee.service.js';
import type { PartyWorkConfig } from './config.js';
import { createContext } from './context.js';
import { databaseSettings } from './database.js';
import { FullMemberCountService } from './full-member-count/full-member-count.service.js';
import { FundingService } from './funding/funding.service.js';
import { FundingStatsService } from './funding/funding-stats.service.js';
import { MemberLifeService } from './member-life/member-life.service.js';
import { TalkReadService } from './member-life/talk-read.service.js';
import { MemberStatsService } from './member-stats/member-stats.service.js';
import { OrganizationReplicaService } from './organization-replica/organization-replica.service.js';
import { PartyMemberService } from './party-member/party-member.service.js';
import { PartyMemberReadService } from './party-member/party-member-read.service.js';
import { withCheckedPersonalDataKey } from './personal-data/key-check.js';
import { PersonalDataCipher } from './personal-data/personal-data.cipher.js';
import { PersonalDataService } from './personal-data/personal-data.service.js';
import { PersonalDataReadService } from './personal-data/personal-data-read.service.js';
import { buildPartyWorkSchema } from './schema.js';
import { SecretaryStatsService } from './secretary-stats/secretary-stats.service.js';
import { StaffService } from './staff/staff.service.js';
import { TalkStatsService } from './talk-stats/talk-stats.service.js';
import { TrainingStatsService } from './training-stats/training-stats.service.js';
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
      // the figures of the regions an organization left or joined go out anew with the change
      handle: (services) => async (event) => {
        await services.organizations.onEvent(event);
      },
    },
    beforeStart: async (services) => {
      await services.activityStats.startVersion();
      await services.secretaryStats.startVersion();
    },
    background: (services) => [services.outbox, services.workAlertKeeper],
    figures: (services) => services.liveFigures,
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
  const outbox = new OutboxRelay({ dataSource, redis, logger });
  // every live figure publishes through the one pubsub and keeps its version in Redis
  const figures = { pubSub, redis, namespace: config.redisNamespace };
  const liveStatistics = {
    memberStats: new MemberStatsService(dataSource, figures),
    secretaryStats: new SecretaryStatsService(dataSource, figures),
    activityStats: new ActivityStatsService(dataSource, figures),
    fundingStats: new FundingStatsService(dataSource, figures),
    talkStats: new TalkStatsService(dataSource, figures),
    appraisalStats: new AppraisalStatsService(dataSource, figures),
    trainingStats: new TrainingStatsService(dataSource, figures),
  };
  const { secretaryStats, trainingStats } = liveStatistics;
  // every write goes through this one writer; what it announces after a commit is made below
  const changes = createChangeWriter({
    dataSource,
    redis,
    namespace: config.redisNamespace,
    logger,
    outlets: () => ({ relay: outbox, pubSub, ...liveStatistics }),
  });
  // what the day's roll moved goes out live (the figures are made below; this runs only after start)
  const workAlertKeeper = new WorkAlertKeeper(dataSource, logger, async ({ trainingRegions }) => {
    await secretaryStats.rolled();
    const year = Number(today().slice(0, 4));
    for (const region of trainingRegions) await trainingStats.changed(region, year);
  });
  const organizations = new OrganizationReplicaService(dataSource, changes, workAlertKeeper);
  const cipher = new PersonalDataCipher(config.personalDataKey);
  const memberReads = new PartyMemberReadService(dataSource, pubSub);
  const partyMembers = new PartyMemberService(
    changes,
    organizations,
    cipher,
    new FullMemberCountService(),
    workAlertKeeper,
  );
  const activities = new ActivityService(
    dataSource,
    changes,
    organizations,
    config.activityRecordingWindowDays,
    workAlertKeeper,
  );
  const memberLife = new MemberLifeService(dataSource, changes, memberReads, workAlertKeeper);
  const funding = new FundingService(changes, organizations);
  const staff = new StaffService(dataSource, changes, organizations, workAlertKeeper);
  const committees = new CommitteeService(dataSource, changes, organizations, workAlertKeeper);
  const personalDataReads = new PersonalDataReadService(dataSource, changes);
  const personalData = new PersonalDataService(cipher, personalDataReads);
  const workAlerts = new WorkAlertService(dataSource, memberReads);
  const bulk = new BulkService(
    dataSource,
    changes,
    partyMembers,
    activities,
    memberLife,
    cipher,
    workAlertKeeper,
  );
  return {
    changes,
    organizations,
    partyMembers,
    memberReads,
    activities,
    activityReads: new ActivityReadService(dataSource, pubSub),
    compliance: new ComplianceService(dataSource),
    activityFeed: new ActivityFeedService(dataSource, organizations, pubSub),
    memberLife,
    talkReads: new TalkReadService(dataSource),
    funding,
    staff,
    committees,
    personalData,
    personalDataReads,
    workAlerts,
    workAlertKeeper,
    bulk,
    outbox,
    ...liveStatistics,
    /** Every live figure: the server's stop and the command line wait for each to publish what it owes. */
    liveFigures: Object.values(liveStatistics),
  };
}

export type PartyWorkServices = ReturnType<typeof createPartyWorkServices>;
