import { randomUUID } from 'node:crypto';
import type { Logger } from '@pb/platform';
import { GraphQLError } from 'graphql';

/**
 * How the gateway shows errors to clients. Errors the subgraphs raised on purpose (with a code and a
 * message for the user) pass through. A subgraph that cannot be reached becomes SERVICE_UNAVAILABLE,
 * without the address the operating system put in its message. Anything else is masked; the log keeps
 * the original under an error id that the client can quote.
 */
const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket hang up|fetch failed/i;

export function createErrorMasker(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const graphQLError = error instanceof GraphQLError ? error : undefined;
    const original = graphQLError?.originalError ?? error;
    const text = `${(error as Error)?.message ?? ''} ${(original as Error)?.message ?? ''}`;
    const errorId = randomUUID();
    if (UNREACHABLE.test(text)) {
      logger.warn({ err: original, errorId }, 'a subgraph could not be reached');
      return new GraphQLError('A service behind the gateway is unavailable; try again in a moment.', {
        path: graphQLError?.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', errorId },
      });
    }
    // an error the subgraph or the gateway raised deliberately, for the user
    if (graphQLError && (!graphQLError.originalError || graphQLError.originalError instanceof GraphQLError)) {
      return graphQLError;
    }
    logger.error({ err: original, errorId }, 'internal error');
    return new GraphQLError(`${message}; quote error id ${errorId} when reporting it.`, {
      path: graphQLError?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    });
  };
}
