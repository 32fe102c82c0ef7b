/**
 * Turning a GraphQL result into a table: the first list in the result becomes the rows, each row's
 * fields become dotted columns. Pure functions; the HTTP endpoint is in `export.ts`.
 */

/** The byte-order mark that makes Excel read a CSV file as UTF-8 (else Chinese comes out garbled). */
export const UTF8_BOM = '\uFEFF';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The list found in a result: where it was, its items, and a connection's paging facts. */
export interface FoundList {
  /** Field names from `data` down to the list, e.g. `['coverageAlerts']`. */
  path: string[];
  /** Connection edges are unwrapped to their nodes. */
  items: Json[];
  /** A connection's `totalCount`, when selected. */
  totalCount?: number;
  /** A connection's `pageInfo.hasNextPage`, when selected. */
  hasNextPage?: boolean;
  /** A connection's `pageInfo.endCursor`, when selected: pass it as `after` for the next page. */
  endCursor?: string;
}

const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Relay connection: an object whose `edges` is a list of `{ node }` (the wrapper fields may vary). */
function connectionNodes(value: { [key: string]: Json }): Json[] | undefined {
  const edges = value.edges;
  if (!Array.isArray(edges) || !edges.every((edge) => isObject(edge) && 'node' in edge)) return undefined;
  return edges.map((edge) => (edge as { node: Json }).node);
}

/**
 * The first list in the result, in the order the fields were selected (depth first): a plain list,
 * or a connection's `edges { node }`. Undefined when the result holds no list at all.
 */
export function findFirstList(data: Json, path: string[] = []): FoundList | undefined {
  if (Array.isArray(data)) return { path, items: data };
  if (!isObject(data)) return undefined;
  const nodes = connectionNodes(data);
  if (nodes) {
    const pageInfo = isObject(data.pageInfo) ? data.pageInfo : {};
    return {
      path,
      items: nodes,
      ...(typeof data.totalCount === 'number' ? { totalCount: data.totalCount } : {}),
      ...(typeof pageInfo.hasNextPage === 'boolean' ? { hasNextPage: pageInfo.hasNextPage } : {}),
      ...(typeof pageInfo.endCursor === 'string' ? { endCursor: pageInfo.endCursor } : {}),
    };
  }
  for (const [key, value] of Object.entries(data)) {
    const found = findFirstList(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

type Cell = null | boolean | number | string;

/**
 * One row's cells by dotted column name, following the JSON: nested objects become `region.name`,
 * lists of objects are numbered (`items.0.held`, and a nested connection `activities.edges.0.node.title`),
 * lists of plain values share one cell joined by `; `. A null object still gives its column, so that
 * rows without it line up.
 */
export function flattenRow(
  value: Json,
  column = '',
  cells: Map<string, Cell> = new Map(),
): Map<string, Cell> {
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    cells.set(column || 'value', value.map((item) => (item === null ? '' : String(item))).join('; '));
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) flattenRow(item, join(column, String(index)), cells);
  } else if (isObject(value)) {
    for (const [key, field] of Object.entries(value)) flattenRow(field, join(column, key), cells);
  } else {
    cells.set(column || 'value', value);
  }
  return cells;
}

const join = (column: string, key: string) => (column ? `${column}.${key}` : key);

/**
 * A cell as CSV text. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading `'`, so opening an export never runs what someone
 * typed into an organization's name; numbers stay numbers. Quoted per RFC 4180 where needed.
 */
export function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table of rows (each flattened) with the union of their columns in first-seen order. */
export function toTable(items: Json[]): { columns: string[]; rows: Array<Map<string, Cell>> } {
  const rows = items.map((item) => flattenRow(item));
  const columns = new Set<string>();
  for (const row of rows) for (const column of row.keys()) columns.add(column);
  return { columns: [...columns], rows };
}

/** CSV text (UTF-8 BOM, CRLF line ends) of a list's items: a header line, then one line per item. */
export function toCsv(items: Json[]): string {
  const { columns, rows } = toTable(items);
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row.get(column))).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

export type { Json };
