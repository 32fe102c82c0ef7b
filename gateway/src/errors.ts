import { randomUUID } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@pb/platform/logger';
import { GraphQLError } from 'graphql';
import { isAsyncIterable, mapAsyncIterator } from 'graphql-yoga';

/**
 * How the gateway shows errors to clients. Errors the subgraphs raised on purpose (with a code and a
 * message for the user) pass through. A call to a subgraph that failed (refused, reset, timed out, or
 * answered with something that is not GraphQL) becomes SERVICE_UNAVAILABLE: the runtime's error for it
 * carries the subgraph's address, the query the gateway sent (`_entities` …) and the operating
 * system's words, none of them the client's business. Anything else is masked. Either way the log
 * keeps the original under an error id that the client can quote.
 */

/** Codes the runtime gives a call to a subgraph that failed. */
const FAILED_CALL_CODES = new Set([
  // the request could not be made: refused, reset, no such host
  'SUBREQUEST_HTTP_ERROR',
  // the answer was not GraphQL: a proxy's error page, an empty body
  'RESPONSE_VALIDATION_FAILED',
  // `upstreamTimeout` ran out; the HTTP executor's own abort on a timeout
  'GATEWAY_TIMEOUT',
  'TIMEOUT_ERROR',
]);
const TIMEOUT_CODES = new Set(['GATEWAY_TIMEOUT', 'TIMEOUT_ERROR']);

/** What Node, fetch or a socket say of a connection that failed, where no code says it. */
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket hang up|fetch failed/i;

/** How far down `originalError` / `cause` the masker looks; the chains the runtime builds are short. */
const MAX_CAUSES = 8;

/** The code a client sees for a failed call to a subgraph, whatever the failure. */
const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

const FAILED_CALL_MESSAGES = {
  timeout: 'A service behind the gateway did not answer in time; try again in a moment.',
  unreachable: 'A service behind the gateway is unavailable; try again in a moment.',
} as const;

/** A failed call to a subgraph: how it failed, and the runtime's error for it. */
interface FailedCall {
  kind: keyof typeof FAILED_CALL_MESSAGES;
  /**
   * The one error the runtime made of the call. It copies that error to every entity the call was
   * for (500 organizations, 500 errors), all wrapping this one.
   */
  source: object;
}

/**
 * The runtime's `maskedErrors.maskError`: what a client sees of each error in a result. The errors of
 * one failed call get one error id and one line in the log; {@link useOneErrorPerFailedCall} then
 * keeps one of them in the result.
 */
export function createErrorMasker(logger: Logger) {
  const idsOfFailedCalls = new WeakMap<object, string>();
  return (error: unknown, message: string): Error => {
    const graphQLError =
      error instanceof GraphQLError ? error : isAnsweredError(error) ? fromAnswer(error) : undefined;
    const original = graphQLError?.originalError ?? error;
    const failure = failedCall(error);
    if (failure) {
      let errorId = idsOfFailedCalls.get(failure.source);
      if (!errorId) {
        errorId = randomUUID();
        idsOfFailedCalls.set(failure.source, errorId);
        logger.warn(
          { err: original, errorId, subgraph: subgraphOf(error) },
          failure.kind === 'timeout'
            ? 'a subgraph did not answer in time'
            : 'a subgraph could not be reached',
        );
      }
      // a new error, not a copy: the original's extensions hold the subgraph's URL and the query sent
      return new GraphQLError(FAILED_CALL_MESSAGES[failure.kind], {
        path: graphQLError?.path,
        extensions: { code: SERVICE_UNAVAILABLE, errorId },
      });
    }
    // an error the subgraph or the gateway raised deliberately, for the user
    if (graphQLError && (!graphQLError.originalError || graphQLError.originalError instanceof GraphQLError)) {
      return graphQLError;
    }
    const errorId = randomUUID();
    logger.error({ err: original, errorId }, 'internal error');
    return new GraphQLError(`${message}; quote error id ${errorId} when reporting it.`, {
      path: graphQLError?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    });
  };
}

/** An error as it came in a subgraph's answer: plain JSON, not an Error. */
interface AnsweredError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

/**
 * Hive Router's executor hands a subgraph's errors on as they came in its answer (a subscription the
 * subgraph refused, say) rather than as GraphQLErrors; they are the subgraph's deliberate errors all
 * the same, which the subgraph has already masked where it had to.
 */
function isAnsweredError(error: unknown): error is AnsweredError {
  return (
    typeof error === 'object' &&
    error !== null &&
    !(error instanceof Error) &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function fromAnswer(error: AnsweredError): GraphQLError {
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}

/**
 * Keeps one SERVICE_UNAVAILABLE error per failed call in each answer over HTTP (the first, by its path),
 * so a client reads one failure as one error; the nulls in the data show where it struck. Runs after
 * the masker, which gave the copies of one failure one error id. (A graphql-ws event skips this hook;
 * it is about one record, so its copies are few.)
 */
export function useOneErrorPerFailedCall(): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      if (isAsyncIterable(result)) {
        setResult(mapAsyncIterator(result, oneErrorPerFailedCall));
      } else if (Array.isArray(result)) {
        setResult(result.map(oneErrorPerFailedCall));
      } else {
        setResult(oneErrorPerFailedCall(result));
      }
    },
  };
}

function oneErrorPerFailedCall<T extends { errors?: readonly unknown[] }>(result: T): T {
  if (!result.errors || result.errors.length < 2) return result;
  const seen = new Set<unknown>();
  const errors = result.errors.filter((error) => {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    if (extensions?.code !== SERVICE_UNAVAILABLE) return true;
    if (seen.has(extensions.errorId)) return false;
    seen.add(extensions.errorId);
    return true;
  });
  return errors.length === result.errors.length ? result : { ...result, errors };
}

/**
 * Whether `error`, or an error it wraps, is a call to a subgraph that failed, and how. The runtime
 * marks one with a code and the upstream request in its extensions (a deliberate error of a subgraph
 * comes from its answer and has neither); a wrapped socket error may carry only its message.
 */
function failedCall(error: unknown): FailedCall | undefined {
  let kind: FailedCall['kind'] | undefined;
  let source: object | undefined;
  for (const cause of causes(error)) {
    const extensions = extensionsOf(cause);
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    const timedOut = (code !== undefined && TIMEOUT_CODES.has(code)) || cause.name === 'TimeoutError';
    const marked = (code !== undefined && FAILED_CALL_CODES.has(code)) || extensions.request !== undefined;
    const said = typeof cause.message === 'string' && UNREACHABLE.test(cause.message);
    if (timedOut) kind = 'timeout';
    else if (marked || said) kind ??= 'unreachable';
    // the outer errors are per path (and copy the extensions); the innermost one is what they share
    if (timedOut || marked || said) source = cause;
  }
  return kind && source ? { kind, source } : undefined;
}

interface Cause {
  name?: unknown;
  message?: unknown;
  extensions?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

/** `error` and what it wraps, outermost first. */
function* causes(error: unknown): Generator<Cause> {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && typeof current === 'object' && current !== null; depth++) {
    const cause = current as Cause;
    yield cause;
    current = cause.originalError ?? cause.cause;
  }
}

function extensionsOf(cause: Cause): Record<string, unknown> {
  return typeof cause.extensions === 'object' && cause.extensions !== null
    ? (cause.extensions as Record<string, unknown>)
    : {};
}

/** The subgraph the runtime named on the error, for the log. */
function subgraphOf(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    const name = extensionsOf(cause).serviceName;
    if (typeof name === 'string') return name;
  }
  return undefined;
}
