import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getOperationAST, parse } from 'graphql';

/** An example query analysts open from GraphiQL, kept as a `.graphql` file in `gateway/saved-queries/`. */
export interface SavedQuery {
  /** The file name, e.g. `01-eligible-not-established.graphql`; files are listed in name order. */
  file: string;
  /** The operation's name, which GraphiQL shows as the tab title and the export uses as file name. */
  operationName: string;
  /** The question the query answers: the file's first comment line (Chinese) … */
  questionZh: string;
  /** … and its second (English). */
  questionEn: string;
  /** The whole file, comments included. */
  query: string;
}

/**
 * Reads every `.graphql` file of a folder as a saved query. Each must start with two comment lines,
 * the question in Chinese and in English, and hold one named query; a file that does not is refused
 * with its name, so a broken example never reaches analysts.
 */
export async function loadSavedQueries(dir: string): Promise<SavedQuery[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.graphql')).sort();
  return Promise.all(
    files.map(async (file) => readSavedQuery(file, await readFile(join(dir, file), 'utf8'))),
  );
}

export function readSavedQuery(file: string, query: string): SavedQuery {
  const [zh, en] = query
    .split('\n')
    .slice(0, 2)
    .map((line) => (line.startsWith('#') ? line.slice(1).trim() : ''));
  if (!zh || !en) {
    throw new Error(
      `saved query ${file}: start it with two comment lines, the question in Chinese, then in English`,
    );
  }
  let operation: ReturnType<typeof getOperationAST>;
  try {
    operation = getOperationAST(parse(query));
  } catch (error) {
    throw new Error(`saved query ${file}: ${(error as Error).message}`);
  }
  if (!operation || operation.operation !== 'query' || !operation.name) {
    throw new Error(`saved query ${file}: hold exactly one named query (query Name(…) { … })`);
  }
  return { file, operationName: operation.name.value, questionZh: zh, questionEn: en, query };
}
