import { randomUUID } from 'node:crypto';
import type { GatewayPassSigner } from '@pb/platform/gateway-pass';
import {
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  parse,
  print,
} from 'graphql';
import type { SubgraphEntry, Supergraph, SupergraphFile } from './supergraph.js';

/** How long a subgraph may take to answer `{__typename}` before it counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * How often, at most, each subgraph's live SDL is read and compared with the supergraph: readiness is
 * polled every few seconds, and the SDL is tens of kilobytes that rarely change.
 */
export const SDL_CHECK_INTERVAL_MS = 30_000;

/** The body of `/readyz`. */
export interface Readiness {
  status: 'ready' | 'unavailable';
  /** Why there is no supergraph, when there is none. */
  supergraph?: string;
  /** `up`, or `down: <why>`, by subgraph name. */
  subgraphs: Record<string, string>;
  /**
   * By subgraph name: `matches the supergraph`, `differs from the supergraph: <what>` or
   * `not compared: <why>`. Reported, never a reason to be unready: a subgraph deployed ahead of the
   * supergraph still serves what the supergraph asks of it, or its callers' errors say what it does not.
   */
  sdl?: Record<string, string>;
}

/**
 * Ready when a supergraph is loaded and every subgraph it names answers a GraphQL request. Any
 * GraphQL response counts, an error included: the probe carries no pass, and a subgraph that
 * refuses it has still answered. With `signer` (the gateway's pass signer), also says whether each subgraph's live SDL matches
 * what the supergraph holds of it (compared at most every {@link SDL_CHECK_INTERVAL_MS}).
 */
export async function checkReadiness(
  supergraph: SupergraphFile,
  signer?: GatewayPassSigner,
): Promise<Readiness> {
  const current = supergraph.current;
  if (!current) {
    return {
      status: 'unavailable',
      supergraph: `no supergraph loaded from ${supergraph.path}: ${supergraph.problem ?? 'not read yet'}`,
      subgraphs: {},
    };
  }
  const [results, sdl] = await Promise.all([
    Promise.all(current.subgraphs.map(async (subgraph) => [subgraph.name, await probe(subgraph)])),
    signer ? compareCached(current, signer) : undefined,
  ]);
  const subgraphs = Object.fromEntries(results);
  const ready = results.every(([, state]) => state === 'up');
  return { status: ready ? 'ready' : 'unavailable', subgraphs, ...(sdl && { sdl }) };
}

async function probe({ url }: SubgraphEntry): Promise<string> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (body && ('data' in body || 'errors' in body)) return 'up';
    return `down: HTTP ${response.status} without a GraphQL response`;
  } catch (error) {
    return `down: ${describeFetchError(error)}`;
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${PROBE_TIMEOUT_MS} ms`;
  // undici wraps the socket error ("fetch failed"); its cause says what happened (ECONNREFUSED …)
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The last comparison per loaded supergraph: a reload is a new object, so it is compared afresh. */
const comparisons = new WeakMap<Supergraph, { at: number; result: Promise<Record<string, string>> }>();

function compareCached(supergraph: Supergraph, signer: GatewayPassSigner): Promise<Record<string, string>> {
  const cached = comparisons.get(supergraph);
  if (cached && Date.now() - cached.at < SDL_CHECK_INTERVAL_MS) return cached.result;
  const result = compareAll(supergraph, signer);
  comparisons.set(supergraph, { at: Date.now(), result });
  return result;
}

async function compareAll(
  supergraph: Supergraph,
  signer: GatewayPassSigner,
): Promise<Record<string, string>> {
  const entries = await Promise.all(
    supergraph.subgraphs.map(async (subgraph): Promise<[string, string]> => {
      let live: string;
      try {
        live = await liveSdl(subgraph.url, signer);
      } catch (error) {
        return [subgraph.name, `not compared: ${error instanceof Error ? error.message : String(error)}`];
      }
      const differences = sdlDifferences(supergraph.sdl, subgraph.graph, live);
      return [
        subgraph.name,
        differences.length === 0
          ? 'matches the supergraph'
          : `differs from the supergraph: ${differences.join('; ')}`,
      ];
    }),
  );
  return Object.fromEntries(entries);
}

/** The gateway reads a subgraph's SDL as itself, with the least role that may: `wall`, national. */
const READINESS_VIEWER = { subject: 'gateway-readiness', roles: ['wall'] as const, regionCode: null };

async function liveSdl(url: string, signer: GatewayPassSigner): Promise<string> {
  let response: Response;
  const request = JSON.stringify({ query: '{ _service { sdl } }' });
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: signer.headersFor(READINESS_VIEWER, request, randomUUID()),
      body: request,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(describeFetchError(error));
  }
  const body = (await response.json().catch(() => undefined)) as
    | { data?: { _service?: { sdl?: unknown } }; errors?: Array<{ message?: string }> }
    | undefined;
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl === 'string') return sdl;
  throw new Error(body?.errors?.[0]?.message ?? `HTTP ${response.status} without an SDL`);
}

/**
 * What differs between the part of `supergraphSdl` that `graph` (its `join__Graph` value) serves and
 * `liveSdl`, the subgraph's own `_service { sdl }`: fields with their arguments and types, enum values,
 * union members and scalars, one line each. Descriptions and federation directives are not compared;
 * they do not change what a client may ask.
 */
export function sdlDifferences(supergraphSdl: string, graph: string, liveSdl: string): string[] {
  const served = servedBy(parse(supergraphSdl), graph);
  const live = ownedBy(parse(liveSdl));
  return [
    ...[...live]
      .filter((entry) => !served.has(entry))
      .map((entry) => `${entry} is live, not in the supergraph`),
    ...[...served]
      .filter((entry) => !live.has(entry))
      .map((entry) => `${entry} is in the supergraph, not live`),
  ];
}

// federation's own machinery, in either SDL: never part of what a client may ask
const isMachinery = (name: string) => /^(_|join__|link__|federation__)/.test(name);

/** The supergraph's entries that `graph` serves, as its `@join__*` directives say. */
function servedBy(document: DocumentNode, graph: string): Set<string> {
  const entries = new Set<string>();
  const inGraph = (directives: readonly DirectiveNode[] | undefined, name: string) =>
    (directives ?? []).filter((d) => d.name.value === name);
  const graphOf = (directive: DirectiveNode, argument = 'graph') => {
    const value = directive.arguments?.find((a) => a.name.value === argument)?.value;
    return value?.kind === Kind.ENUM || value?.kind === Kind.STRING ? value.value : undefined;
  };
  const isTrue = (directive: DirectiveNode, argument: string) =>
    directive.arguments?.some(
      (a) => a.name.value === argument && a.value.kind === Kind.BOOLEAN && a.value.value,
    );
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || isMachinery(definition.name.value)) continue;
    const types = inGraph(definition.directives, 'join__type');
    if (!types.some((d) => graphOf(d) === graph)) continue;
    const typeName = definition.name.value;
    addEntries(entries, definition, typeName, {
      field(field) {
        const joins = inGraph(field.directives, 'join__field');
        // a field without @join__field is served by every subgraph that declares its type
        return joins.length === 0 || joins.some((d) => graphOf(d) === graph && !isTrue(d, 'external'));
      },
      enumValue(directives) {
        const joins = inGraph(directives, 'join__enumValue');
        return joins.length === 0 || joins.some((d) => graphOf(d) === graph);
      },
      unionMember(member) {
        const joins = inGraph(definition.directives, 'join__unionMember');
        return (
          joins.length === 0 || joins.some((d) => graphOf(d) === graph && graphOf(d, 'member') === member)
        );
      },
    });
  }
  return entries;
}

/** A subgraph SDL's own entries: fields it resolves (not `@external` ones), values, members, scalars. */
function ownedBy(document: DocumentNode): Set<string> {
  const entries = new Set<string>();
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || isMachinery(definition.name.value)) continue;
    addEntries(entries, definition, definition.name.value, {
      field: (field) =>
        !field.directives?.some(
          (d) => d.name.value === 'external' || d.name.value === 'federation__external',
        ),
      enumValue: () => true,
      unionMember: () => true,
    });
  }
  return entries;
}

interface Filters {
  field(field: FieldDefinitionNode | InputValueDefinitionNode): boolean;
  enumValue(directives: readonly DirectiveNode[] | undefined): boolean;
  unionMember(member: string): boolean;
}

function addEntries(entries: Set<string>, definition: DefinitionNode, typeName: string, keep: Filters): void {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      for (const field of definition.fields ?? []) {
        if (isMachinery(field.name.value) || !keep.field(field)) continue;
        const args = field.arguments?.length
          ? `(${field.arguments.map((a) => `${a.name.value}: ${print(a.type)}`).join(', ')})`
          : '';
        entries.add(`${typeName}.${field.name.value}${args}: ${print(field.type)}`);
      }
      return;
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      for (const field of definition.fields ?? []) {
        if (keep.field(field)) entries.add(`${typeName}.${field.name.value}: ${print(field.type)}`);
      }
      return;
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      for (const value of definition.values ?? []) {
        if (keep.enumValue(value.directives)) entries.add(`${typeName}.${value.name.value}`);
      }
      return;
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
      for (const member of definition.types ?? []) {
        if (keep.unionMember(member.name.value)) entries.add(`${typeName} = ${member.name.value}`);
      }
      return;
    case Kind.SCALAR_TYPE_DEFINITION:
      entries.add(`scalar ${typeName}`);
      return;
    default:
  }
}
