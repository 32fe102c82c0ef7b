import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from './config.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('readGatewayConfig', () => {
  it('defaults to the repository layout and the supergraph URLs', () => {
    const config = readGatewayConfig({});
    expect(config).toMatchObject({
      environment: 'development',
      port: 4000,
      supergraphPath: `${repo}schema/supergraph.graphql`,
      dashboardDist: `${repo}dashboard/dist`,
      savedQueriesDir: `${repo}gateway/saved-queries`,
      subgraphUrls: {},
      wallToken: undefined,
    });
  });

  it('reads the subgraph URL overrides by their join__Graph name', () => {
    const config = readGatewayConfig({
      ORGANIZATION_URL: 'http://organization:4001/graphql',
      PARTY_WORK_URL: 'http://party-work:4002/graphql',
      WALL_TOKEN: 'wall',
    });
    expect(config.subgraphUrls).toEqual({
      ORGANIZATION: 'http://organization:4001/graphql',
      PARTY_WORK: 'http://party-work:4002/graphql',
    });
    expect(config.wallToken).toBe('wall');
  });

  it('names every wrong variable at once', () => {
    const read = () => readGatewayConfig({ PORT: 'http', PARTY_WORK_URL: 'party-work:4002' });
    expect(read).toThrow('PORT must be an integer from 0 to 65535, got "http"');
    expect(read).toThrow('PARTY_WORK_URL must be a http: or https: URL, got "party-work:4002"');
  });
});
