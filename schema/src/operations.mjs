/**
 * Every GraphQL operation that depends on the graph, each with where it lives and what it must be valid
 * against: the supergraph's API (the wall, the saved analyst queries, the simulator, the benches) or one
 * subgraph's own schema (resync, which reads the producer directly).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Kind, parse, visit } from 'graphql';
import ts from 'typescript';
import { SCHEMA_DIR } from './graphs.mjs';

export const REPO_DIR = join(SCHEMA_DIR, '..');

/**
 * @typedef {object} Operation
 * @property {string} file the file it lives in, relative to the repository
 * @property {string} name its operation name, or a description of an anonymous one
 * @property {string} who the part of the system that sends it
 * @property {'supergraph' | string} against `supergraph`, or the subgraph it is sent to directly
 * @property {import('graphql').DocumentNode} document the operation with the fragments it spreads
 */

/** @returns {Promise<Operation[]>} */
export async function collectOperations() {
  return [
    ...(await fromGraphqlFiles('dashboard/src/graphql', 'the wall')),
    ...(await fromGraphqlFiles('gateway/saved-queries', 'saved analyst query')),
    ...(await fromTypeScript('tools/simulate/src', 'the simulator')),
    ...(await fromTypeScript('tests/bench', 'the benches')),
    ...(await resyncOperations()),
  ];
}

/** Operations in .graphql files; fragments are shared between the files of one folder. */
async function fromGraphqlFiles(dir, who) {
  const files = (await readdir(join(REPO_DIR, dir))).filter((f) => f.endsWith('.graphql')).sort();
  const parsed = [];
  for (const file of files) {
    const path = `${dir}/${file}`;
    parsed.push({ path, document: parse(await readFile(join(REPO_DIR, path), 'utf8')) });
  }
  const fragments = new Map(
    parsed.flatMap(({ document }) =>
      document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    ),
  );
  return parsed.flatMap(({ path, document }) =>
    document.definitions
      .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({
        file: path,
        name: operationName(operation),
        who,
        against: 'supergraph',
        document: withFragments(operation, fragments),
      })),
  );
}

/** The operation and, transitively, the fragments it spreads (a missing one is left for validation). */
function withFragments(operation, fragments) {
  const needed = new Map();
  const pending = [operation];
  while (pending.length > 0) {
    visit(pending.pop(), {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !needed.has(node.name.value)) {
          needed.set(node.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

function operationName(operation, line) {
  if (operation.name) return operation.name.value;
  const first = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  const where = line === undefined ? '' : ` at line ${line}`;
  return `anonymous ${operation.operation} ${first?.name.value ?? ''}${where}`.trim();
}

/**
 * Operations written as plain string literals in TypeScript (no `${}`: a document assembled at run
 * time cannot be checked before it runs). A literal counts when it parses as GraphQL and opens with an
 * operation keyword, so prose and SQL are never mistaken for one.
 */
async function fromTypeScript(dir, who) {
  const entries = await readdir(join(REPO_DIR, dir), { recursive: true });
  const files = entries.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  const operations = [];
  for (const file of files) {
    const path = `${dir}/${file}`;
    const source = ts.createSourceFile(
      path,
      await readFile(join(REPO_DIR, path), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    const visitNode = (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const document = graphqlIn(node.text);
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        for (const operation of document?.definitions ?? []) {
          if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
          operations.push({
            file: path,
            name: operationName(operation, line),
            who,
            against: 'supergraph',
            document,
          });
        }
      }
      ts.forEachChild(node, visitNode);
    };
    visitNode(source);
  }
  return operations;
}

function graphqlIn(text) {
  if (!/^\s*(query|mutation|subscription)\b/.test(text)) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/**
 * What each subgraph's resync reads from the other, straight from the subgraph (not the gateway): the
 * documents its code exports, imported from its build.
 */
async function resyncOperations() {
  const sources = [
    {
      consumer: '@pb/organization',
      module: './social-organization/full-member-count.resync.js',
      file: 'services/organization/src/social-organization/full-member-count.resync.ts',
      against: 'party-work',
      documents: (m) => [m.REPORTED_COUNTS_QUERY],
    },
    {
      consumer: '@pb/party-work',
      module: './organization-replica/organization-replica.resync.js',
      file: 'services/party-work/src/organization-replica/organization-replica.resync.ts',
      against: 'organization',
      documents: (m) => m.RESYNC_QUERIES,
    },
  ];
  const operations = [];
  for (const source of sources) {
    // the exported schema module sits at the build's root: the resync module is found beside it
    const url = new URL(source.module, import.meta.resolve(`${source.consumer}/schema`));
    const module = await import(url.href);
    for (const text of source.documents(module)) {
      const document = parse(text);
      for (const operation of document.definitions) {
        operations.push({
          file: relative(REPO_DIR, join(REPO_DIR, source.file)),
          name: operationName(operation),
          who: `${source.consumer.slice(4)}'s resync`,
          against: source.against,
          document,
        });
      }
    }
  }
  return operations;
}
