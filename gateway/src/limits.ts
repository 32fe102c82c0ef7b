import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  assertDocumentSize,
  CostVerdicts,
  type OperationLimits,
  operationLimitRules,
  parseWithinLimits,
} from '@pb/platform/operation-limits';
import type { Viewer } from '@pb/platform/viewer';
import type { AuthContext } from './auth.js';

/**
 * GraphQL's own limits inside the runtime, in the order a request meets them: the document's size
 * before the parser (and before the parse cache, which is keyed by the text), the token limit in the
 * parser, depth, aliases and directives in validation, and the cost once variables are known, before
 * anything reaches a subgraph. The subgraphs apply the same limits (platform/src/operation-limits.ts).
 */
export function useOperationLimits(limits: OperationLimits): GatewayPlugin<AuthContext> {
  const rules = operationLimitRules(limits);
  const verdicts = new CostVerdicts(limits);
  return {
    onParams({ params }) {
      if (typeof params.query === 'string') assertDocumentSize(params.query, limits);
    },
    onParse({ setParseFn }) {
      setParseFn((source, options) => parseWithinLimits(source, limits, options));
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = verdicts.refusal(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = verdicts.refusal(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

/**
 * In production no error suggests field names ("Did you mean …?"), which would let anyone map the schema
 * field by field; in development they help whoever writes a query.
 */
export function useNoFieldSuggestions(): GatewayPlugin<AuthContext> {
  return blockFieldSuggestionsPlugin() as GatewayPlugin<AuthContext>;
}

/**
 * The roles that write queries (analysts, auditors, admins) may read the schema by introspection; walls
 * and operators need not.
 */
export function mayIntrospect(viewer: Viewer | undefined): boolean {
  return viewer?.roles.some((role) => role === 'analyst' || role === 'auditor' || role === 'admin') ?? false;
}
