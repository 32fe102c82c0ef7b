import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable, runImport, type TableRow, toCsv } from './bulk.js';
import { testEnvironment } from './testing.js';

const env = testEnvironment('platform');
let dataSource: DataSource;

async function collect(rows: AsyncIterable<TableRow>): Promise<TableRow[]> {
  const all: TableRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

interface Person {
  code: string;
  name: string;
}

/** The import under test: people keyed by code, idempotent on it. */
function importPeople(rows: AsyncIterable<TableRow>, batchSize = 2) {
  return runImport<Person>({
    rows,
    dataSource,
    batchSize,
    validate: ({ values }) => {
      const problems: Array<{ field: string; message: string }> = [];
      if (!/^\d{3}$/.test(values.code ?? ''))
        problems.push({ field: 'code', message: 'code must be 3 digits' });
      if (!values.name) problems.push({ field: 'name', message: 'name is required' });
      return problems.length > 0 ? { problems } : { item: { code: values.code!, name: values.name! } };
    },
    writeBatch: async (items, manager) => {
      let imported = 0;
      let unchanged = 0;
      for (const { item } of items) {
        const [existing] = await manager.query('SELECT name FROM person WHERE code = ?', [item.code]);
        if (existing?.name === item.name) {
          unchanged++;
          continue;
        }
        // a name of "boom" breaks a CHECK constraint: the database, not validation, refuses it
        await manager.query('REPLACE INTO person (code, name) VALUES (?, ?)', [item.code, item.name]);
        imported++;
      }
      return { imported, unchanged };
    },
  });
}

beforeAll(async () => {
  dataSource = await env.openEmptyDatabase();
  await dataSource.query(
    "CREATE TABLE person (code CHAR(3) PRIMARY KEY, name VARCHAR(20) NOT NULL, CHECK (name <> 'boom'))",
  );
});
afterAll(async () => {
  await dataSource?.destroy();
  await env.cleanUp();
});

describe('reading tables', () => {
  it('reads CSV with a BOM, quoted cells and blank lines, keeping file line numbers', async () => {
    const csv = '\uFEFFcode,name\r\n001,"王, 芳"\r\n\r\n002,"说 ""好"""\r\n';
    const rows = await collect(readTable({ buffer: Buffer.from(csv), fileName: 'people.csv' }));
    expect(rows).toEqual([
      { line: 2, values: { code: '001', name: '王, 芳' } },
      { line: 4, values: { code: '002', name: '说 "好"' } },
    ]);
  });

  it('reads the first sheet of an XLSX file, dates as YYYY-MM-DD', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员');
    sheet.addRow(['code', 'name', 'since']);
    sheet.addRow(['001', '李强', new Date(Date.UTC(2024, 6, 1))]);
    sheet.addRow([]);
    sheet.addRow([3, '赵敏', null]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const rows = await collect(readTable({ buffer, fileName: 'people.XLSX' }));
    expect(rows).toEqual([
      { line: 2, values: { code: '001', name: '李强', since: '2024-07-01' } },
      { line: 4, values: { code: '3', name: '赵敏', since: '' } },
    ]);
  });

  it('refuses other file types by name', () => {
    expect(() => readTable({ buffer: Buffer.from(''), fileName: 'people.xls' })).toThrowError(
      /only .csv and .xlsx/,
    );
  });
});

describe('importing', () => {
  it('imports the good rows, reports each bad one with its line, and is idempotent', async () => {
    const csv = 'code,name\n101,甲\n10x,乙\n102,\n103,丙\n104,丁\n';
    const first = await importPeople(readTable({ buffer: Buffer.from(csv), fileName: 'a.csv' }));
    expect(first).toEqual({
      total: 5,
      imported: 3,
      unchanged: 0,
      rejected: [
        { line: 3, field: 'code', message: 'code must be 3 digits' },
        { line: 4, field: 'name', message: 'name is required' },
      ],
    });
    const again = await importPeople(readTable({ buffer: Buffer.from(csv), fileName: 'a.csv' }));
    expect(again).toMatchObject({ imported: 0, unchanged: 3 });
    const rows = await dataSource.query("SELECT code FROM person WHERE code LIKE '10%' ORDER BY code");
    expect(rows.map((r: { code: string }) => r.code)).toEqual(['101', '103', '104']);
  });

  it('loses nothing valid when the database refuses one row of a batch', async () => {
    const csv = 'code,name\n201,甲\n202,boom\n203,丙\n';
    const report = await importPeople(readTable({ buffer: Buffer.from(csv), fileName: 'b.csv' }), 3);
    expect(report).toMatchObject({
      total: 3,
      imported: 2,
      rejected: [{ line: 3, message: 'the database refused this row' }],
    });
    const rows = await dataSource.query("SELECT code FROM person WHERE code LIKE '20%' ORDER BY code");
    expect(rows.map((r: { code: string }) => r.code)).toEqual(['201', '203']);
  });

  it('reports progress as batches are written', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => `3${String(i).padStart(2, '0')},人${i}`);
    const progress: number[] = [];
    await runImport<Person>({
      rows: readTable({ buffer: Buffer.from(`code,name\n${lines.join('\n')}\n`), fileName: 'c.csv' }),
      dataSource,
      batchSize: 3,
      validate: ({ values }) => ({ item: { code: values.code!, name: values.name! } }),
      writeBatch: async (items) => ({ imported: items.length, unchanged: 0 }),
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([3, 6, 7, 7]);
  });
});

describe('exporting CSV', () => {
  it('quotes what needs it, defuses formulas, and reads back as it was written', async () => {
    const csv = toCsv(
      ['名称', '备注', '数'],
      [
        ['杭州市"网络"协会', '=HYPERLINK("x")', -12],
        ['a,b', ' lead', null],
      ],
    );
    expect(csv.startsWith('\uFEFF名称,备注,数\r\n')).toBe(true);
    expect(csv).toContain(`'=HYPERLINK`);
    const rows = await collect(readTable({ buffer: Buffer.from(csv), fileName: 'x.csv' }));
    expect(rows.map((r) => r.values)).toEqual([
      { 名称: '杭州市"网络"协会', 备注: `'=HYPERLINK("x")`, 数: '-12' },
      { 名称: 'a,b', 备注: 'lead', 数: '' },
    ]);
  });
});
