import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** A response as it came over the wire: the body still encoded, and what it cost in bytes. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Status line, header lines and body, as the client received them. */
  transferred: number;
}

/**
 * One HTTP request with Node's client, which (unlike fetch) sends no Accept-Encoding of its own and
 * leaves the body as sent, so tests see exactly the encoding the server chose.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        let head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, transferred: head + body.length });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the server meant it, whichever content coding it went out in. */
export function decodedBody({ headers, body }: Pick<RawResponse, 'headers' | 'body'>): Buffer {
  const encoding = headers['content-encoding'];
  return encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
}

/** What the GraphiQL page loads: its links and scripts, and the workers Monaco starts from it. */
export function graphiqlAssetUrls(html: string): { links: string[]; workers: Record<string, string> } {
  const links = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
  const workers = JSON.parse(/return (\{[^}]*\})\[label\]/.exec(html)![1]!) as Record<string, string>;
  return { links, workers };
}
