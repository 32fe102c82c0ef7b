import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@pb/platform/logger';
import type { TokenVerifier, Viewer } from '@pb/platform/viewer';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { FrontDoorConfig } from './config.js';

/**
 * The gateway's perimeter, checked on the raw HTTP request before anything is read or parsed: request
 * rate per client address and per token, body size, content type (CSRF) and the bearer token. A request
 * refused here costs microseconds; GraphQL's own limits (tokens, depth, aliases, directives, cost) follow
 * in the runtime. WebSocket connections meet the same address and token limits when they open and
 * when they subscribe, and each operation of a batched request after the first when the runtime has
 * read the batch (batches.ts).
 */

/** A refusal: the HTTP status, a stable code and a message that says what to change. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds before trying again, for 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** What passed the door: the verified viewer and the `Authorization` value to forward. */
export interface Admitted {
  viewer: Viewer;
  authorization: string;
}

/** JSON bodies only: a browser can send a form or plain text cross-site without asking (CSRF). */
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

export class FrontDoor {
  private readonly perAddress: RateLimiterMemory;
  private readonly perToken: RateLimiterMemory;
  /** Open WebSocket connections by client address and by token key. */
  private readonly socketsByAddress = new Map<string, number>();
  private readonly socketsByToken = new Map<string, number>();

  constructor(
    readonly config: FrontDoorConfig,
    private readonly verifier: TokenVerifier,
    private readonly logger: Logger,
  ) {
    this.perAddress = new RateLimiterMemory({
      keyPrefix: 'address',
      points: config.requestsPerAddress,
      duration: config.rateWindowSeconds,
    });
    this.perToken = new RateLimiterMemory({
      keyPrefix: 'token',
      points: config.requestsPerToken,
      duration: config.rateWindowSeconds,
    });
  }

  /**
   * Admits a GraphQL request over HTTP, or throws a {@link Refusal}. Nothing of the body has been read:
   * its size is judged by `Content-Length`, and a body without one is refused (fetch, curl and
   * browsers always send it).
   */
  async admitHttp(req: IncomingMessage): Promise<Admitted> {
    const address = clientAddress(req);
    await this.consume(this.perAddress, address, 'this address');
    if (req.method === 'POST') {
      const length = req.headers['content-length'];
      if (length === undefined) {
        throw new Refusal(411, 'LENGTH_REQUIRED', 'Send the request body with a Content-Length header.');
      }
      if (Number(length) > this.config.maxBodyBytes) {
        throw new Refusal(
          413,
          'PAYLOAD_TOO_LARGE',
          `The request body is ${length} bytes; the limit is ${this.config.maxBodyBytes}. Send a shorter query or smaller variables.`,
        );
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!JSON_TYPES.includes(type)) {
        throw new Refusal(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'POST a JSON body with Content-Type: application/json; forms and plain text are not executed.',
        );
      }
    } else if (req.method !== 'GET') {
      throw new Refusal(405, 'METHOD_NOT_ALLOWED', 'Use POST with a JSON body, or GET for a query.');
    }
    const authorization = req.headers.authorization;
    const viewer = await this.verify(authorization);
    await this.consume(this.perToken, tokenKey(authorization!, viewer, address), 'this token');
    return { viewer, authorization: authorization! };
  }

  /** A WebSocket upgrade: refused with 429 when the address holds too many connections. */
  admitSocket(req: IncomingMessage): Refusal | undefined {
    const address = clientAddress(req);
    if ((this.socketsByAddress.get(address) ?? 0) >= this.config.socketsPerAddress) {
      return new Refusal(
        429,
        'TOO_MANY_CONNECTIONS',
        `This address holds ${this.config.socketsPerAddress} WebSocket connections, the limit; close some.`,
        this.config.rateWindowSeconds,
      );
    }
    return undefined;
  }

  /** Counts an open WebSocket against its address; the returned function releases it. */
  openSocket(req: IncomingMessage): () => void {
    const address = clientAddress(req);
    increment(this.socketsByAddress, address);
    return () => decrement(this.socketsByAddress, address);
  }

  /**
   * A WebSocket's `ConnectionInit`: verifies its token and counts the connection against it. Returns
   * the release function, or throws a Refusal.
   */
  async admitConnection(
    req: IncomingMessage,
    authorization: string | undefined,
  ): Promise<Admitted & { release(): void }> {
    if (!authorization) {
      throw new Refusal(
        401,
        'UNAUTHENTICATED',
        'Send connectionParams.authorization: "Bearer <token>" (pnpm run token prints one).',
      );
    }
    const viewer = await this.verify(authorization);
    const key = tokenKey(authorization!, viewer, clientAddress(req));
    if ((this.socketsByToken.get(key) ?? 0) >= this.config.socketsPerToken) {
      throw new Refusal(
        429,
        'TOO_MANY_CONNECTIONS',
        `This token holds ${this.config.socketsPerToken} WebSocket connections, the limit; reuse one for several subscriptions.`,
      );
    }
    increment(this.socketsByToken, key);
    let released = false;
    return {
      viewer,
      authorization: authorization!,
      release: () => {
        if (released) return;
        released = true;
        decrement(this.socketsByToken, key);
      },
    };
  }

  /** A subscribe message on an admitted connection: it counts against the token's and the address's rate. */
  async admitOperation(req: IncomingMessage, admitted: Admitted, activeOnConnection: number): Promise<void> {
    if (activeOnConnection >= this.config.subscriptionsPerConnection) {
      throw new Refusal(
        429,
        'TOO_MANY_SUBSCRIPTIONS',
        `This connection holds ${this.config.subscriptionsPerConnection} operations, the limit; complete some first.`,
      );
    }
    await this.countOperation(req, admitted);
  }

  /**
   * One more operation of an admitted request (a subscribe message, an operation of a batch after the
   * first): it counts against the address's and the token's rate like a request of its own, or throws
   * a {@link Refusal}.
   */
  async countOperation(req: IncomingMessage, admitted: Admitted): Promise<void> {
    const address = clientAddress(req);
    await this.consume(this.perAddress, address, 'this address');
    await this.consume(
      this.perToken,
      tokenKey(admitted.authorization, admitted.viewer, address),
      'this token',
    );
  }

  private async verify(authorization: string | undefined): Promise<Viewer> {
    try {
      return await this.verifier.viewerFromHeader(authorization);
    } catch (error) {
      throw new Refusal(401, 'UNAUTHENTICATED', (error as Error).message);
    }
  }

  private async consume(limiter: RateLimiterMemory, key: string, whose: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      this.logger.debug({ key: whose, retryAfter }, 'rate limit reached');
      throw new Refusal(
        429,
        'RATE_LIMITED',
        `Too many requests from ${whose} (at most ${limiter.points} in ${limiter.duration} s); retry after ${retryAfter} s.`,
        retryAfter,
      );
    }
  }
}

/** Writes a refusal as a GraphQL-shaped JSON error, with `Retry-After` on 429. */
export function sendRefusal(res: ServerResponse, refusal: Refusal): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  };
  if (refusal.retryAfter !== undefined) headers['retry-after'] = String(refusal.retryAfter);
  // the body was not read: close the connection rather than drain what the client may still send
  if (refusal.status === 413 || refusal.status === 411) headers.connection = 'close';
  res.writeHead(refusal.status, headers);
  res.end(refusalBody(refusal));
}

/** A refusal in the GraphQL error shape clients already read. */
export function refusalBody(refusal: Refusal): string {
  return JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
}

/**
 * A refusal as the error of one operation, where the answer goes on (a graphql-ws subscription, an
 * operation of a batch): its code, and when to retry.
 */
export function refusalError(refusal: Refusal): GraphQLError {
  return new GraphQLError(refusal.message, {
    extensions: { code: refusal.code, ...(refusal.retryAfter ? { retryAfter: refusal.retryAfter } : {}) },
  });
}

/** The peer's address; the gateway is reached directly, not through a proxy that would hide it. */
function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * The key a token's limits are counted under: a hash of the token itself. A `wall` token is one token
 * shared by every screen of a deployment (`WALL_TOKEN`), so its limits count per token and address:
 * one wall screen, not all of them together.
 */
function tokenKey(authorization: string, viewer: Viewer, address: string): string {
  const hash = createHash('sha256').update(authorization).digest('base64url').slice(0, 22);
  return viewer.roles.length === 1 && viewer.roles[0] === 'wall' ? `${hash}@${address}` : hash;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left <= 0) counts.delete(key);
  else counts.set(key, left);
}
