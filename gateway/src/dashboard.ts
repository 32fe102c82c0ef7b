import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import {
  acceptedEncodings,
  contentTypeOf,
  ENCODING_SUFFIX,
  type Encoding,
  IMMUTABLE,
  REVALIDATE,
  refuseUnlessRead,
  sendRepresentation,
  sendText,
} from './static-assets.js';

/**
 * Serves the built dashboard from `dist`: files with their content type, any other GET path without
 * a file extension as `index.html` (the app routes in the browser), and a one-line hint when the
 * dashboard has not been built. Vite fingerprints everything under `assets/`, so those are kept a
 * year; the rest is revalidated. The build writes `.br` and `.gz` beside each file worth compressing
 * (`dashboard/vite.config.ts`); the one the client accepts goes out, brotli first.
 */
export function createDashboardHandler(dist: string) {
  const root = resolve(dist);
  const indexHtml = join(root, 'index.html');

  return async function serveDashboard(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (refuseUnlessRead(req, res, 'GraphQL is at /graphql.')) return;
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
  original: Stats,
  cacheControl: string,
): Promise<void> {
  let chosen: { path: string; stats: Stats; encoding: Encoding } = {
    path,
    stats: original,
    encoding: 'identity',
  };
  for (const encoding of acceptedEncodings(req.headers['accept-encoding'])) {
    const variantPath = path + ENCODING_SUFFIX[encoding];
    const variant = await fileStat(variantPath);
    // a variant older than its original is left over from another build: never serve stale bytes
    if (!variant || variant.mtimeMs < original.mtimeMs) continue;
    chosen = { path: variantPath, stats: variant, encoding };
    break;
  }
  const { size, mtimeMs } = chosen.stats;
  return sendRepresentation(req, res, {
    contentType: contentTypeOf(path),
    cacheControl,
    etag: `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}-${chosen.encoding}"`,
    encoding: chosen.encoding,
    size,
    body: () => createReadStream(chosen.path),
  });
}
