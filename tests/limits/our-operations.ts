import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DefinitionNode, type DocumentNode, getIntrospectionQuery, Kind, parse, visit } from 'graphql';
import { repoRoot } from '../utils/system.js';

/** One operation the platform itself sends: the wall's, the analysts' saved queries, the simulator's, resync's. */
export interface OurOperation {
  source: string;
  name: string;
  text: string;
  document: DocumentNode;
}

/** Every operation of the wall (with the fragments it spreads), the saved queries, the simulator and resync. */
export async function ourOperations(): Promise<OurOperation[]> {
  const operations: OurOperation[] = [];
  const wallDir = join(repoRoot, 'dashboard/src/graphql');
  const wallTexts = new Map<string, string>();
  for (const file of (await readdir(wallDir)).filter((f) => f.endsWith('.graphql'))) {
    wallTexts.set(file, await readFile(join(wallDir, file), 'utf8'));
  }
  const fragments = new Map<string, { text: string; node: DefinitionNode }>();
  for (const text of wallTexts.values()) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, { text, node: definition });
    }
  }
  for (const [file, text] of wallTexts) {
    const document = parse(text);
    if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) continue;
    // the wall sends each operation with the fragments it spreads, as Apollo Client does
    const needed = new Set<string>();
    const collect = (node: DocumentNode | DefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          if (needed.has(spread.name.value)) return;
          needed.add(spread.name.value);
          const fragment = fragments.get(spread.name.value);
          if (fragment) collect(fragment.node);
        },
      });
    collect(document);
    const full = [text, ...[...needed].map((name) => fragments.get(name)?.text ?? '')].join('\n');
    operations.push({ source: 'wall', name: file, text: full, document: parse(full) });
  }
  const savedDir = join(repoRoot, 'gateway/saved-queries');
  for (const file of (await readdir(savedDir)).filter((f) => f.endsWith('.graphql'))) {
    const text = await readFile(join(savedDir, file), 'utf8');
    operations.push({ source: 'saved query', name: file, text, document: parse(text) });
  }
  // the servers', tools' and scripts' own operations: string literals starting with their keyword, with
  // `${NAME}` filled from a constant of the same file
  for (const file of await sourceFiles()) {
    const code = await readFile(join(repoRoot, file), 'utf8');
    const constants = new Map<string, string>();
    for (const match of code.matchAll(/const ([A-Z_]+) =\s*(['`])([^'`]*)\2/g))
      constants.set(match[1]!, match[3]!);
    for (const match of code.matchAll(/(['`])\s*((?:query|mutation|subscription)\b[^'`]*)\1/g)) {
      const text = match[2]!.replace(
        /\$\{([A-Z_]+)\}/g,
        (whole, name: string) => constants.get(name) ?? whole,
      );
      if (!text.includes('{') || text.includes('${')) continue;
      operations.push({
        source: file.split('/')[0]!,
        name: `${file}: ${text.slice(0, 40)}…`,
        text,
        document: parse(text),
      });
    }
  }
  // GraphiQL reads the schema with the fullest introspection query there is
  const introspection = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  });
  operations.push({
    source: 'graphiql',
    name: 'IntrospectionQuery',
    text: introspection,
    document: parse(introspection),
  });
  return operations;
}

/** Non-test TypeScript of the services, the platform, the tools and the benchmarks. */
async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(join(repoRoot, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') await walk(path);
      } else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.test.ts') &&
        !entry.name.endsWith('.d.ts')
      ) {
        files.push(path);
      }
    }
  };
  for (const dir of [
    'services/organization/src',
    'services/party-work/src',
    'platform/src',
    'tools/simulate/src',
    'tests/bench',
  ]) {
    await walk(dir);
  }
  return files;
}
