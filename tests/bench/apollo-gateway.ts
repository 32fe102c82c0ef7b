/**
 * `@apollo/gateway` 2 on `@apollo/server` on the same supergraph and subgraphs as ours, for `pnpm bench
 * gateway` only (run as its own process: `tsx tests/bench/apollo-gateway.ts`). Like ours it verifies the
 * bearer token and signs each subgraph request with the gateway's secret (the subgraphs answer nothing
 * else), over the exact body it sends. It applies no limits of ours: the comparison flatters it.
 *
 * Environment: SUPERGRAPH_PATH, ORGANIZATION_URL, PARTY_WORK_URL, PORT; the auth settings as every server.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { EnvReader, readCommonConfig } from '@pb/platform/config';
import { GATEWAY_PASS_HEADER, GatewayPassSigner, type PassViewer } from '@pb/platform/gateway-pass';
import { TokenVerifier, type Viewer } from '@pb/platform/viewer';

const reader = new EnvReader(process.env);
const common = readCommonConfig(reader);
reader.done();
const urls: Record<string, string> = {
  organization: process.env.ORGANIZATION_URL ?? '',
  'party-work': process.env.PARTY_WORK_URL ?? '',
};
const signer = new GatewayPassSigner(common.auth.gatewaySecret);
const verifier = await TokenVerifier.create(common.auth);
const VIEWER_HEADER = 'x-bench-viewer';

/** Sends as ours does: a pass over the final body, for the viewer the context carried. */
class SignedDataSource extends RemoteGraphQLDataSource<{ viewer: Viewer }> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<{ viewer: Viewer }>) {
    const { viewer } = context as { viewer: Viewer };
    const claims: PassViewer = {
      subject: viewer.subject,
      roles: viewer.roles,
      regionCode: viewer.regionCode,
    };
    request.http?.headers.set(VIEWER_HEADER, JSON.stringify(claims));
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH ?? 'schema/supergraph.graphql', 'utf8'),
  buildService: ({ name }) =>
    new SignedDataSource({
      url: urls[name],
      fetcher: async (url, init) => {
        const headers = new Headers(init?.headers as HeadersInit);
        const viewer = JSON.parse(headers.get(VIEWER_HEADER) ?? 'null') as PassViewer;
        headers.delete(VIEWER_HEADER);
        const body = typeof init?.body === 'string' ? init.body : '';
        headers.set(GATEWAY_PASS_HEADER, signer.forRequest(viewer, body, { requestId: randomUUID() }));
        return fetch(url, { ...init, headers } as RequestInit) as never;
      },
    }),
});
const server = new ApolloServer<{ viewer: Viewer }>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 0), host: '127.0.0.1' },
  context: async ({ req }) => ({ viewer: await verifier.viewerFromHeader(req.headers.authorization) }),
});
process.stdout.write(`apollo-gateway listening ${url}\n`);
