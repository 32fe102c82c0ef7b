import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type ASTNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  Lexer,
  type ParseOptions,
  parse,
  Source,
  TokenKind,
  typeFromAST,
  type ValidationContext,
  type ValidationRule,
  validate,
  visit,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { EnvReader } from './config.js';
import type { LimitCode } from './errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

/**
 * The limits every operation meets, at the gateway and again in each subgraph (defence in depth: a
 * subgraph must not die of a query whatever sent it). One definition, so a query the gateway accepts is
 * never refused behind it for a limit. The values and the reasons for them are in gateway/README.md
 * ("Limits"); `tests/operation-limits.test.ts` measures every operation of ours against them.
 */
export interface OperationLimits {
  /**
   * `GRAPHQL_MAX_DOCUMENT_BYTES`: the query text, checked before parsing. It also bounds what a parse
   * cache keyed by the text can hold. @default 65536
   */
  maxDocumentBytes: number;
  /** `GRAPHQL_MAX_TOKENS`: lexical tokens in one document; stops the parser early. @default 1000 */
  maxTokens: number;
  /** `GRAPHQL_MAX_DEPTH`: nesting of fields, fragments counted. @default 12 */
  maxDepth: number;
  /** `GRAPHQL_MAX_ALIASES`: aliased fields in one operation. @default 15 */
  maxAliases: number;
  /** `GRAPHQL_MAX_DIRECTIVES`: directives in one operation. @default 20 */
  maxDirectives: number;
  /** `GRAPHQL_MAX_COST`: estimated fields resolved, a list multiplying what it holds. @default 20000 */
  maxCost: number;
}

/**
 * An unsized list (no `first`) is taken to hold this many items: a province's cities, a year's months, an
 * organization's work measures are all fewer (the nation's 34 provinces are the one larger list).
 */
export const ASSUMED_LIST_SIZE = 20;

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDocumentBytes: 64 * 1024,
  maxTokens: 1000,
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxCost: 20_000,
};

export function readOperationLimits(reader: EnvReader): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  return {
    maxDocumentBytes: reader.int('GRAPHQL_MAX_DOCUMENT_BYTES', d.maxDocumentBytes, { min: 1024 }),
    maxTokens: reader.int('GRAPHQL_MAX_TOKENS', d.maxTokens, { min: 100 }),
    maxDepth: reader.int('GRAPHQL_MAX_DEPTH', d.maxDepth, { min: 3 }),
    maxAliases: reader.int('GRAPHQL_MAX_ALIASES', d.maxAliases, { min: 0 }),
    maxDirectives: reader.int('GRAPHQL_MAX_DIRECTIVES', d.maxDirectives, { min: 0 }),
    maxCost: reader.int('GRAPHQL_MAX_COST', d.maxCost, { min: 100 }),
  };
}

/**
 * The limits a subgraph applies to what reaches it: the gateway's, with room for what the gateway adds
 * to a query it accepted. Its query planner merges the root fields one subgraph answers into one request
 * under `_v0_…` aliases (so aliases are bounded by the token limit alone), wraps entity fields in
 * `_entities { ... on Type }` (two more levels) and adds `__typename` and variable definitions. The cost
 * is the same: a subgraph's share of a query never costs more than the whole.
 */
export function subgraphLimits(limits: OperationLimits): OperationLimits {
  return {
    maxDocumentBytes: limits.maxDocumentBytes * 2,
    maxTokens: limits.maxTokens * 2,
    maxDepth: limits.maxDepth + 2,
    maxAliases: limits.maxTokens,
    maxDirectives: limits.maxDirectives * 2,
    maxCost: limits.maxCost,
  };
}

/**
 * A client error naming the limit, its value and what to change. `http.status` makes both Yoga and
 * Apollo Server answer 400 rather than 200 or 500.
 */
export function limitError(
  code: LimitCode,
  max: number,
  found: number | undefined,
  advice: string,
): GraphQLError {
  const what = LIMIT_NAMES[code];
  const measured = found === undefined ? '' : ` (found ${found})`;
  return new GraphQLError(`The operation exceeds the ${what} limit of ${max}${measured}. ${advice}`, {
    extensions: { code, limit: { max, ...(found === undefined ? {} : { found }) }, http: { status: 400 } },
  });
}

const LIMIT_NAMES: Record<LimitCode, string> = {
  DOCUMENT_SIZE_LIMIT_EXCEEDED: 'document size (bytes)',
  TOKEN_LIMIT_EXCEEDED: 'token',
  DEPTH_LIMIT_EXCEEDED: 'depth',
  ALIAS_LIMIT_EXCEEDED: 'alias',
  DIRECTIVE_LIMIT_EXCEEDED: 'directive',
  COST_LIMIT_EXCEEDED: 'cost',
};

/** Throws the document size limit's client error for a query text over it; call before parsing. */
export function assertDocumentSize(query: string, limits: Pick<OperationLimits, 'maxDocumentBytes'>): void {
  // UTF-16 length is at most the UTF-8 size, so only a text near the limit is measured exactly
  if (query.length * 3 <= limits.maxDocumentBytes) return;
  const bytes = Buffer.byteLength(query);
  if (bytes > limits.maxDocumentBytes) {
    throw limitError(
      'DOCUMENT_SIZE_LIMIT_EXCEEDED',
      limits.maxDocumentBytes,
      bytes,
      'Send a shorter document: fewer fields or comments, or split it into several requests.',
    );
  }
}

/**
 * Parses with the token limit: graphql-js stops lexing after `maxTokens`, so a huge document costs
 * microseconds, and its failure is our client error rather than a syntax error.
 */
export function parseWithinLimits(
  source: string | Source,
  limits: Pick<OperationLimits, 'maxTokens'>,
  options?: ParseOptions,
): DocumentNode {
  try {
    return parse(source, { ...options, maxTokens: limits.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError && /contains more tha[nt] \d+ tokens/.test(error.message)) {
      throw limitError(
        'TOKEN_LIMIT_EXCEEDED',
        limits.maxTokens,
        undefined,
        'Send a shorter document: fewer fields, or split it into several requests.',
      );
    }
    throw error;
  }
}

/**
 * Validation rules for depth, aliases and directives (graphql-armor's), answering with our error. The
 * rule throws on the operation's first node, so the costlier standard rules (overlapping fields is
 * quadratic in repeated fields) never see an oversized operation.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const reject =
    (code: LimitCode, max: number, advice: string) =>
    (_context: ValidationContext | null, error: GraphQLError) => {
      throw limitError(code, max, foundIn(error.message), advice);
    };
  return [
    maxDepthRule({
      n: limits.maxDepth,
      onReject: [reject('DEPTH_LIMIT_EXCEEDED', limits.maxDepth, 'Select fewer nested levels.')],
    }) as ValidationRule,
    maxAliasesRule({
      n: limits.maxAliases,
      onReject: [
        reject(
          'ALIAS_LIMIT_EXCEEDED',
          limits.maxAliases,
          'Use fewer aliases: ask for a list once (e.g. byRegion) instead of one alias per item.',
        ),
      ],
    }) as ValidationRule,
    maxDirectivesRule({
      n: limits.maxDirectives,
      onReject: [reject('DIRECTIVE_LIMIT_EXCEEDED', limits.maxDirectives, 'Use fewer directives.')],
    }) as ValidationRule,
  ];
}

function foundIn(message: string): number | undefined {
  const match = /found (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * The cost of a field, as the Apollo Router's demand control counts it: an object costs 1 and a scalar
 * nothing (the token and depth limits bound those), and a list multiplies what it holds by its size. A
 * field with a `first` argument holds `first` items (the default page size when absent); its
 * connection's `edges`/`nodes` then count once, not again. Another list holds {@link ASSUMED_LIST_SIZE}.
 * Introspection is free here: it is allowed only to roles that write queries.
 */
const estimateFieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
  // a gateway's entity fetch holds exactly the entities it names
  if (field.name === '_entities' && Array.isArray(args.representations)) {
    return Math.max(args.representations.length, 1) * (1 + childComplexity);
  }
  const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = typeof args.first === 'number' && args.first >= 0 ? args.first : DEFAULT_PAGE_SIZE;
    return own + Math.max(first, 1) * childComplexity;
  }
  if (isListType(getNullableType(field.type))) {
    const sizedByParent =
      type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes');
    return (sizedByParent ? 1 : ASSUMED_LIST_SIZE) * (own + childComplexity);
  }
  return own + childComplexity;
};

/** Arguments whose values the cost estimate reads (estimateFieldCost, and @skip/@include's `if`). */
const COST_ARGUMENTS = new Set(['first', 'representations']);
const CONDITIONAL_DIRECTIVES = new Set(['skip', 'include']);

/**
 * The variables an operation's cost depends on: those given to a `first` or `representations`
 * argument or to @skip/@include. Any other variable (a mutation's input, say) cannot change the cost, so
 * a verdict remembered under these alone holds for every value of the rest.
 */
export function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode) =>
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  visit(document, {
    Argument(argument) {
      if (COST_ARGUMENTS.has(argument.name.value)) collect(argument.value);
    },
    Directive(directive) {
      if (CONDITIONAL_DIRECTIVES.has(directive.name.value)) collect(directive);
    },
  });
  return [...names].sort();
}

/** The estimated cost of the operation; variables decide `first` where it is one. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName,
    estimators: [estimateFieldCost],
  });
}

/** Variable sets whose cost verdict is remembered per document (the walls send a handful each). */
const VERDICTS_PER_DOCUMENT = 64;

/**
 * Cost verdicts under one set of limits, remembered per schema, document and the values of the variables
 * the cost reads (costVariables): a parse cache hands back the same document for the same text, so each
 * of the few operations walls, tools and operators send is costed once per set of those values instead
 * of walking the document with type information on every request (2-3% of the gateway's CPU under load;
 * 12% of it, and 2.4% of party-work's, under a stream of mutations, whose inputs differ every time,
 * while every variable counted).
 */
export class CostVerdicts {
  private readonly bySchema = new WeakMap<
    GraphQLSchema,
    WeakMap<DocumentNode, { names: string[]; verdicts: Map<string, GraphQLError | null> }>
  >();

  constructor(private readonly limits: Pick<OperationLimits, 'maxCost'>) {}

  /**
   * The cost limit's client error for this operation, or undefined when it is within the limit or cannot
   * be costed (variables of the wrong type, an unknown operation): the engine says what is wrong with
   * those, and no verdict is remembered for them, since the variables the key leaves out may be the wrong
   * ones (a mutation's input).
   */
  refusal(args: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variableValues?: Record<string, unknown> | null;
    operationName?: string | null;
  }): GraphQLError | undefined {
    let byDocument = this.bySchema.get(args.schema);
    if (!byDocument) {
      byDocument = new WeakMap();
      this.bySchema.set(args.schema, byDocument);
    }
    let remembered = byDocument.get(args.document);
    if (!remembered) {
      remembered = { names: costVariables(args.document), verdicts: new Map() };
      byDocument.set(args.document, remembered);
    }
    const values = args.variableValues ?? {};
    const key = JSON.stringify([
      args.operationName ?? null,
      remembered.names.map((name) => values[name] ?? null),
    ]);
    const verdict = remembered.verdicts.get(key);
    if (verdict !== undefined) return verdict ?? undefined;
    let refusal: GraphQLError | null = null;
    try {
      assertWithinCost(this.limits, args.schema, args.document, values, args.operationName ?? undefined);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      if (!isLimitError(error)) return undefined;
      refusal = error;
    }
    if (remembered.verdicts.size >= VERDICTS_PER_DOCUMENT) remembered.verdicts.clear();
    remembered.verdicts.set(key, refusal);
    return refusal ?? undefined;
  }
}

/** The verdicts of each set of limits a subgraph checks requests against. */
const subgraphVerdicts = new WeakMap<OperationLimits, CostVerdicts>();

/** Throws the cost limit's client error when the operation would cost more than allowed. */
export function assertWithinCost(
  limits: Pick<OperationLimits, 'maxCost'>,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): void {
  const cost = operationCost(schema, document, variables, operationName);
  if (cost > limits.maxCost) {
    throw limitError(
      'COST_LIMIT_EXCEEDED',
      limits.maxCost,
      cost,
      'Ask for smaller pages (first), fewer nested lists, or split the question into several requests.',
    );
  }
}

/** An operation's size in each measure the limits bound. */
export interface OperationMeasures {
  bytes: number;
  tokens: number;
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

/**
 * Measures a valid document the way the limits count (the same graphql-armor rules, read through their
 * accept hooks), for choosing limits from our own operations and for reporting them.
 */
export function measureOperation(
  schema: GraphQLSchema,
  text: string,
  variables: Record<string, unknown> = {},
): OperationMeasures {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  const document = parse(text);
  const found = { depth: 0, aliases: 0, directives: 0 };
  const record = (key: keyof typeof found) => [
    (_context: unknown, { n }: { n: number }) => {
      found[key] = Math.max(found[key], n);
    },
  ];
  const unbounded = Number.MAX_SAFE_INTEGER;
  const errors = validate(schema, document, [
    maxDepthRule({ n: unbounded, onAccept: record('depth') }),
    maxAliasesRule({ n: unbounded, onAccept: record('aliases') }),
    maxDirectivesRule({ n: unbounded, onAccept: record('directives') }),
  ] as ValidationRule[]);
  if (errors.length > 0) throw errors[0];
  // variables not given get a stand-in value; an Int the largest page, in case it is a `first`
  let cost = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const values: Record<string, unknown> = { ...variables };
    for (const variable of definition.variableDefinitions ?? []) {
      const name = variable.variable.name.value;
      const type = typeFromAST(schema, variable.type);
      if (values[name] !== undefined || !type) continue;
      if (getNamedType(type).name === 'Int') values[name] = MAX_PAGE_SIZE;
      else if (isNonNullType(type)) values[name] = standIn(type as GraphQLInputType);
    }
    cost = Math.max(cost, operationCost(schema, document, values, definition.name?.value));
  }
  return { bytes: Buffer.byteLength(text), tokens, ...found, cost };
}

/** A value of the input type, filling its required fields: enough to cost an operation. */
function standIn(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = standIn(field.type);
    }
    return value;
  }
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isScalarType(inner)) {
    if (inner.name === 'Int' || inner.name === 'Float') return 1;
    return inner.name === 'Boolean' ? true : '2026-01-01';
  }
  return null;
}

/** What a server is asked to run, as it arrives over HTTP or graphql-ws. */
export interface OperationRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/**
 * Every limit in order, for a server that checks them before handing the request to its GraphQL
 * engine (the subgraphs): size, tokens, then depth, aliases and directives, then cost. Returns the
 * first limit's error, or undefined when within all of them (or when the request is malformed, which the
 * engine itself reports).
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  limits: OperationLimits,
  request: OperationRequest,
): GraphQLError | undefined {
  if (typeof request.query !== 'string') return undefined;
  try {
    const document = checkedDocument(schema, limits, request.query);
    const variables =
      request.variables && typeof request.variables === 'object'
        ? (request.variables as Record<string, unknown>)
        : {};
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    let verdicts = subgraphVerdicts.get(limits);
    if (!verdicts) {
      verdicts = new CostVerdicts(limits);
      subgraphVerdicts.set(limits, verdicts);
    }
    return verdicts.refusal({ schema, document, variableValues: variables, operationName });
  } catch (error) {
    if (error instanceof GraphQLError && isLimitError(error)) return error;
    // a syntax error, bad variables or an unknown operation: the engine says what is wrong
    return undefined;
  }
}

/**
 * The documents that met the size, token, depth, alias and directive limits, by text: behind the gateway
 * a subgraph sees the same few operations over and over, and these checks depend on the text alone (the
 * cost, which depends on some variables, is remembered per their values: CostVerdicts). Bounded; one
 * evicted is checked again.
 */
const checkedDocuments = new WeakMap<GraphQLSchema, WeakMap<OperationLimits, Map<string, DocumentNode>>>();
const CHECKED_DOCUMENTS_MAX = 500;

function checkedDocument(schema: GraphQLSchema, limits: OperationLimits, query: string): DocumentNode {
  let bySchema = checkedDocuments.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    checkedDocuments.set(schema, bySchema);
  }
  let documents = bySchema.get(limits);
  if (!documents) {
    documents = new Map();
    bySchema.set(limits, documents);
  }
  const known = documents.get(query);
  if (known) return known;
  assertDocumentSize(query, limits);
  const document = parseWithinLimits(query, limits);
  // the limit rules throw their error on the operation's first node
  validate(schema, document, rulesOf(limits));
  if (documents.size >= CHECKED_DOCUMENTS_MAX) documents.delete(documents.keys().next().value as string);
  documents.set(query, document);
  return document;
}

/** The limit rules of a server's limits, made once: a subgraph checks them on every request. */
const rulesByLimits = new WeakMap<OperationLimits, ValidationRule[]>();
function rulesOf(limits: OperationLimits): ValidationRule[] {
  let rules = rulesByLimits.get(limits);
  if (!rules) {
    rules = operationLimitRules(limits);
    rulesByLimits.set(limits, rules);
  }
  return rules;
}

function isLimitError(error: GraphQLError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && code.endsWith('_LIMIT_EXCEEDED');
}
