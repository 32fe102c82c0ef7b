import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  css,
  editorWorkerService,
  graphqlWorker,
  js,
  jsonWorker,
} from '@graphql-yoga/render-graphiql/graphiql';
import { signDevelopmentToken } from '@pb/platform/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from './app.js';
import { type GatewayConfig, readGatewayConfig } from './config.js';
import { decodedBody, graphiqlAssetUrls, rawRequest } from './testing/raw-http.js';
import { composeSupergraph } from './testing/subgraphs.js';

const PRODUCTION_SECRET = 'a-production-secret-that-is-long-enough';

let dir: string;
let development: { gateway: Gateway; url: string };
let production: { gateway: Gateway; url: string; config: GatewayConfig };

async function start(env: Record<string, string>) {
  const config = readGatewayConfig({
    LOG_LEVEL: 'warn',
    SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
    DASHBOARD_DIST: join(dir, 'no-dashboard'),
    ...env,
  });
  const gateway = createGateway(config);
  const { url } = await gateway.start(0);
  return { gateway, url, config };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-graphiql-'));
  await writeFile(join(dir, 'supergraph.graphql'), composeSupergraph());
  development = await start({ NODE_ENV: 'test' });
  production = await start({
    NODE_ENV: 'production',
    JWT_SECRET: PRODUCTION_SECRET,
    GATEWAY_SECRET: 'a-production-gateway-secret-that-is-long-enough',
  });
});

afterAll(async () => {
  await Promise.all([development?.gateway.stop(), production?.gateway.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const page = (url: string, headers: Record<string, string> = {}) =>
  rawRequest(`${url}/graphql`, { headers: { accept: 'text/html', ...headers } });

describe('the GraphiQL page', () => {
  it('is small and revalidated, with the settings and saved queries inline', async () => {
    const response = await page(development.url, { 'accept-encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(response.body.length).toBeLessThan(30_000);
    const html = response.body.toString();
    expect(html).toContain('"subscriptionsProtocol":"WS"');
    expect(html).toMatch(/"connectionParams":\{"authorization":"Bearer ey/);
    expect(html).toContain('query EligibleNotEstablished(');
    // GraphiQL's own code is not in it
    expect(html).not.toContain('renderYogaGraphiQL');
  });

  it('answers 304 to a browser holding the same page', async () => {
    const token = await signDevelopmentToken(
      { subject: 'p', roles: ['analyst'] },
      { ...production.config.auth, secret: PRODUCTION_SECRET },
    );
    const authorization = `Bearer ${token}`;
    const first = await page(production.url, { authorization });
    expect(first.status).toBe(200);
    const again = await page(production.url, {
      authorization,
      'if-none-match': first.headers.etag as string,
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // still behind the token: the front door comes before the ETag
    expect((await page(production.url, { 'if-none-match': first.headers.etag as string })).status).toBe(401);
  });
});

describe("GraphiQL's assets", () => {
  let links: string[];
  let workers: Record<string, string>;

  beforeAll(async () => {
    ({ links, workers } = graphiqlAssetUrls((await page(development.url)).body.toString()));
  });

  it('are all served from this gateway under fingerprinted names', () => {
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const url of [...links, ...Object.values(workers)]) {
      expect(url).toMatch(/^\/graphql\/assets\/[\w-]+\.[\w-]{16}\.(js|css|ico|png)$/);
    }
    expect(Object.keys(workers).sort()).toEqual(['editorWorkerService', 'graphql', 'json']);
  });

  it("hold GraphiQL's script, styles and Monaco workers, byte for byte, in every encoding", async () => {
    const expected = new Map([
      [links.find((url) => url.includes('/graphiql.') && url.endsWith('.js')), js],
      [links.find((url) => url.includes('/graphiql.') && url.endsWith('.css')), css],
      [workers.editorWorkerService, editorWorkerService],
      [workers.json, jsonWorker],
      [workers.graphql, graphqlWorker],
    ]);
    for (const [url, content] of expected) {
      const etags = new Set<string>();
      for (const [accept, encoding] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        ['', undefined],
      ] as const) {
        const response = await rawRequest(`${development.url}${url}`, {
          headers: accept ? { 'accept-encoding': accept } : {},
        });
        expect(response.status).toBe(200);
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(response.headers.vary).toBe('accept-encoding');
        expect(Number(response.headers['content-length'])).toBe(response.body.length);
        expect(decodedBody(response).toString()).toBe(content);
        etags.add(response.headers.etag as string);
      }
      expect(etags.size).toBe(3);
    }
  });

  it('are compressed to a fraction of the page GraphiQL used to be', async () => {
    let identity = 0;
    let brotli = 0;
    for (const url of [...links, ...Object.values(workers)]) {
      identity += (await rawRequest(`${development.url}${url}`)).body.length;
      brotli += (await rawRequest(`${development.url}${url}`, { headers: { 'accept-encoding': 'br' } })).body
        .length;
    }
    expect(identity).toBeGreaterThan(8_000_000);
    expect(brotli).toBeLessThan(identity / 3);
  });

  it('answer 304 and HEAD, and need no token in production', async () => {
    const url = `${development.url}${links.find((link) => link.endsWith('.js'))}`;
    const first = await rawRequest(url, { headers: { 'accept-encoding': 'br' } });
    const again = await rawRequest(url, {
      headers: { 'accept-encoding': 'br', 'if-none-match': first.headers.etag as string },
    });
    expect(again.status).toBe(304);
    const head = await rawRequest(url, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(first.headers['content-length']);
    // a browser sends no Authorization header for scripts, styles or workers
    const public_ = await rawRequest(`${production.url}${links.find((link) => link.endsWith('.js'))}`);
    expect(public_.status).toBe(200);
  });

  it('refuses names it does not hold, and anything but GET and HEAD', async () => {
    const js = links.find((link) => link.endsWith('.js'))!;
    expect((await rawRequest(`${development.url}/graphql/assets/graphiql.0000000000000000.js`)).status).toBe(
      404,
    );
    expect((await rawRequest(`${development.url}/graphql/assets/../../package.json`)).status).toBe(404);
    expect((await rawRequest(`${development.url}${js}`, { method: 'POST' })).status).toBe(405);
  });
});
