import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { DEFAULT_LETTER_FONTS, LETTER_MARGINS_TWIPS } from '../requests/letters.docx.js';
import { reportGrids, type GridCell, type TableGrid } from './render.layout.js';
import {
  NOT_REPORTED,
  SECTION_HEADINGS,
  feeSentence,
  formatFigure,
  narrativeParagraphs,
  partsText,
  reportPreamble,
  reportTitle,
  subHeadingLead,
  type RenderableReport,
  type ReportOrgView,
} from './render.shared.js';

/**
 * The annual report as a Word document laid out after GB/T 9704-2012 《党政机关公文格式》, the
 * same page as the platform's letters (src/requests/letters.docx.ts): A4; margins 37 mm top,
 * 35 mm bottom, 28 mm left, 26 mm right; title 方正小标宋简体 二号 (22 pt) centred; body
 * 仿宋_GB2312 三号 (16 pt) at a fixed 29 pt line; first-level headings (一、) 黑体, second-level
 * lead-ins (（一）) 楷体_GB2312; tables 二–四 with the national merged headers (gridSpan / vMerge)
 * in 仿宋_GB2312 五号 (10.5 pt); page numbers "— N —".
 *
 * Fonts are named, not embedded: Word substitutes a font that is not installed. Where the GB2312
 * fonts are missing, use `REPORT_FALLBACK_FONTS` (仿宋, 楷体, 黑体, 宋体 ship with Windows) via
 * `opts.fonts`.
 */
export interface ReportFonts {
  /** Title (二号). */
  title: string;
  /** Body text and tables. */
  body: string;
  /** First-level headings: 一、总体情况. */
  heading: string;
  /** Second-level lead-ins: （一）主动公开方面。 */
  subHeading: string;
  /** Latin letters and digits. */
  latin: string;
  /** Page numbers. */
  pageNumber: string;
}

export const DEFAULT_REPORT_FONTS: Readonly<ReportFonts> = {
  title: DEFAULT_LETTER_FONTS.title,
  body: DEFAULT_LETTER_FONTS.body,
  heading: '黑体',
  subHeading: '楷体_GB2312',
  latin: DEFAULT_LETTER_FONTS.latin,
  pageNumber: DEFAULT_LETTER_FONTS.pageNumber,
};

/** Fonts present on a stock Windows or WPS install, for machines without the GB2312 fonts. */
export const REPORT_FALLBACK_FONTS: Readonly<ReportFonts> = {
  title: '华文中宋',
  body: '仿宋',
  heading: '黑体',
  subHeading: '楷体',
  latin: 'Times New Roman',
  pageNumber: '宋体',
};

export interface ReportDocxOptions {
  fonts?: Partial<ReportFonts>;
  /** A revision note printed under the title (an amended report). */
  revisionNote?: string | null;
}

const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
const A4 = { width: mmToTwip(210), height: mmToTwip(297) };
/** Text block width: 210 − 28 − 26 = 156 mm. */
const TEXT_WIDTH = A4.width - LETTER_MARGINS_TWIPS.left - LETTER_MARGINS_TWIPS.right;
/** Half-points: 二号 22 pt, 三号 16 pt, 五号 10.5 pt, 四号 14 pt. */
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
const TABLE_SIZE = 21;
const PAGE_NUMBER_SIZE = 28;
const BODY_LINE = 580;
const TITLE_LINE = 700;
const TWO_CHARS = 640;

/** Grid column widths in twips per table, filling the 156 mm text block. */
function columnWidths(grid: TableGrid): number[] {
  const even = (n: number, total: number) => Array.from({ length: n }, () => Math.floor(total / n));
  if (grid.part === 'proactive') return [2844, ...even(3, TEXT_WIDTH - 2844)];
  if (grid.part === 'applications') return [700, 1300, 2300, ...even(7, TEXT_WIDTH - 4300)];
  return even(15, TEXT_WIDTH);
}

/** Builds the DOCX of a report; resolves to the file's bytes. */
export async function annualReportDocx(
  doc: RenderableReport,
  org: ReportOrgView,
  opts: ReportDocxOptions = {},
): Promise<Buffer> {
  const f = { ...DEFAULT_REPORT_FONTS, ...opts.fonts };
  const run = (text: string, eastAsia: string, size: number, bold = false): TextRun =>
    new TextRun({
      text,
      size,
      bold,
      font: { eastAsia, ascii: f.latin, hAnsi: f.latin, cs: f.latin },
    });
  const bodyLine = { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const indent = { firstLine: TWO_CHARS, firstLineChars: 200 };
  const para = (text: string): Paragraph => {
    const lead = subHeadingLead(text);
    const children = lead
      ? [run(lead, f.subHeading, BODY_SIZE), run(text.slice(lead.length), f.body, BODY_SIZE)]
      : [run(text, f.body, BODY_SIZE)];
    return new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: bodyLine,
      indent,
      children,
    });
  };
  const heading = (text: string): Paragraph =>
    new Paragraph({
      spacing: bodyLine,
      indent,
      keepNext: true,
      children: [run(text, f.heading, BODY_SIZE)],
    });
  const narrative = (text: string | undefined): Paragraph[] => {
    if (text === undefined) return [para(NOT_REPORTED)];
    const ps = narrativeParagraphs(text);
    return ps.length ? ps.map(para) : [para('无。')];
  };
  const table = (grid: TableGrid): Array<Paragraph | Table> =>
    grid.missing ? [para(NOT_REPORTED)] : [docxTable(grid, f), new Paragraph({ children: [] })];
  const [proactive, applications, appeals] = reportGrids(doc);

  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: TITLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(reportTitle(org.name, doc.year), f.title, TITLE_SIZE)],
    }),
    new Paragraph({ spacing: bodyLine, children: [] }),
    ...(opts.revisionNote ? [para(opts.revisionNote)] : []),
    para(reportPreamble(doc, org)),
    heading(SECTION_HEADINGS.overview),
    ...narrative(doc.narrative?.overview),
    heading(SECTION_HEADINGS.proactive),
    ...(proactive ? table(proactive) : []),
    heading(SECTION_HEADINGS.applications),
    ...(applications ? table(applications) : []),
    heading(SECTION_HEADINGS.appeals),
    ...(appeals ? table(appeals) : []),
    heading(SECTION_HEADINGS.problems),
    ...narrative(doc.narrative?.problems),
    heading(SECTION_HEADINGS.other),
    ...(feeSentence(doc).length ? [para(partsText(feeSentence(doc)))] : []),
    ...narrative(doc.narrative?.other),
  ];

  const document = new Document({
    title: reportTitle(org.name, doc.year),
    creator: org.name,
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { ...LETTER_MARGINS_TWIPS, header: mmToTwip(15), footer: mmToTwip(20) },
          },
        },
        footers: { default: pageNumberFooter(f) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** "— N —" centred at the foot of every page (GB/T 9704 7.5). */
function pageNumberFooter(f: ReportFonts): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: PAGE_NUMBER_SIZE,
            font: { eastAsia: f.pageNumber, ascii: f.latin, hAnsi: f.latin },
          }),
        ],
      }),
    ],
  });
}

/** One table with the national merges; docx writes gridSpan for column spans, vMerge for row spans. */
function docxTable(grid: TableGrid, f: ReportFonts): Table {
  const widths = columnWidths(grid);
  const cellParagraph = (cell: GridCell): Paragraph => {
    const text = cell.role === 'value' ? formatFigure(cell.value ?? null) : cell.text;
    const left = cell.role === 'row' || cell.role === 'rowgroup';
    return new Paragraph({
      alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
      spacing: { before: 0, after: 0 },
      children: [
        new TextRun({
          text,
          size: TABLE_SIZE,
          font: { eastAsia: f.body, ascii: f.latin, hAnsi: f.latin, cs: f.latin },
        }),
      ],
    });
  };
  const rows = grid.groups.flatMap((group) =>
    group.rows.map(
      (cells) =>
        new TableRow({
          tableHeader: group.head,
          cantSplit: true,
          children: cells.map(
            (cell) =>
              new TableCell({
                columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
                rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
                verticalAlign: VerticalAlignTable.CENTER,
                margins: { left: 57, right: 57, top: 20, bottom: 20 },
                children: [cellParagraph(cell)],
              }),
          ),
        }),
    ),
  );
  return new Table({
    rows,
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    alignment: AlignmentType.CENTER,
  });
}
