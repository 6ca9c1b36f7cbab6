import ExcelJS from 'exceljs';
import { CHANNELS, CHANNEL_LABELS } from './reports.model.js';
import { placeCells, reportGrids, type TableGrid } from './render.layout.js';
import {
  MAIN_FIGURE_LABELS,
  NOT_REPORTED,
  mainFigures,
  reportTitle,
  type MainFigures,
  type RenderableReport,
  type ReportOrgView,
} from './render.shared.js';

/**
 * The annual report's tables as an Excel workbook: a 概要 sheet with the main figures, then one
 * sheet per table (表二, 表三, 表四) with the national merged headers as merged cells; and, for a
 * supervisor, one workbook summarising every child org's reports. Figures are numbers; a figure
 * the report does not have is the text （未填报）, never 0.
 */

const THIN = { style: 'thin' as const, color: { argb: 'FF6B6B6B' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = {
  type: 'pattern' as const,
  pattern: 'solid' as const,
  fgColor: { argb: 'FFF3F2F1' },
};
const FONT = { name: '仿宋', size: 11 };

/** Sheet names, within Excel's 31 characters and without its forbidden characters. */
export const SHEET_NAMES = {
  summary: '概要',
  proactive: '表二 主动公开',
  applications: '表三 依申请公开',
  appeals: '表四 复议诉讼',
} as const;

/** Column widths (characters) per table: labels wide, figures narrow. */
function widths(grid: TableGrid): number[] {
  if (grid.part === 'proactive') return [22, 14, 14, 14];
  if (grid.part === 'applications') return [12, 18, 40, 9, 9, 9, 12, 12, 9, 9];
  return Array.from({ length: 15 }, () => 10);
}

/** Writes one table: a title row, then the grid from row 2 with its merges. */
function addTableSheet(book: ExcelJS.Workbook, grid: TableGrid, title: string): void {
  const sheet = book.addWorksheet(SHEET_NAMES[grid.part]);
  sheet.columns = widths(grid).map((width) => ({ width }));
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  sheet.mergeCells(1, 1, 1, grid.columns);
  if (grid.missing) {
    sheet.getCell(2, 1).value = NOT_REPORTED;
    return;
  }
  const top = 2;
  for (const { row, col, cell } of placeCells(grid)) {
    const r = top + row;
    const c = 1 + col;
    if (cell.rowSpan > 1 || cell.colSpan > 1)
      sheet.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
    const target = sheet.getCell(r, c);
    const isValue = cell.role === 'value';
    target.value = isValue ? (cell.value ?? NOT_REPORTED) : cell.text;
    target.font = { ...FONT, bold: cell.role === 'caption' };
    target.alignment = {
      wrapText: true,
      vertical: 'middle',
      horizontal: isValue
        ? 'right'
        : cell.role === 'row' || cell.role === 'rowgroup'
          ? 'left'
          : 'center',
    };
    if (!isValue) target.fill = HEADER_FILL;
    if (isValue && cell.value != null && !Number.isInteger(cell.value)) target.numFmt = '0.00##';
    // Borders on every covered cell, so merged areas are outlined.
    for (let dr = 0; dr < cell.rowSpan; dr++)
      for (let dc = 0; dc < cell.colSpan; dc++) sheet.getCell(r + dr, c + dc).border = BORDER;
  }
  const headRows = grid.groups.filter((g) => g.head).reduce((n, g) => n + g.rows.length, 0);
  if (headRows) sheet.views = [{ state: 'frozen', ySplit: top + headRows - 1 }];
}

/** The 概要 sheet: org, year, main figures and the channels. */
function addSummarySheet(book: ExcelJS.Workbook, doc: RenderableReport, org: ReportOrgView): void {
  const sheet = book.addWorksheet(SHEET_NAMES.summary);
  sheet.columns = [{ width: 30 }, { width: 40 }];
  const figures = mainFigures(doc);
  const rows: Array<[string, string | number]> = [
    ['报告', reportTitle(org.name, doc.year)],
    ['机关', org.name],
    ['年度', doc.year],
    ...(Object.keys(MAIN_FIGURE_LABELS) as Array<keyof MainFigures>).map(
      (k): [string, string | number] => [MAIN_FIGURE_LABELS[k], figures[k] ?? NOT_REPORTED],
    ),
    ...CHANNELS.filter((c) => doc.channels?.[c] !== undefined).map(
      (c): [string, string | number] => [
        `其中：${CHANNEL_LABELS[c]}（条）`,
        doc.channels?.[c] ?? 0,
      ],
    ),
  ];
  rows.forEach(([label, value], i) => {
    const r = sheet.getRow(i + 1);
    r.getCell(1).value = label;
    r.getCell(2).value = value;
    r.getCell(1).font = { ...FONT, bold: true };
    r.getCell(2).font = FONT;
  });
}

/** The workbook of one report: 概要, 表二, 表三, 表四. */
export async function annualReportXlsx(doc: RenderableReport, org: ReportOrgView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Gongkai';
  book.title = reportTitle(org.name, doc.year);
  addSummarySheet(book, doc, org);
  for (const grid of reportGrids(doc))
    addTableSheet(book, grid, `表${grid.number}　${grid.caption}（${doc.year}年）`);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One row of the supervisor's summary: a child org's report for a year (null if none yet). */
export interface SummaryRow {
  org: { code: string; name: string };
  year: number;
  /** The state as shown to the supervisor, e.g. 未开始, 草稿, 已报送, 已公开, 逾期. */
  state: string;
  /** Validation findings, when known. */
  errors?: number | null;
  warnings?: number | null;
  doc: RenderableReport | null;
}

const SUMMARY_FIGURES: Array<keyof MainFigures> = [
  'proactive',
  'newApplications',
  'carriedIn',
  'concluded',
  'carriedOut',
  'reviews',
  'reviewsCorrected',
  'lawsuits',
  'feesCollected',
];

/**
 * The supervisor's workbook: one row per child org and year with its state, validation counts
 * and main figures. An org without a report has empty figure cells; a report lacking a part has
 * （未填报） in that part's cells.
 */
export async function summaryXlsx(rows: readonly SummaryRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Gongkai';
  const sheet = book.addWorksheet('年度报告汇总');
  const headers = [
    '机关代码',
    '机关名称',
    '年度',
    '状态',
    '校验错误',
    '校验警告',
    ...SUMMARY_FIGURES.map((k) => MAIN_FIGURE_LABELS[k]),
  ];
  sheet.columns = headers.map((h, i) => ({
    header: h,
    width: i === 1 ? 32 : Math.max(10, h.length * 2),
  }));
  sheet.getRow(1).font = { ...FONT, bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  for (const row of rows) {
    const figures = row.doc ? mainFigures(row.doc) : null;
    sheet.addRow([
      row.org.code,
      row.org.name,
      row.year,
      row.state,
      row.errors ?? null,
      row.warnings ?? null,
      ...SUMMARY_FIGURES.map((k) => (figures ? (figures[k] ?? NOT_REPORTED) : null)),
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
