import { describe, expect, it } from 'vitest';
import { annualReportCsv, csvField } from './render.csv.js';
import { aFullReport, seedReport, trialFormatReport } from './render.fixtures.js';
import { TABLE3_CORNER_NOTE } from './render.table3.js';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('annualReportCsv', () => {
  it('starts with a BOM and uses CRLF line ends and RFC 4180 quoting', () => {
    const csv = annualReportCsv(aFullReport());
    expect(csv.startsWith('\uFEFF示例市某某局2024年政府信息公开工作年度报告\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"明"')).toBe('"说""明"""');
    expect(csvField('普通')).toBe('普通');
  });

  it('writes one section per table with the official labels and figures', () => {
    const doc = aFullReport();
    const rows = parse(annualReportCsv(doc).slice(1));
    const headings = rows
      .filter((r) => r.length === 1 && /^表|^六/.test(r[0] ?? ''))
      .map((r) => r[0]);
    expect(headings).toEqual([
      '表二　主动公开政府信息情况',
      '表三　收到和处理政府信息公开申请情况',
      '表四　政府信息公开行政复议、行政诉讼情况',
      '六、收取信息处理费情况',
    ]);
    expect(rows).toContainEqual(['规章', '2', '1', '17']);
    expect(rows).toContainEqual(['行政事业性收费', '123.45', '', '']);
    expect(rows).toContainEqual([TABLE3_CORNER_NOTE, '', '', '申请人情况', '', '', '', '', '', '']);
    const secret = rows.find((r) => r[2] === '1.属于国家秘密');
    expect(secret?.slice(0, 2)).toEqual(['三、本年度办理结果', '（三）不予公开']);
    expect(secret?.slice(3).map(Number)).toEqual(doc.applications.rows.withheld_state_secret);
    expect(rows).toContainEqual(['4', '1300', '900']);
    const four = rows.findIndex((r) => r[0] === '表四　政府信息公开行政复议、行政诉讼情况');
    expect(rows[four + 1]?.[0]).toBe('行政复议');
    expect(rows[four + 4]).toEqual([
      '3',
      '1',
      '1',
      '2',
      '7',
      '2',
      '1',
      '1',
      '1',
      '5',
      '1',
      '1',
      '2',
      '3',
      '7',
    ]);
  });

  it('writes （未填报） for missing tables and fees, never 0', () => {
    const seed = parse(annualReportCsv(seedReport()).slice(1));
    const i = seed.findIndex((r) => r[0] === '表二　主动公开政府信息情况');
    expect(seed[i + 1]).toEqual(['（未填报）']);
    const trial = parse(annualReportCsv(trialFormatReport()).slice(1));
    expect(trial.at(-1)).toEqual(['（未填报）', '（未填报）', '（未填报）']);
  });
});
