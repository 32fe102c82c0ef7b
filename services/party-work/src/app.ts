import {
  connectRedis,
  createLogger,
  createRedisPubSub,
  createSubgraphServer,
  eventStream,
  openDatabase,
  StreamConsumer,
  TokenVerifier,
} from '@pb/platform';
import DataLoader from 'dataloader';
import type { PartyWorkConfig } from './config.js';
import type { PartyWorkContext } from './context.js';
import { entities, migrations } from './database.js';
import { MemberStatsService } from './member-stats/member-stats.service.js';
import { OrganizationReplicaService } from './organization-replica/organization-replica.service.js';
import { PartyMemberService } from './party-member/party-member.service.js';
import { MemberStage } from './party-member/party-member.type.js';
import { buildPartyWorkSchema } from './schema.js';

/** Builds the party-work subgraph: database, Redis, event consumer, services and the server. */
export async function createPartyWorkApp(config: PartyWorkConfig) {
  const logger = createLogger('party-work', config.logLevel);
  const dataSource = await openDatabase({
    mysqlUrl: config.mysqlUrl,
    database: config.database,
    entities,
    migrations,
  });
  const redis = await connectRedis(config.redisUrl, 'party-work');
  const redisPubSub = await createRedisPubSub(config.redisUrl, config.redisNamespace, 'party-work');

  const organizations = new OrganizationReplicaService(dataSource);
  const memberStats = new MemberStatsService(dataSource, redisPubSub.pubSub, redis, config.redisNamespace);
  const partyMembers = new PartyMemberService(dataSource, organizations, memberStats, redisPubSub.pubSub);
  const organizationEvents = new StreamConsumer(
    await connectRedis(config.redisUrl, 'party-work-events'),
    eventStream(config.redisNamespace, 'organization'),
    config.consumerGroup,
    `party-work-${process.pid}`,
    (event) => organizations.onEvent(event),
    logger,
  );

  const server = createSubgraphServer<PartyWorkContext>({
    name: 'party-work',
    schema: await buildPartyWorkSchema(redisPubSub.pubSub),
    verifier: await TokenVerifier.create(config.auth),
    logger,
    context: (base) => ({
      ...base,
      partyMembers,
      memberStats,
      fullMemberCounts: new DataLoader((ids: readonly string[]) =>
        partyMembers.countByOrganization(ids, MemberStage.FULL),
      ),
    }),
    ready: async () => dataSource.isInitialized && redis.status === 'ready',
  });

  return {
    dataSource,
    logger,
    async start(port = config.port) {
      await organizationEvents.start();
      return server.start(port);
    },
    async stop(): Promise<void> {
      await server.stop();
      await organizationEvents.stop();
      await redisPubSub.close();
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}

export type PartyWorkApp = Awaited<ReturnType<typeof createPartyWorkApp>>;
