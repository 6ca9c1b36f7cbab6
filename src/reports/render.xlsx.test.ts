import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { aFullReport, seedReport, seriesReports } from './render.fixtures.js';
import { annualReportXlsx, SHEET_NAMES, summaryXlsx } from './render.xlsx.js';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

/** The merged ranges of a sheet, as A1 ranges (exceljs keeps them in the model). */
const merges = (sheet: ExcelJS.Worksheet | undefined): string[] =>
  (sheet?.model as unknown as { merges: string[] }).merges ?? [];

describe('annualReportXlsx', () => {
  it('has a summary sheet and one sheet per table', async () => {
    const doc = aFullReport();
    const book = await read(await annualReportXlsx(doc, { name: doc.org.name }));
    expect(book.worksheets.map((s) => s.name)).toEqual([
      SHEET_NAMES.summary,
      SHEET_NAMES.proactive,
      SHEET_NAMES.applications,
      SHEET_NAMES.appeals,
    ]);
    const summary = book.getWorksheet(SHEET_NAMES.summary);
    expect(summary?.getCell('B1').value).toBe('示例市某某局2024年政府信息公开工作年度报告');
    const rows = summary?.getSheetValues() as unknown[][];
    const find = (label: string) => rows.find((r) => r?.[1] === label)?.[2];
    expect(find('主动公开政府信息（条）')).toBe(3597);
    expect(find('其中：政务新媒体（条）')).toBe(77);
    expect(find('行政诉讼（件）')).toBe(5 + 7);
  });

  it('merges table 三’s headers and keeps the figures as numbers in place', async () => {
    const doc = aFullReport();
    const book = await read(await annualReportXlsx(doc, { name: doc.org.name }));
    const sheet = book.getWorksheet(SHEET_NAMES.applications);
    // Row 1 is the title; the table starts on row 2.
    expect(merges(sheet)).toEqual(
      expect.arrayContaining([
        'A1:J1',
        'A2:C4',
        'D2:J2',
        'D3:D4',
        'E3:I3',
        'J3:J4',
        'A5:C5',
        'A7:A28',
        'B9:B16',
        'B28:C28',
        'A29:C29',
      ]),
    );
    expect(sheet?.getCell('A2').value).toContain('勾稽关系');
    expect(sheet?.getCell('E3').value).toBe('法人或其他组织');
    expect(sheet?.getCell('H4').value).toBe('法律服务机构');
    expect(sheet?.getCell('C9').value).toBe('1.属于国家秘密');
    expect(sheet?.getCell('D5').value).toBe(doc.applications.rows.new[0]);
    expect(sheet?.getCell('J28').value).toBe(doc.applications.rows.total[6]);
    expect(sheet?.getCell('J29').value).toBe(doc.applications.rows.carried_out[6]);
  });

  it('merges tables 二 and 四 as the national format does', async () => {
    const doc = aFullReport();
    const book = await read(await annualReportXlsx(doc, { name: doc.org.name }));
    const two = book.getWorksheet(SHEET_NAMES.proactive);
    expect(merges(two)).toEqual(
      expect.arrayContaining(['A2:D2', 'A6:D6', 'B7:D7', 'B8:D8', 'A13:D13', 'B14:D14', 'B15:D15']),
    );
    expect(two?.getCell('B15').value).toBe(123.45);
    expect(two?.getCell('A14').value).toBe('信息内容');
    const four = book.getWorksheet(SHEET_NAMES.appeals);
    expect(merges(four)).toEqual(expect.arrayContaining(['A2:E3', 'F2:O2', 'F3:J3', 'K3:O3']));
    expect(four?.getCell('O4').value).toBe('总计');
    expect(four?.getCell('O5').value).toBe(7);
  });

  it('writes （未填报） for the seed report’s missing table 二', async () => {
    const doc = seedReport();
    const book = await read(await annualReportXlsx(doc, { name: doc.org.name }));
    expect(book.getWorksheet(SHEET_NAMES.proactive)?.getCell('A2').value).toBe('（未填报）');
    expect(book.getWorksheet(SHEET_NAMES.applications)?.getCell('J5').value).toBe(0);
  });
});

describe('summaryXlsx', () => {
  it('lists one row per org and year with state, findings and main figures', async () => {
    const [y21, y22, y23] = seriesReports();
    const org = { code: 'demo-dept', name: '示例部门' };
    const book = await read(
      await summaryXlsx([
        { org, year: 2021, state: '已公开', errors: 0, warnings: 0, doc: y21 ?? null },
        { org, year: 2022, state: '已公开', errors: 0, warnings: 1, doc: y22 ?? null },
        { org, year: 2023, state: '已报送', doc: y23 ?? null },
        { org: { code: 'other', name: '另一单位' }, year: 2023, state: '未开始', doc: null },
      ]),
    );
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(7).value).toBe('主动公开政府信息（条）');
    expect(sheet?.rowCount).toBe(5);
    expect(sheet?.getRow(4).getCell(4).value).toBe('已报送');
    expect(sheet?.getRow(4).getCell(8).value).toBe(9);
    expect(sheet?.getRow(5).getCell(8).value).toBeNull();
  });
});
