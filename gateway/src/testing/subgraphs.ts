/**
 * Two tiny federated subgraphs for the gateway's tests, built like ours (Apollo Server 5,
 * `buildSubgraphSchema`, graphql-ws on the same server and path, every operation needing the gateway's
 * pass) and recording the viewers they receive, so a test can see what the gateway forwarded.
 * `authorizationSeen` and `checkedWith` answer `viewer:<subject>` of the pass they were called with.
 */
import { EventEmitter, on } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { AuthConfig } from '@pb/platform/config';
import { GATEWAY_PASS_HEADER, GatewayPassVerifier, type NonceStore } from '@pb/platform/gateway-pass';
import { composeServices } from '@theguild/federation-composition';
import { type DocumentNode, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/**
 * The organization subgraph's SDL; `motto` is served always but composed only when asked for, `Thing.name`
 * served always but left out of the composition when `thingName` is false (a field a team removed).
 */
export function organizationTypeDefs({ motto = false, thingName = true } = {}): DocumentNode {
  return parse(`${LINK}
    type Thing @key(fields: "id") { id: ID! ${thingName ? 'name: String!' : ''} }
    type Query { things: [Thing!]! authorizationSeen: String slowEcho(ms: Int!): String ${motto ? 'motto: String!' : ''} }
    type Mutation { addThing(name: String!): Thing! }
    type Subscription { thingAdded: Thing! }`);
}

/** The party-work subgraph's SDL: it extends Thing with a field. */
export const partyWorkTypeDefs = parse(`${LINK}
  type Thing @key(fields: "id") { id: ID! memberCount: Int! checkedWith: String }`);

/** Composes the two subgraphs at the committed supergraph's default URLs. */
export function composeSupergraph({ motto = false, thingName = true } = {}): string {
  const result = composeServices([
    {
      name: 'organization',
      typeDefs: organizationTypeDefs({ motto, thingName }),
      url: 'http://localhost:4001/graphql',
    },
    { name: 'party-work', typeDefs: partyWorkTypeDefs, url: 'http://localhost:4002/graphql' },
  ]);
  if (!result.supergraphSdl) throw new Error((result.errors ?? []).map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

interface Context {
  authorization: string;
}

/** A started test subgraph. */
export interface TestSubgraph {
  url: string;
  /** `viewer:<subject>` of each HTTP request it served (`refused` for one without a valid pass), oldest first. */
  httpAuthorizations: string[];
  /** `viewer:<subject>` of each graphql-ws connection it accepted (`refused` for one it did not). */
  wsAuthorizations: string[];
  /** How many graphql-ws connections are open now. */
  openSockets(): number;
  /** How many `thingAdded` subscriptions are running now. */
  subscribers(): number;
  stop(): Promise<void>;
}

/** Starts the subgraph that owns `Thing` and its `thingAdded` subscription. */
export function startOrganizationSubgraph(auth: AuthConfig): Promise<TestSubgraph> {
  const things = new Map([['thing-1', { id: 'thing-1', name: 'First thing' }]]);
  const events = new EventEmitter();
  const resolvers: GraphQLResolverMap<Context> = {
    Thing: { __resolveReference: ({ id }: { id: string }) => things.get(id) },
    Query: {
      things: () => [...things.values()],
      authorizationSeen: (_parent, _args, { authorization }) => authorization,
      motto: () => 'Serve the people',
      // answers after a while, for what happens to requests in flight
      slowEcho: async (_parent, { ms }) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return `after ${ms} ms`;
      },
    },
    Mutation: {
      addThing: (_parent, { name }) => {
        const thing = { id: `thing-${things.size + 1}`, name };
        things.set(thing.id, thing);
        events.emit('added', thing);
        return thing;
      },
    },
    Subscription: {
      // `on` yields each event's arguments; returning the iterator removes the listener at once
      thingAdded: { subscribe: () => on(events, 'added'), resolve: ([thing]) => thing },
    },
  };
  const schema = buildSubgraphSchema({
    typeDefs: organizationTypeDefs({ motto: true }),
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
  return startSubgraph(schema, auth, () => events.listenerCount('added'));
}

/** Starts the subgraph that extends `Thing`, echoing the token it received for each entity. */
export function startPartyWorkSubgraph(auth: AuthConfig): Promise<TestSubgraph> {
  const resolvers: GraphQLResolverMap<Context> = {
    Thing: {
      __resolveReference: ({ id }: { id: string }, { authorization }: Context) => ({
        id,
        memberCount: 3,
        checkedWith: authorization,
      }),
    },
  };
  const schema = buildSubgraphSchema({
    typeDefs: partyWorkTypeDefs,
    resolvers: resolvers as GraphQLResolverMap<unknown>,
  });
  return startSubgraph(schema, auth, () => 0);
}

async function startSubgraph(
  schema: ReturnType<typeof buildSubgraphSchema>,
  auth: AuthConfig,
  subscribers: () => number,
): Promise<TestSubgraph> {
  const verifier = new GatewayPassVerifier(auth.gatewaySecret, memoryNonces());
  const httpAuthorizations: string[] = [];
  const wsAuthorizations: string[] = [];
  const apollo = new ApolloServer<Context>({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();

  const server = createServer(async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(key, value);
    }
    const text = await readText(req);
    let authorization: string;
    try {
      const verified = verifier.verifyRequestHeader(headers.get(GATEWAY_PASS_HEADER));
      await verifier.checkContent(verified.pass, text);
      authorization = `viewer:${verified.viewer.subject}`;
    } catch {
      httpAuthorizations.push('refused');
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ errors: [{ message: 'no gateway pass', extensions: { code: 'UNAUTHENTICATED' } }] }),
      );
      return;
    }
    httpAuthorizations.push(authorization);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method ?? 'GET',
        headers,
        search: '',
        body: text === '' ? undefined : JSON.parse(text),
      },
      context: async () => ({ authorization }),
    });
    res.writeHead(response.status ?? 200, Object.fromEntries(response.headers));
    res.end(response.body.kind === 'complete' ? response.body.string : '');
  });
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const wsCleanup = useServer<{ authorization?: string }, { authorization?: string }>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const viewer = verifier.verifyConnection(ctx.connectionParams);
          ctx.extra.authorization = `viewer:${viewer.subject}`;
        } catch {
          wsAuthorizations.push('refused');
          return false;
        }
        wsAuthorizations.push(ctx.extra.authorization);
        return true;
      },
      context: (ctx) => ({ authorization: ctx.extra.authorization }),
    },
    wsServer,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    httpAuthorizations,
    wsAuthorizations,
    openSockets: () => wsServer.clients.size,
    subscribers,
    async stop() {
      if (!server.listening) return;
      for (const client of wsServer.clients) client.terminate();
      await wsCleanup.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Nonces remembered in this process: the test subgraphs run alone, without Redis. */
function memoryNonces(): NonceStore {
  const seen = new Set<string>();
  return {
    async firstUse(nonce) {
      if (seen.has(nonce)) return false;
      seen.add(nonce);
      return true;
    },
  };
}
