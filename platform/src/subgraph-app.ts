import type { GraphQLSchema } from 'graphql';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { ChangeCounter, changeCounterKey } from './change-counter.js';
import type { CommonConfig } from './config.js';
import { type EventHandler, eventStream, StreamConsumer } from './events.js';
import { GatewayPassVerifier, redisNonceStore } from './gateway-pass.js';
import { createLogger, type Logger } from './logger.js';
import { createRedisPubSub, type PubSub } from './pubsub.js';
import { connectRedis } from './redis.js';
import { type BaseContext, createSubgraphServer, type RunningServer } from './subgraph.js';

/** What a subgraph's settings must carry for the skeleton: the common ones, its port and its consumer group. */
export interface SubgraphAppConfig extends CommonConfig {
  port: number;
  /** The Redis consumer group this subgraph reads the other subgraph's events in. */
  consumerGroup: string;
}

/** What its services are built on: one database, one Redis connection, the pubsub and the logger. */
export interface SubgraphResources {
  dataSource: DataSource;
  redis: Redis;
  pubSub: PubSub;
  logger: Logger;
}

/** Something that runs beside the server (an outbox relay, a daily job): started after, stopped before. */
export interface BackgroundWork {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** A live figure, or anything else publishing after a write: on stop, what it has pending goes out first. */
export interface Settles {
  settled(): Promise<void>;
}

/** The parts that differ between subgraphs; {@link createSubgraphApp} puts them together in one order. */
export interface SubgraphParts<TConfig extends SubgraphAppConfig, TServices, TContext extends BaseContext> {
  name: string;
  config: TConfig;
  /** Opens the database: migrations run, and any check that must stop a wrong start (a wrong key). */
  openDatabase(config: TConfig): Promise<DataSource>;
  createServices(resources: SubgraphResources, config: TConfig): TServices | Promise<TServices>;
  buildSchema(pubSub: PubSub): Promise<GraphQLSchema>;
  /** The per-request (or per-subscription) context: the viewer, the services and the request's loaders. */
  createContext(services: TServices, base: BaseContext): TContext;
  /** The other subgraph's events this one follows, and what it does with each. */
  follows: { producer: 'organization' | 'party-work'; handle(services: TServices): EventHandler };
  /** Run before anything is served (a new live-figure version, say); in order. */
  beforeStart?(services: TServices): Promise<void>;
  /** Started after the consumer, before the server; stopped after the server, in reverse order. */
  background?(services: TServices): BackgroundWork[];
  /** Settled on stop, after the server and the background work, before the connections close. */
  figures?(services: TServices): Settles[];
}

export interface SubgraphApp<TServices, TContext extends BaseContext> {
  dataSource: DataSource;
  logger: Logger;
  /** The schema and the per-request context, for tests that execute operations in process. */
  schema: GraphQLSchema;
  context(base: BaseContext): TContext;
  services: TServices;
  /** What the figures publish through; tests ask it whether their subscriptions have reached Redis. */
  pubSub: PubSub;
  start(port?: number): Promise<RunningServer>;
  stop(): Promise<void>;
}

/**
 * The one skeleton of a subgraph. Start: database, Redis, pubsub, services, schema, then the server's
 * dependencies in order (before-start work, the event consumer, background work) and the server last,
 * so nothing is served before what it reads is running. Stop is the reverse: the server first (no new
 * writes), then the consumer and background work, then pending figures go out, then the connections close.
 */
export async function createSubgraphApp<
  TConfig extends SubgraphAppConfig,
  TServices,
  TContext extends BaseContext,
>(parts: SubgraphParts<TConfig, TServices, TContext>): Promise<SubgraphApp<TServices, TContext>> {
  const { name, config } = parts;
  const logger = createLogger(name, config.logLevel);
  const dataSource = await parts.openDatabase(config);
  const redis = await connectRedis(config.redisUrl, name);
  const redisPubSub = await createRedisPubSub(config.redisUrl, config.redisNamespace, name);
  const services = await parts.createServices(
    { dataSource, redis, pubSub: redisPubSub.pubSub, logger },
    config,
  );
  // the services' ChangeWriter moves the same counter after each commit
  const changeCounter = new ChangeCounter(redis, changeCounterKey(config.redisNamespace, name));
  const consumer = new StreamConsumer(
    // a blocking read holds its connection: the consumer has one of its own
    await connectRedis(config.redisUrl, `${name}-events`),
    eventStream(config.redisNamespace, parts.follows.producer),
    config.consumerGroup,
    `${name}-${process.pid}`,
    parts.follows.handle(services),
    logger,
  );
  const background = parts.background?.(services) ?? [];
  const figures = parts.figures?.(services) ?? [];
  const schema = await parts.buildSchema(redisPubSub.pubSub);
  const context = (base: BaseContext) => parts.createContext(services, base);
  const server = createSubgraphServer<TContext>({
    name,
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
    schema,
    context,
    services,
    pubSub: redisPubSub.pubSub,
    async start(port = config.port) {
      await parts.beforeStart?.(services);
      // what was written before this start (a seed, an import, the work before serving) is a change too
      await changeCounter.bump();
      await consumer.start();
      for (const work of background) await work.start();
      return server.start(port, config.host);
    },
    async stop() {
      await server.stop();
      await consumer.stop();
      for (const work of [...background].reverse()) await work.stop();
      // figures still being recomputed go out before their connections close
      for (const figure of figures) await figure.settled();
      await redisPubSub.close();
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}
