import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  assertDocumentSize,
  assertWithinCost,
  costVariables,
  type OperationLimits,
  operationLimitRules,
  parseWithinLimits,
} from '@pb/platform/operation-limits';
import type { Viewer } from '@pb/platform/viewer';
import type { GraphQLError } from 'graphql';
import type { AuthContext } from './auth.js';

/**
 * GraphQL's own limits inside the runtime, in the order a request meets them: the document's size
 * before the parser (and before the parse cache, which is keyed by the text), the token limit in the
 * parser, depth, aliases and directives in validation, and the cost once variables are known, before
 * anything reaches a subgraph. The subgraphs apply the same limits (platform/src/operation-limits.ts).
 */
export function useOperationLimits(limits: OperationLimits): GatewayPlugin<AuthContext> {
  const rules = operationLimitRules(limits);
  const verdicts: CostVerdicts = new WeakMap();
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
      const refusal = costRefusal(limits, verdicts, args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = costRefusal(limits, verdicts, args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

/** Variable sets whose cost verdict is remembered per document (the walls send a handful each). */
const VERDICTS_PER_DOCUMENT = 64;

/**
 * The cost refusal of an operation, if any, remembered per schema, document and the values of the
 * variables its cost reads (costVariables) by each plugin (whose limits judged it): the parse cache hands
 * back the same document for the same text, so each of the few operations walls, tools and operators
 * send is costed once per set of those values instead of walking the document with type information on
 * every request (2-3% of the gateway's CPU under load; 12% under a stream of mutations, whose inputs
 * differ every time, before only those variables counted).
 */
type CostVerdicts = WeakMap<object, WeakMap<object, Map<string, GraphQLError | null>>>;

/** The variables each document's cost depends on (costVariables), found once per document. */
const costVariablesOf = new WeakMap<object, string[]>();

function costRefusal(
  limits: OperationLimits,
  verdicts: CostVerdicts,
  args: {
    schema: Parameters<typeof assertWithinCost>[1];
    document: Parameters<typeof assertWithinCost>[2];
    variableValues?: Record<string, unknown> | null;
    operationName?: string | null;
  },
): GraphQLError | undefined {
  const bySchema = verdicts.get(args.schema) ?? new WeakMap();
  verdicts.set(args.schema, bySchema);
  const byVariables = bySchema.get(args.document) ?? new Map<string, GraphQLError | null>();
  bySchema.set(args.document, byVariables);
  // only the variables the cost reads: a mutation's input, new each time, does not make a new verdict
  let names = costVariablesOf.get(args.document);
  if (!names) {
    names = costVariables(args.document);
    costVariablesOf.set(args.document, names);
  }
  const values = args.variableValues ?? {};
  const key = JSON.stringify([args.operationName ?? null, names.map((name) => values[name] ?? null)]);
  const remembered = byVariables.get(key);
  if (remembered !== undefined) return remembered ?? undefined;
  let refusal: GraphQLError | null = null;
  try {
    assertWithinCost(
      limits,
      args.schema,
      args.document,
      args.variableValues ?? {},
      args.operationName ?? undefined,
    );
  } catch (error) {
    refusal = error as GraphQLError;
  }
  if (byVariables.size >= VERDICTS_PER_DOCUMENT) byVariables.clear();
  byVariables.set(key, refusal);
  return refusal ?? undefined;
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
