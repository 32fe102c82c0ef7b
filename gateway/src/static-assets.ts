import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * What the wall's files and GraphiQL's assets have in common: content types, content-coding
 * negotiation and the caching headers. The bytes of every encoding are made ahead (the wall's at
 * build, GraphiQL's once at start); nothing here compresses.
 */

export const CONTENT_TYPES: Record<string, string> = {
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

export const contentTypeOf = (path: string): string =>
  CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/** A name that carries its content's hash never changes content, so a browser keeps it a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Anything else is revalidated (a 304 when unchanged), so a new build shows at the next load. */
export const REVALIDATE = 'no-cache';

/** A content coding made ahead; `identity` is the bytes as they are. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** The suffix of a precompressed file beside its original (`index.js.br`). */
export const ENCODING_SUFFIX = { br: '.br', gzip: '.gz' } as const;

/**
 * The compressed codings a client accepts, best first: brotli (smaller) before gzip, whatever their
 * q-values, as long as they are above 0. An explicit entry wins over `*`. Identity is always the
 * fallback (a client refusing it too is rare enough that it gets it anyway, as RFC 9110 allows).
 */
export function acceptedEncodings(header: string | string[] | undefined): Array<'br' | 'gzip'> {
  const qualities = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    qualities.set(name, q === undefined ? 1 : Number(q));
  }
  const wildcard = qualities.get('*') ?? 0;
  return (['br', 'gzip'] as const).filter((coding) => (qualities.get(coding) ?? wildcard) > 0);
}

/** One encoding of one resource, ready to send. */
export interface Representation {
  contentType: string;
  cacheControl: string;
  /** Differs per encoding: a cache must never answer a gzip request with brotli bytes. */
  etag: string;
  encoding: Encoding;
  size: number;
  /** The bytes (or a stream of them); not called for HEAD or 304. */
  body: Buffer | (() => Readable);
}

/** `If-None-Match` against an ETag, with the weak comparison RFC 9110 prescribes for it. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** Sends a representation of a GET or HEAD: 304 when the client holds it, headers only for HEAD. */
export async function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  representation: Representation,
): Promise<void> {
  res.setHeader('cache-control', representation.cacheControl);
  res.setHeader('etag', representation.etag);
  res.setHeader('x-content-type-options', 'nosniff');
  // every static answer may have other encodings, so caches key on Accept-Encoding
  res.setHeader('vary', 'accept-encoding');
  if (matches(req.headers['if-none-match'], representation.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', representation.contentType);
  if (representation.encoding !== 'identity') res.setHeader('content-encoding', representation.encoding);
  res.setHeader('content-length', representation.size);
  const { body } = representation;
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  await pipeline(body(), res);
}

/** A plain-text answer: an error, or a hint. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${text}\n`);
}

/** Static files are read, never written: anything but GET and HEAD gets 405. */
export function refuseUnlessRead(req: IncomingMessage, res: ServerResponse, hint: string): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  sendText(res, 405, `Only GET and HEAD are served here; ${hint}`, { allow: 'GET, HEAD' });
  return true;
}
