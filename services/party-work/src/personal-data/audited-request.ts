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

/**
 * The request of a resolver's context (whose client request id the context factory validated), with the
 * name of the operation this subgraph executes.
 */
export function auditedRequest(
  context: { requestId: string; clientRequestId?: string | null },
  info?: GraphQLResolveInfo,
): AuditedRequest {
  const operationName = info?.operation.name?.value ?? null;
  return {
    requestId: clip(context.requestId, REQUEST_ID_MAX),
    clientRequestId: context.clientRequestId ?? null,
    operationName: operationName ? clip(operationName, OPERATION_NAME_MAX) : null,
  };
}

/** At most `max` characters, cut between code points so the rest stays valid UTF-8. */
export function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  return Array.from(value).slice(0, max).join('');
}
