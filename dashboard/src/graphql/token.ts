import { t } from '@/i18n';
import { backoffDelay, sleep } from '@/utils/backoff';

/** Where the wall's bearer token comes from; shared by the HTTP and the WebSocket transport. */
export interface TokenSource {
  /** The current token; waits (retrying) until one can be read. */
  get(): Promise<string>;
  /** Forgets a token the gateway rejected so the next {@link get} reads it again. */
  invalidate(): void;
}

/** Options of {@link createTokenSource}. */
export interface TokenSourceOptions {
  /** Token from `?token=`; when set it is used as is and never re-read. */
  token: string | null;
  /** @default '/wall-config.json' */
  configUrl?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default backoffDelay */
  retryDelay?: (attempt: number) => number;
  /** Told why a read failed; the read is retried. */
  onProblem?: (message: string) => void;
  /**
   * The answer to a request for `configUrl` already sent and read (index.html sends it before the
   * wall's code has loaded); the first read takes it instead of asking again. A failed one is read
   * again as usual.
   */
  early?: Promise<WallConfigAnswer>;
}

/**
 * `GET /wall-config.json` with its body already read. index.html reads the body as soon as it arrives:
 * read only when the first query asks for the token, it would wait for a network task, which the
 * browser runs after laying out and painting the just-mounted wall, and the first queries with it.
 */
export interface WallConfigAnswer {
  status: number;
  /** the parsed JSON when the status is 2xx, else null */
  body: unknown;
}

/** Asks for `url` as index.html does (keep the two alike). */
export async function readWallConfig(url: string, fetchImpl: typeof fetch): Promise<WallConfigAnswer> {
  const response = await fetchImpl(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  return { status: response.status, body: response.ok ? await response.json() : null };
}

/**
 * A token from the URL, else from `GET /wall-config.json` → `{"token":"…"}`, read again after the
 * gateway rejects it (a rotated token is picked up without a reload).
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const fixed = options.token;
  if (fixed) {
    return { get: async () => fixed, invalidate: () => {} };
  }
  const configUrl = options.configUrl ?? '/wall-config.json';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const retryDelay = options.retryDelay ?? ((attempt: number) => backoffDelay(attempt));
  let current: Promise<string> | null = null;
  let early = options.early;

  async function read(): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        const sent = early;
        early = undefined;
        const { status, body } = await (sent ?? readWallConfig(configUrl, fetchImpl));
        if (status < 200 || status > 299) {
          throw new Error(t('problem.configStatus', { url: configUrl, status }));
        }
        const token = typeof body === 'object' && body !== null && 'token' in body ? body.token : undefined;
        if (typeof token !== 'string' || token.trim() === '') {
          throw new Error(t('problem.configToken', { url: configUrl }));
        }
        return token.trim();
      } catch (error) {
        options.onProblem?.(error instanceof Error ? error.message : String(error));
        await sleep(retryDelay(attempt));
      }
    }
  }

  return {
    get: () => {
      current ??= read();
      return current;
    },
    invalidate: () => {
      current = null;
    },
  };
}
