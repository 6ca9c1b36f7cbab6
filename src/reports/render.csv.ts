import { gridRowCount, placeCells, reportGrids, type TableGrid } from './render.layout.js';
import { NOT_REPORTED, formatFigure, reportTitle, type RenderableReport } from './render.shared.js';

/**
 * The annual report's tables as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese),
 * RFC 4180 quoting and CRLF line ends. One section per table, introduced by its heading and laid
 * out like the national table; a row label merged down several rows is repeated on each, so every
 * line of figures carries its labels. A figure the report lacks is （未填报）, never 0; a missing
 * table is one （未填报） line.
 */

/** Quotes a field when RFC 4180 requires it (comma, quote, CR or LF). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (fields: readonly string[]): string => fields.map(csvField).join(',');

/** The lines of one table: a matrix of its grid, merged header text in the first cell only. */
function tableLines(grid: TableGrid): string[] {
  const heading = `表${grid.number}　${grid.caption}`;
  if (grid.missing) return [line([heading]), line([NOT_REPORTED])];
  const matrix = Array.from({ length: gridRowCount(grid) }, () =>
    Array.from({ length: grid.columns }, () => ''),
  );
  for (const { row, col, cell } of placeCells(grid)) {
    const text = cell.role === 'value' ? formatFigure(cell.value ?? null) : cell.text;
    const repeatDown = cell.role === 'row' || cell.role === 'rowgroup';
    for (let r = 0; r < (repeatDown ? cell.rowSpan : 1); r++) {
      const target = matrix[row + r];
      if (target) target[col] = text;
    }
  }
  return [line([heading]), ...matrix.map(line)];
}

/** The whole report as CSV text (tables 二, 三, 四 and section 六's fee figures). */
export function annualReportCsv(doc: RenderableReport): string {
  const sections = reportGrids(doc).map(tableLines);
  const fees = doc.fees;
  sections.push([
    line(['六、收取信息处理费情况']),
    line(['收费通知件数', '通知总金额（元）', '实际收取总金额（元）']),
    line(
      fees
        ? [fees.notices, fees.notice_amount_yuan, fees.collected_yuan].map((n) => formatFigure(n))
        : [NOT_REPORTED, NOT_REPORTED, NOT_REPORTED],
    ),
  ]);
  const title = line([reportTitle(doc.org.name, doc.year)]);
  return `\uFEFF${[title, ...sections.map((s) => s.join('\r\n'))].join('\r\n\r\n')}\r\n`;
}
