import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Options of {@link initialJsBudget}. */
export interface InitialJsBudgetOptions {
  /**
   * Most gzipped kilobytes (1 KB = 1000 bytes) the page may load before its first paint.
   * @default 400
   */
  budgetKb?: number;
  /** Where the line goes. @default console.log */
  log?: (line: string) => void;
}

/**
 * Prints the gzipped size of the JavaScript a page loads at start (entry chunks and everything they
 * import statically; dynamic imports such as the map data do not count) and fails the build over
 * the budget.
 */
export function initialJsBudget(options: InitialJsBudgetOptions = {}): Plugin {
  const budgetKb = options.budgetKb ?? 400;
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    name: 'pb:initial-js-budget',
    apply: 'build',
    generateBundle(_output, bundle) {
      const chunks = new Map<string, { code: string; imports: string[] }>();
      const entries: string[] = [];
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.set(fileName, { code: item.code, imports: item.imports });
        if (item.isEntry) entries.push(fileName);
      }
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
      };
      entries.forEach(visit);
      let bytes = 0;
      for (const fileName of initial)
        bytes += gzipSync(chunks.get(fileName)?.code ?? '', { level: 9 }).length;
      const kb = bytes / 1000;
      log(
        `initial JS: ${kb.toFixed(1)} KB gzipped in ${initial.size} file(s) (budget ${budgetKb} KB; map data and other lazy chunks excluded)`,
      );
      if (kb > budgetKb)
        this.error(`initial JS is ${kb.toFixed(1)} KB gzipped, over the ${budgetKb} KB budget`);
    },
  };
}
