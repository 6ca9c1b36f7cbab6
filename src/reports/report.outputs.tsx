import { render } from 'preact-render-to-string';
import { annualReportCsv } from './render.csv.js';
import { annualReportDocx } from './render.docx.js';
import { ANNUAL_REPORT_CSS, AnnualReportBody, type ReportRevisionView } from './render.html.js';
import { reportTitle, type ReportOrgView } from './render.shared.js';
import { annualReportXlsx } from './render.xlsx.js';
import type { AnnualReport, PublishedAnnualReport } from './reports.schema.js';

/**
 * The outputs of a report (issue 5): gongkai-annual-report JSON (EXCHANGE.md §2), a standalone
 * HTML page, DOCX after GB/T 9704, XLSX of the tables and CSV; one place that maps a format to
 * its renderer, media type and file name, for the CLI and the download routes.
 */

export const OUTPUT_FORMATS = ['json', 'html', 'docx', 'xlsx', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const MEDIA_TYPES: Record<OutputFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Whether the format is binary (never printed to a terminal). */
export const isBinary = (format: OutputFormat): boolean => format === 'docx' || format === 'xlsx';

/** `wzgxq-2022-annual-report.docx` (ASCII, safe in headers and file systems). */
export const outputFileName = (
  code: string,
  year: number,
  format: OutputFormat,
  revision?: number,
) => `${code}-${year}-annual-report${revision && revision > 1 ? `-r${revision}` : ''}.${format}`;

/** A whole HTML document of the report (the CLI's `--format html`; styles inline, no script). */
export function standaloneHtml(
  doc: PublishedAnnualReport,
  org: ReportOrgView,
  revision?: ReportRevisionView | null,
): string {
  const body = render(<AnnualReportBody doc={doc} org={org} revision={revision ?? null} />);
  const title = reportTitle(org.name, doc.year).replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>body{font-family:'FangSong','STFangsong',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.8}table{border-collapse:collapse}th,td{border:1px solid #333;padding:.25rem .5rem}${ANNUAL_REPORT_CSS}</style></head><body><main>${body}</main></body></html>\n`;
}

/** Renders a report in a format: text or bytes. */
export async function renderReport(
  doc: AnnualReport | PublishedAnnualReport,
  org: ReportOrgView,
  format: OutputFormat,
  revision?: ReportRevisionView | null,
): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(doc, null, 2)}\n`;
    case 'html':
      return standaloneHtml(doc, org, revision);
    case 'csv':
      return annualReportCsv(doc);
    case 'docx':
      return annualReportDocx(doc, org, { revisionNote: revision?.note ?? null });
    case 'xlsx':
      return annualReportXlsx(doc, org);
  }
}
