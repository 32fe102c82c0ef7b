import { describe, expect, it } from 'vitest';
import { csvCell, findFirstList, flattenRow, toCsv, UTF8_BOM } from './csv.js';

describe('the first list of a result', () => {
  it("unwraps a connection's edges to their nodes, with its paging facts", () => {
    const data = {
      coverageAlerts: {
        totalCount: 41,
        pageInfo: { hasNextPage: true, endCursor: 'c2' },
        edges: [
          { cursor: 'c1', node: { subjectName: '杭州网络直播协会' } },
          { cursor: 'c2', node: { subjectName: '宁波电子商务协会' } },
        ],
      },
    };
    expect(findFirstList(data)).toEqual({
      path: ['coverageAlerts'],
      items: [{ subjectName: '杭州网络直播协会' }, { subjectName: '宁波电子商务协会' }],
      totalCount: 41,
      hasNextPage: true,
      endCursor: 'c2',
    });
  });

  it('takes a plain list, and the first one in selection order, depth first', () => {
    const data = {
      coverageStats: { organizations: 40, region: { name: '浙江省' } },
      region: { name: '浙江省', children: [{ name: '杭州市' }] },
      coverageByRegion: [{ organizations: 3 }],
    };
    expect(findFirstList(data)).toEqual({ path: ['region', 'children'], items: [{ name: '杭州市' }] });
  });

  it('finds none in a result of single objects and figures', () => {
    expect(findFirstList({ coverageStats: { organizations: 40, region: null } })).toBeUndefined();
    expect(findFirstList(null)).toBeUndefined();
  });

  it('takes an empty list as a list, so an export with no rows is an empty table, not an error', () => {
    expect(findFirstList({ workAlerts: { totalCount: 0, edges: [] } })).toEqual({
      path: ['workAlerts'],
      items: [],
      totalCount: 0,
    });
  });
});

describe('flattening a row', () => {
  it('names nested fields by their dotted path, numbers lists of objects and joins lists of values', () => {
    const row = {
      name: '党支部 501',
      region: { code: '330106', name: '西湖区', parent: null },
      lastActivity: { heldAt: '2026-11-20T02:00:00.000Z', present: 8 },
      compliance: {
        compliant: false,
        items: [
          { type: 'GENERAL_MEETING', held: 1 },
          { type: 'THEMED_PARTY_DAY', held: 0 },
        ],
      },
      participantIds: ['m1', 'm2', null],
    };
    expect(Object.fromEntries(flattenRow(row))).toEqual({
      name: '党支部 501',
      'region.code': '330106',
      'region.name': '西湖区',
      'region.parent': null,
      'lastActivity.heldAt': '2026-11-20T02:00:00.000Z',
      'lastActivity.present': 8,
      'compliance.compliant': false,
      'compliance.items.0.type': 'GENERAL_MEETING',
      'compliance.items.0.held': 1,
      'compliance.items.1.type': 'THEMED_PARTY_DAY',
      'compliance.items.1.held': 0,
      participantIds: 'm1; m2; ',
    });
  });

  it('calls a row that is a plain value "value"', () => {
    expect(Object.fromEntries(flattenRow('330100'))).toEqual({ value: '330100' });
  });
});

describe('CSV cells', () => {
  it('prefixes text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('杭州=西湖')).toBe('杭州=西湖');
  });

  it('quotes commas, quotes and line breaks, and leaves empty cells for null', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说"好"')).toBe('"说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(0)).toBe('0');
  });
});

describe('CSV text', () => {
  it('starts with a BOM, has a header of every column in first-seen order and CRLF line ends', () => {
    const csv = toCsv([
      { name: '杭州网络直播协会', partyCoverage: null },
      { name: '宁波电子商务协会', partyCoverage: { standalone: true }, fullMemberCount: 5 },
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.slice(1)).toBe(
      'name,partyCoverage,partyCoverage.standalone,fullMemberCount\r\n' +
        '杭州网络直播协会,,,\r\n' +
        '宁波电子商务协会,,true,5\r\n',
    );
  });

  it('is a header line alone for no rows', () => {
    expect(toCsv([])).toBe(`${UTF8_BOM}\r\n`);
  });
});
