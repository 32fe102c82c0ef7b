import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Logger } from '@pb/platform/logger';
import {
  buildASTSchema,
  type ConstDirectiveNode,
  type EnumTypeDefinitionNode,
  Kind,
  parse,
  print,
  visit,
} from 'graphql';

/** One subgraph as the supergraph's `join__Graph` enum declares it. */
export interface SubgraphEntry {
  /** The enum value, e.g. `PARTY_WORK`. */
  graph: string;
  /** The subgraph's own name, e.g. `party-work`; Hive's transports and logs use it. */
  name: string;
  url: string;
}

/** A supergraph that passed {@link parseSupergraph}, with URL overrides applied. */
export interface Supergraph {
  sdl: string;
  subgraphs: SubgraphEntry[];
}

/**
 * Checks a supergraph SDL (valid GraphQL, a `join__Graph` enum whose every value names a subgraph and
 * its URL) and replaces the URLs of the graphs in `urlOverrides`. Throws with what is wrong.
 */
export function parseSupergraph(source: string, urlOverrides: Record<string, string> = {}): Supergraph {
  // rewriting the SDL (rather than Hive's per-subgraph transport entries) keeps one source of truth
  // for the URLs that both the runtime and the readiness probe use
  const document = visit(parse(source), {
    EnumTypeDefinition(node) {
      return node.name.value === 'join__Graph' ? overrideUrls(node, urlOverrides) : undefined;
    },
  });
  buildASTSchema(document);
  const joinGraph = document.definitions.find(
    (definition): definition is EnumTypeDefinitionNode =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (!joinGraph?.values?.length) throw new Error('it declares no subgraphs (no join__Graph enum values)');
  const subgraphs = joinGraph.values.map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = stringArgument(directive, 'name');
    const url = stringArgument(directive, 'url');
    if (!name || !url) throw new Error(`join__Graph.${value.name.value} has no @join__graph(name:, url:)`);
    return { graph: value.name.value, name, url };
  });
  return { sdl: print(document), subgraphs };
}

function overrideUrls(
  node: EnumTypeDefinitionNode,
  urlOverrides: Record<string, string>,
): EnumTypeDefinitionNode {
  return {
    ...node,
    values: node.values?.map((value) => {
      const url = urlOverrides[value.name.value];
      if (url === undefined) return value;
      return {
        ...value,
        directives: value.directives?.map((directive) =>
          directive.name.value !== 'join__graph'
            ? directive
            : {
                ...directive,
                arguments: directive.arguments?.map((argument) =>
                  argument.name.value === 'url'
                    ? { ...argument, value: { kind: Kind.STRING, value: url } }
                    : argument,
                ),
              },
        ),
      };
    }),
  };
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/** How long the file must be quiet before it is read: an editor or `compose` may write it in steps. */
const SETTLE_MS = 150;

/**
 * The supergraph file: loaded at start, then watched; a change that parses replaces the current
 * supergraph and calls `onChange`, a bad one is logged and the last good supergraph stays in use.
 */
export class SupergraphFile {
  /** The last good supergraph; undefined until one has loaded. */
  current: Supergraph | undefined;
  /** Why the file was last rejected, while no supergraph has loaded. */
  problem: string | undefined;
  private lastSource: string | undefined;
  private watcher: FSWatcher | undefined;
  private settleTimer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly urlOverrides: Record<string, string>,
    private readonly logger: Logger,
  ) {}

  /** Reads the file; true when it holds a new good supergraph. Never throws: a bad file is logged. */
  async load(): Promise<boolean> {
    let source: string;
    try {
      source = await readFile(this.path, 'utf8');
    } catch (error) {
      return this.reject(`cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
    if (source === this.lastSource) return false;
    this.lastSource = source;
    try {
      this.current = parseSupergraph(source, this.urlOverrides);
    } catch (error) {
      return this.reject(error instanceof Error ? error.message : String(error));
    }
    this.problem = undefined;
    this.logger.info(
      { path: this.path, subgraphs: this.current.subgraphs.map(({ name, url }) => ({ name, url })) },
      'supergraph loaded',
    );
    return true;
  }

  /**
   * Watches the file's folder, not the file: editors and atomic writers replace it by rename, which a
   * watcher on the old file would miss. Calls `onChange` after each good reload.
   */
  watch(onChange: () => void): void {
    const file = basename(this.path);
    try {
      this.watcher = watch(dirname(this.path), (_event, changed) => {
        if (changed !== null && changed !== file) return;
        clearTimeout(this.settleTimer);
        this.settleTimer = setTimeout(() => {
          this.reloading = this.reloading.then(async () => {
            if (await this.load()) onChange();
          });
        }, SETTLE_MS);
      });
      this.watcher.on('error', (error) =>
        this.logger.error({ err: error, path: this.path }, 'supergraph watch failed'),
      );
    } catch (error) {
      this.logger.error(
        { err: error, path: this.path },
        'cannot watch the supergraph; changes need a restart',
      );
    }
  }

  /** Stops watching and waits for a reload under way. */
  async close(): Promise<void> {
    clearTimeout(this.settleTimer);
    this.watcher?.close();
    await this.reloading;
  }

  private reject(reason: string): false {
    if (!this.current) this.problem = reason;
    const keeping = this.current ? 'keeping the last good one' : 'no supergraph is loaded';
    this.logger.error({ path: this.path, reason }, `supergraph rejected; ${keeping}`);
    return false;
  }
}
