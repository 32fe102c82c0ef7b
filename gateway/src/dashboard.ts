import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Vite fingerprints everything under `assets/`, so a name never changes content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is revalidated, so a new build shows at the next load. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built dashboard from `dist`: files with their content type, any other GET path without
 * a file extension as `index.html` (the app routes in the browser), and a one-line hint when the
 * dashboard has not been built.
 */
export function createDashboardHandler(dist: string) {
  const root = resolve(dist);
  const indexHtml = join(root, 'index.html');

  return async function serveDashboard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Only GET and HEAD are served here; GraphQL is at /graphql.', {
        allow: 'GET, HEAD',
      });
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://gateway').pathname);
    } catch {
      return sendText(res, 400, 'Malformed URL.');
    }
    const file = resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return sendText(res, 404, 'Not found.');

    const found = await fileStat(file);
    if (found)
      return sendFile(req, res, file, found, pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    if (extname(pathname) !== '') return sendText(res, 404, 'Not found.');
    const index = await fileStat(indexHtml);
    if (!index) return sendText(res, 404, 'The dashboard is not built: run `pnpm build`, then reload.');
    return sendFile(req, res, indexHtml, index, REVALIDATE);
  };
}

async function fileStat(path: string) {
  const found = await stat(path).catch(() => undefined);
  return found?.isFile() ? found : undefined;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  { size, mtimeMs }: { size: number; mtimeMs: number },
  cacheControl: string,
): Promise<void> {
  const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', etag);
  res.setHeader('x-content-type-options', 'nosniff');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('content-length', size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(path), res);
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}
