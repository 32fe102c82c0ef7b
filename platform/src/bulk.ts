import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, type TransactionOptions } from './transaction.js';

/**
 * Bulk import and export, the same for every kind of record: staff keep data in spreadsheets and must not
 * type it twice. A file is read as a table (CSV or XLSX, first sheet, header row), each row is validated
 * on its own, the good rows are written in batches of one transaction each, and every bad row is reported
 * with its line and reason. Writers are idempotent on the record's natural key, so a file can be imported
 * again after a fix.
 */

/** One data row: values keyed by the header's column names, trimmed; `line` counts from 1 in the file. */
export interface TableRow {
  line: number;
  values: Record<string, string>;
}

export type TableInput = { path: string } | { buffer: Buffer; fileName: string };

export class UnsupportedFileError extends Error {
  override name = 'UnsupportedFileError';
}

/** Reads a CSV or XLSX file (by extension) as rows, streaming, so a large file never sits in memory. */
export function readTable(input: TableInput): AsyncIterable<TableRow> {
  const name = 'path' in input ? input.path : input.fileName;
  const extension = extname(name).toLowerCase();
  const stream = () => ('path' in input ? createReadStream(input.path) : Readable.from([input.buffer]));
  if (extension === '.csv') return readCsv(stream());
  if (extension === '.xlsx') return readXlsx(stream());
  throw new UnsupportedFileError(`${name}: only .csv and .xlsx files can be imported`);
}

async function* readCsv(source: Readable): AsyncIterable<TableRow> {
  const parser = source.pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }),
  );
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!header) {
      header = record.map((name) => name.trim());
      continue;
    }
    yield { line: info.lines, values: rowValues(header, record) };
  }
}

async function* readXlsx(source: Readable): AsyncIterable<TableRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // styles tell a date cell from a number cell
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const worksheet of workbook) {
    let header: string[] | undefined;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      // row.values is 1-based: index 0 is always empty
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (cells.every((cell) => cell === '')) continue;
      if (!header) {
        header = cells;
        continue;
      }
      yield { line: row.number, values: rowValues(header, cells) };
    }
    return; // the first sheet only
  }
}

function rowValues(header: string[], cells: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  header.forEach((name, i) => {
    if (name) values[name] = (cells[i] ?? '').trim();
  });
  return values;
}

/** A spreadsheet cell as the text a person sees; dates as YYYY-MM-DD when they carry no time. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

export interface RowProblem {
  line: number;
  field?: string;
  message: string;
}

export type Validation<T> = { item: T } | { problems: Array<{ field?: string; message: string }> };

export interface ImportResult {
  /** Data rows read. */
  total: number;
  /** Rows written as new or changed records. */
  imported: number;
  /** Valid rows whose record was already there as given (an import run again). */
  unchanged: number;
  rejected: RowProblem[];
}

export interface ImportOptions<T> {
  rows: AsyncIterable<TableRow>;
  validate(row: TableRow): Validation<T> | Promise<Validation<T>>;
  /** Writes one batch inside its transaction; idempotent on the records' natural keys. */
  writeBatch(
    items: Array<{ line: number; item: T }>,
    manager: EntityManager,
  ): Promise<{ imported: number; unchanged: number }>;
  dataSource: DataSource;
  /** @default 500 */
  batchSize?: number;
  /** Of each batch's transaction: READ COMMITTED where a batch re-evaluates kept state (see inTransaction). */
  isolation?: TransactionOptions['isolation'];
  /** Called after each batch with the rows read so far. */
  onProgress?(done: number): void;
  /** Stops after this many data rows, reporting the rest as rejected. @default 200000 */
  maxRows?: number;
}

/**
 * Validates every row and writes the good ones in batches, one transaction each. When a batch fails in
 * the database, it is rolled back and written again row by row, so one bad row costs only itself and the
 * report names it; nothing valid is lost.
 */
export async function runImport<T>(options: ImportOptions<T>): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 500;
  const maxRows = options.maxRows ?? 200_000;
  const report: ImportResult = { total: 0, imported: 0, unchanged: 0, rejected: [] };
  let batch: Array<{ line: number; item: T }> = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    try {
      add(
        report,
        await inTransaction(options.dataSource, (manager) => options.writeBatch(pending, manager), {
          isolation: options.isolation,
        }),
      );
    } catch {
      for (const entry of pending) {
        try {
          add(
            report,
            await inTransaction(options.dataSource, (manager) => options.writeBatch([entry], manager), {
              isolation: options.isolation,
            }),
          );
        } catch (error) {
          report.rejected.push({ line: entry.line, message: databaseRefusal(error) });
        }
      }
    }
    options.onProgress?.(report.total);
  };

  for await (const row of options.rows) {
    report.total++;
    if (report.total > maxRows) {
      report.rejected.push({ line: row.line, message: `the file has more than ${maxRows} rows; split it` });
      break;
    }
    const result = await options.validate(row);
    if ('problems' in result) {
      for (const problem of result.problems) report.rejected.push({ line: row.line, ...problem });
    } else {
      batch.push({ line: row.line, item: result.item });
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  options.onProgress?.(report.total);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

function add(report: ImportResult, written: { imported: number; unchanged: number }): void {
  report.imported += written.imported;
  report.unchanged += written.unchanged;
}

/** What to tell a user about a row the database refused, without SQL. */
function databaseRefusal(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ER_DUP_ENTRY') return 'conflicts with a record that already exists';
  if (code === 'ER_NO_REFERENCED_ROW_2') return 'refers to a record that does not exist';
  if (code === 'ER_DATA_TOO_LONG') return 'a value is longer than allowed';
  return 'the database refused this row';
}

/**
 * A CSV document (RFC 4180) with a UTF-8 byte-order mark, so Excel opens Chinese text correctly. A cell
 * that a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.
 */
export function toCsv(columns: string[], rows: unknown[][]): string {
  const lines = [columns, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
