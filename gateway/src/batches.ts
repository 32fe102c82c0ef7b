import type { IncomingMessage } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { AuthContext } from './auth.js';
import { type Admitted, type FrontDoor, Refusal, refusalError } from './front-door.js';

/**
 * Batched requests (a JSON array of operations in one POST, as the wall sends its panels' queries):
 * the runtime answers each operation on its own, with its own context, so the operation limits, the
 * read cache and the error masking apply to each as to a request of its own. The front door has
 * counted the request once before its body was read; here, once the runtime has read the batch, an
 * over-long one is refused whole, and each operation after the first counts against the same rate
 * limits, so a batch of N costs what N requests would.
 */

/** The stable code of a batch longer than the limit (the limit is `GATEWAY_MAX_BATCH_OPERATIONS`). */
export const BATCH_TOO_LARGE = 'BATCH_TOO_LARGE';

/** What the front door put in the server context of a request it admitted (app.ts `route`). */
interface AdmittedContext extends Partial<Admitted> {
  req?: IncomingMessage;
}

export function useBatchLimits(frontDoor: FrontDoor): GatewayPlugin<AuthContext> {
  const limit = frontDoor.config.operationsPerBatch;
  /** Operations of each batched request seen so far (the first was counted at the front door). */
  const operationsOf = new WeakMap<Request, number>();
  return {
    onRequestParse() {
      return {
        // before the runtime's own check (registered after the gateway's plugins), whose refusal
        // carries only BAD_REQUEST
        onRequestParseDone({ requestParserResult }) {
          if (Array.isArray(requestParserResult) && requestParserResult.length > limit) {
            throw new GraphQLError(
              `This request batches ${requestParserResult.length} operations; the limit is ${limit}. Send the rest in another request.`,
              { extensions: { code: BATCH_TOO_LARGE, http: { status: 413 } } },
            );
          }
        },
      };
    },
    // once per operation, a batch's in its order
    async onParams({ request, context, setResult }) {
      const seen = (operationsOf.get(request) ?? 0) + 1;
      operationsOf.set(request, seen);
      if (seen === 1) return;
      const { req, viewer, authorization } = context as AdmittedContext;
      // not through the front door (the CSV export's own request, one operation): nothing to count
      if (!req || !viewer || !authorization) return;
      try {
        await frontDoor.countOperation(req, { viewer, authorization });
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        // the batch's answer stays 200: its other operations were answered, and a client reads each
        // operation's errors (a non-2xx status would fail the whole batch in Apollo's link)
        setResult({ errors: [refusalError(error)] });
      }
    },
  };
}
