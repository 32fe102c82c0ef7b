import type { GraphQLResolveInfo } from 'graphql';

/**
 * What the audit log keeps of the request a read came through. Every value is bounded here so that no
 * request, whatever its headers, makes a personal-data read fail at the audit write: the read is refused
 * only when the write itself fails (the log is never skipped).
 */
export interface AuditedRequest {
  /** The gateway's id of the request, as the platform passes it; at most 64 characters. */
  requestId: string;
  /** The client's own `x-request-id`, only when well formed; it is never taken for the request id. */
  clientRequestId: string | null;
  operationName: string | null;
}

/** The request id column's width. */
const REQUEST_ID_MAX = 64;
const OPERATION_NAME_MAX = 128;
/** The platform's rule for a client's request id; anything else is not kept at all. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The client's request id as the subgraph context carries it, checked again here: the platform validates
 * it, but this is where it is written, and a context built elsewhere (a test, a subscription) may not be.
 */
export function wellFormedClientRequestId(value: unknown): string | null {
  return typeof value === 'string' && CLIENT_REQUEST_ID.test(value) ? value : null;
}

/**
 * The request of a resolver's context. The operation's name is the context's when the platform gives one
 * (the client's, as the gateway saw it), else the name of the operation this subgraph executes.
 */
export function auditedRequest(
  context: { requestId: string; clientRequestId?: string | null },
  info?: GraphQLResolveInfo,
): AuditedRequest {
  const given = (context as { operationName?: unknown }).operationName;
  const operationName = typeof given === 'string' && given ? given : (info?.operation.name?.value ?? null);
  return {
    requestId: clip(context.requestId, REQUEST_ID_MAX),
    clientRequestId: wellFormedClientRequestId(context.clientRequestId),
    operationName: operationName ? clip(operationName, OPERATION_NAME_MAX) : null,
  };
}

/** At most `max` characters, cut between code points so the rest stays valid UTF-8. */
export function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  return Array.from(value).slice(0, max).join('');
}
