/**
 * One subgraph's candidate SDL against the committed graph: does it compose, what it breaks, and which
 * operations it breaks. Everything is in memory: no database, no running service.
 */
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isObjectType,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { compose } from './graphs.mjs';

/**
 * @typedef {object} SubgraphReport
 * @property {string[]} problems each fails the check
 * @property {string[]} warnings dangerous changes, removals after deprecation: reported, not failing
 * @property {string[]} changes every change, one line each
 * @property {number} checked how many operations that depend on the subgraph were validated
 */

/**
 * Checks `candidateSdl` for subgraph `name` against `committed` (SDL by subgraph name, and `supergraph`).
 * `operations` come from collectOperations().
 * @returns {Promise<SubgraphReport>}
 */
export async function checkSubgraph({ name, candidateSdl, committed, operations }) {
  const problems = [];
  const warnings = [];
  const changes = [];
  let candidateSchema;
  try {
    candidateSchema = buildSchema(candidateSdl);
  } catch (error) {
    return {
      problems: [`the candidate SDL is not a valid schema: ${error.message}`],
      warnings,
      changes,
      checked: 0,
    };
  }
  const committedSchema = buildSchema(committed[name]);
  const committedApi = buildSchema(compose(committed).publicSdl);
  const supergraph = buildSchema(committed.supergraph);
  // who reads this subgraph: everything through the gateway, and the other subgraph's resync directly
  const readers = operations.filter((o) => o.against === 'supergraph' || o.against === name);
  const uses = readers.map((operation) => ({
    operation,
    coordinates: coordinatesOf(
      operation.against === 'supergraph' ? committedApi : committedSchema,
      operation.document,
    ),
  }));

  const composed = compose({ ...committed, [name]: candidateSdl });
  if (composed.errors) {
    for (const message of composed.errors)
      problems.push(`does not compose with the other subgraph: ${message}`);
  }

  for (const change of await diff(committedSchema, candidateSchema)) {
    const line = `${change.message}${change.path ? ` (${change.path})` : ''}`;
    changes.push(`${change.criticality.level.toLowerCase()}: ${line}`);
    if (change.criticality.level === CriticalityLevel.NonBreaking) continue;
    const dependents = uses
      .filter(({ coordinates }) => change.path && touches(coordinates, change.path))
      .map(({ operation }) => `\n      used by ${describe(operation)}`)
      .join('');
    if (change.criticality.level === CriticalityLevel.Dangerous)
      warnings.push(`dangerous: ${line}${dependents}`);
    else if (deprecatedIn(supergraph, change))
      warnings.push(`removed after its deprecation: ${line}${dependents}`);
    else
      problems.push(
        `breaking: ${line}${dependents || '\n      (no known operation uses it; deprecate it first)'}`,
      );
  }

  const candidateApi = composed.publicSdl && buildSchema(composed.publicSdl);
  for (const { operation } of uses) {
    const schema = operation.against === 'supergraph' ? candidateApi : candidateSchema;
    if (!schema) continue; // no supergraph to validate against: the composition problem says why
    for (const error of validate(schema, operation.document)) {
      problems.push(`${describe(operation)} would fail: ${error.message}`);
    }
  }
  return { problems, warnings, changes, checked: uses.length };
}

/** "who operation (file)", as reports name a dependent. */
export const describe = (operation) => `${operation.who} ${operation.name} (${operation.file})`;

/**
 * Whether a change at `path` touches what an operation uses: something it selects or names, or
 * something inside one (a field of a type it names, an argument of a field it selects); or something
 * added inside a field it selects or an input type it sends (a new required argument or input field).
 */
const touches = ({ used, entered }, path) =>
  [...used].some((c) => c === path || c.startsWith(`${path}.`)) ||
  [...entered].some((c) => path.startsWith(`${c}.`));

/** A removed field or enum value that the committed supergraph already marks @deprecated. */
function deprecatedIn(supergraph, change) {
  if (change.type !== 'FIELD_REMOVED' && change.type !== 'ENUM_VALUE_REMOVED') return false;
  const [typeName, memberName] = change.path.split('.');
  const type = supergraph.getType(typeName);
  if (isObjectType(type) || isInterfaceType(type))
    return Boolean(type.getFields()[memberName]?.deprecationReason);
  if (isEnumType(type)) return Boolean(type.getValue(memberName)?.deprecationReason);
  return false;
}

/**
 * What an operation uses: `used`, the schema coordinates it selects (`Type.field`, `Type.field.argument`)
 * and the types it reaches; `entered`, the fields it selects and the input types it sends, where a new
 * required argument or input field would break it too.
 */
function coordinatesOf(schema, document) {
  const used = new Set();
  const entered = new Set();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        const field = `${parent.name}.${node.name.value}`;
        used.add(field);
        entered.add(field);
        for (const argument of node.arguments ?? []) used.add(`${field}.${argument.name.value}`);
        const type = typeInfo.getType();
        if (type) used.add(getNamedType(type).name);
      },
      VariableDefinition() {
        const type = typeInfo.getInputType();
        if (type) {
          used.add(getNamedType(type).name);
          entered.add(getNamedType(type).name);
        }
      },
    }),
  );
  return { used, entered };
}
