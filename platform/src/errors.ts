import { GraphQLError } from 'graphql';

/**
 * Errors a user can cause carry a stable `extensions.code` and a message that says what to change.
 * Anything else is internal and is masked (see `maskInternalError`).
 */
export type UserErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/** An operation over one of the limits every server applies (see operation-limits.ts). */
export const LIMIT_CODES = [
  'DOCUMENT_SIZE_LIMIT_EXCEEDED',
  'TOKEN_LIMIT_EXCEEDED',
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'DIRECTIVE_LIMIT_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
] as const;
export type LimitCode = (typeof LIMIT_CODES)[number];

const USER_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  ...LIMIT_CODES,
]);

export function userError(
  code: UserErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** A bad value in one input field; `field` is the input path, e.g. `input.uscc`. */
export const badInput = (field: string, message: string, extensions: Record<string, unknown> = {}) =>
  userError('BAD_USER_INPUT', message, { ...extensions, field });

export const unauthenticated = (message: string) => userError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => userError('FORBIDDEN', message);
export const notFound = (message: string) => userError('NOT_FOUND', message);
export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  userError('CONFLICT', message, extensions);

export function isUserError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError)) return false;
  const code = error.extensions?.code;
  return typeof code === 'string' && (USER_CODES.has(code) || code === 'GRAPHQL_VALIDATION_FAILED');
}

/** A service this one needs (MySQL, Redis) is not answering; the message says what to start. */
export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';
}
