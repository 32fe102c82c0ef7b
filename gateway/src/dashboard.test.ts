import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardHandler } from './dashboard.js';
import { decodedBody, rawRequest } from './testing/raw-http.js';

/** The wall's files as the build leaves them: originals with `.br` and `.gz` beside those worth it. */
const script = Buffer.from(`console.log(${JSON.stringify('党建大屏 '.repeat(400))});\n`);
const styles = Buffer.from('body { color: #a4000f; }\n'.repeat(100));
const html = Buffer.from(`<!doctype html><title>wall</title>${'<!-- padding -->'.repeat(100)}`);
const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-dashboard-'));
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  const files: Array<[string, Buffer]> = [
    ['index.html', html],
    ['assets/app-1a2b3c.js', script],
    ['assets/app-1a2b3c.css', styles],
    ['assets/logo-9f8e7d.png', image],
  ];
  for (const [name, bytes] of files) {
    await writeFile(join(dist, name), bytes);
    if (name.endsWith('.png')) continue;
    await writeFile(join(dist, `${name}.br`), brotliCompressSync(bytes));
    await writeFile(join(dist, `${name}.gz`), gzipSync(bytes, { level: 9 }));
  }
  // a stylesheet whose gzip copy is older than it (left from an earlier build) must not be served
  const past = new Date(Date.now() - 60_000);
  await utimes(join(dist, 'assets/app-1a2b3c.css.gz'), past, past);
  await writeFile(join(dir, 'secret.txt'), 'outside dist');
  const serveDashboard = createDashboardHandler(dist);
  server = createServer((req, res) => void serveDashboard(req, res));
  await new Promise<void>((resolve) => server.listen(0, resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawRequest(`${url}${path}`, { method, headers });

describe('content coding', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.1', 'br'],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['*;q=0', undefined],
    ['gzip;q=0', undefined],
    ['identity', undefined],
    ['', undefined],
  ])('Accept-Encoding "%s" gets %s', async (accept, expected) => {
    const response = await get('/assets/app-1a2b3c.js', accept ? { 'accept-encoding': accept } : {});
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(expected);
    expect(response.headers.vary).toBe('accept-encoding');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(decodedBody(response)).toEqual(script);
  });

  it('sends the precompressed file, smaller than the original', async () => {
    const br = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'br' });
    const gzip = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'gzip' });
    expect(br.body.length).toBeLessThan(gzip.body.length);
    expect(gzip.body.length).toBeLessThan(script.length);
  });

  it('compresses index.html and the app routes that fall back to it', async () => {
    for (const path of ['/', '/regions/330000']) {
      const response = await get(path, { 'accept-encoding': 'gzip, br' });
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(decodedBody(response)).toEqual(html);
    }
  });

  it('sends files without a compressed copy as they are', async () => {
    const response = await get('/assets/logo-9f8e7d.png', { 'accept-encoding': 'br, gzip' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body).toEqual(image);
  });

  it('never serves a compressed copy older than its original', async () => {
    const response = await get('/assets/app-1a2b3c.css', { 'accept-encoding': 'gzip' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toEqual(styles);
  });
});

describe('caching', () => {
  it('keeps fingerprinted assets a year and revalidates everything else', async () => {
    const asset = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await get('/', { 'accept-encoding': 'br' });
    expect(index.headers['cache-control']).toBe('no-cache');
  });

  it('gives each encoding its own ETag and answers 304 only to the one the client holds', async () => {
    const etags = new Map<string, string>();
    for (const accept of ['br', 'gzip', 'identity']) {
      const first = await get('/', { 'accept-encoding': accept });
      const etag = first.headers.etag as string;
      etags.set(accept, etag);
      const again = await get('/', { 'accept-encoding': accept, 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
      expect(again.headers.vary).toBe('accept-encoding');
    }
    expect(new Set(etags.values()).size).toBe(3);
    // a cache holding the gzip bytes that now asks for brotli gets the brotli bytes, not a 304
    const switched = await get('/', { 'accept-encoding': 'br', 'if-none-match': etags.get('gzip')! });
    expect(switched.status).toBe(200);
    expect(switched.headers['content-encoding']).toBe('br');
    const anyOf = await get('/', { 'accept-encoding': 'br', 'if-none-match': `"x", ${etags.get('br')}` });
    expect(anyOf.status).toBe(304);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get_ = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'br' });
    const head = await get('/assets/app-1a2b3c.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of [
      'content-encoding',
      'content-length',
      'content-type',
      'etag',
      'cache-control',
      'vary',
    ]) {
      expect(head.headers[name]).toBe(get_.headers[name]);
    }
  });
});

describe('refusals', () => {
  it.each([
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
  ])('refuses %s, outside the build', async (path) => {
    const response = await get(path, { 'accept-encoding': 'br, gzip' });
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain('outside dist');
  });

  it('refuses missing files, other methods and malformed URLs', async () => {
    expect((await get('/assets/missing.js')).status).toBe(404);
    const post = await get('/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });
});
