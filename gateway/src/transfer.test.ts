import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from './app.js';
import { readGatewayConfig } from './config.js';
import { decodedBody, graphiqlAssetUrls, type RawResponse, rawRequest } from './testing/raw-http.js';
import { composeSupergraph } from './testing/subgraphs.js';

/**
 * What a browser transfers (status lines, headers and bodies) for a first load of the wall and for a
 * GraphiQL visit after the first, from the real built wall (`pnpm --filter @pb/dashboard run build`)
 * through the real gateway. Skipped when the wall is not built.
 */

const DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
/** What Chromium, Firefox and Safari send. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const KB = 1000;

let dir: string;
let gateway: Gateway;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-transfer-'));
  await writeFile(join(dir, 'supergraph.graphql'), composeSupergraph());
  gateway = createGateway(
    readGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
      DASHBOARD_DIST: DIST,
    }),
  );
  ({ url } = await gateway.start(0));
});

afterAll(async () => {
  await gateway?.stop();
  await rm(dir, { recursive: true, force: true });
});

const sum = (responses: RawResponse[]) => responses.reduce((total, r) => total + r.transferred, 0);
const sameOrigin = (reference: string) => reference.startsWith('/') && !reference.startsWith('//');

/**
 * The wall's first load: index.html, what it links, the chunks its scripts import (statically, and
 * dynamically: the map's chunk loads right after the first paint), and the national map's data, which
 * the wall opens on. Province maps load only on a drill-down and are not counted.
 */
async function firstWallLoad(headers: Record<string, string>) {
  const responses = new Map<string, RawResponse>();
  const fetchOnce = async (path: string) => {
    if (!responses.has(path)) responses.set(path, await rawRequest(`${url}${path}`, { headers }));
    return responses.get(path)!;
  };
  const html = decodedBody(await fetchOnce('/')).toString();
  const pending = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter(sameOrigin);
  while (pending.length > 0) {
    const path = pending.shift()!;
    if (responses.has(path)) continue;
    const response = await fetchOnce(path);
    expect(response.status, path).toBe(200);
    if (!path.endsWith('.js')) continue;
    const code = decodedBody(response).toString();
    const base = path.slice(0, path.lastIndexOf('/') + 1);
    for (const [, chunk] of code.matchAll(/(?:from|import)\s*\(?\s*["'`](\.\/[\w.-]+\.js)["'`]/g)) {
      pending.push(base + chunk!.slice(2));
    }
    for (const [, data] of code.matchAll(/["'`](\/assets\/china-[\w-]+\.json)["'`]/g)) pending.push(data!);
  }
  return [...responses.entries()];
}

async function graphiqlVisits(headers: Record<string, string>) {
  const first = await rawRequest(`${url}/graphql`, { headers: { ...headers, accept: 'text/html' } });
  const { links, workers } = graphiqlAssetUrls(first.body.toString());
  const assets = [...links, ...Object.values(workers)];
  const assetResponses = await Promise.all(assets.map((path) => rawRequest(`${url}${path}`, { headers })));
  for (const response of assetResponses) {
    expect(response.headers['cache-control']).toContain('immutable');
  }
  // a later visit: the assets are immutable, so the browser asks only for the page, revalidating it: a
  // 304 while the page is the same (its development token is reused for an hour), else the page alone
  const revisit = (etag: string) =>
    rawRequest(`${url}/graphql`, { headers: { ...headers, accept: 'text/html', 'if-none-match': etag } });
  return {
    first: [first, ...assetResponses],
    unchanged: await revisit(first.headers.etag as string),
    changed: await revisit('"another-page"'),
  };
}

describe.skipIf(!existsSync(join(DIST, 'index.html')))('what a browser transfers', () => {
  it('loads the wall the first time in under 400 KB', async () => {
    const compressed = await firstWallLoad(BROWSER);
    const identity = await firstWallLoad({});
    const lines = compressed.map(
      ([path, r]) =>
        `  ${path} ${r.headers['content-encoding'] ?? 'identity'} ${(r.transferred / KB).toFixed(1)} KB`,
    );
    console.log(
      `wall, first load: ${(sum(compressed.map(([, r]) => r)) / KB).toFixed(1)} KB compressed, ` +
        `${(sum(identity.map(([, r]) => r)) / KB).toFixed(1)} KB without Accept-Encoding, ${compressed.length} requests\n${lines.join('\n')}`,
    );
    expect(compressed.map(([path]) => path)).toEqual(identity.map(([path]) => path));
    expect(sum(compressed.map(([, r]) => r))).toBeLessThan(400 * KB);
  });

  it('visits GraphiQL again in under 100 KB', async () => {
    const { first, unchanged, changed } = await graphiqlVisits(BROWSER);
    console.log(
      `GraphiQL: first visit ${(sum(first) / KB).toFixed(1)} KB in ${first.length} requests; ` +
        `a later one 1 request: ${(changed.transferred / KB).toFixed(1)} KB when the page changed (200), ` +
        `${(unchanged.transferred / KB).toFixed(1)} KB when it did not (304)`,
    );
    expect([changed.status, unchanged.status]).toEqual([200, 304]);
    expect(changed.transferred).toBeLessThan(100 * KB);
  });
});
