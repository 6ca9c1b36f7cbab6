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
import { LETTER_MARGINS_TWIPS } from '../requests/letters.docx.js';
import { DEFAULT_REPORT_FONTS, type ReportFonts } from '../reports/render.docx.js';
import {
  selfInspectionSections,
  selfInspectionTitle,
  type ReportSection,
  type SelfInspectionData,
} from './self-inspection.model.js';

/**
 * The 自查报告 as a Word document on the same GB/T 9704-2012 page as the annual report
 * (src/reports/render.docx.ts): A4, margins 37/35/28/26 mm, title 方正小标宋简体 二号 centred, body
 * 仿宋_GB2312 三号 at a fixed 29 pt line, headings 黑体, tables 五号, page numbers "— N —".
 */
const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
const A4 = { width: mmToTwip(210), height: mmToTwip(297) };
const TEXT_WIDTH = A4.width - LETTER_MARGINS_TWIPS.left - LETTER_MARGINS_TWIPS.right;
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
const TABLE_SIZE = 21;
const BODY_LINE = 580;
const TWO_CHARS = 640;

/** Builds the DOCX of a 自查报告; resolves to the file's bytes. */
export async function selfInspectionDocx(
  data: SelfInspectionData,
  fonts: Partial<ReportFonts> = {},
): Promise<Buffer> {
  const f = { ...DEFAULT_REPORT_FONTS, ...fonts };
  const run = (text: string, eastAsia: string, size: number) =>
    new TextRun({ text, size, font: { eastAsia, ascii: f.latin, hAnsi: f.latin, cs: f.latin } });
  const spacing = { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const indent = { firstLine: TWO_CHARS, firstLineChars: 200 };
  const para = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing,
      indent,
      children: [run(text, f.body, BODY_SIZE)],
    });
  const heading = (text: string) =>
    new Paragraph({ spacing, indent, keepNext: true, children: [run(text, f.heading, BODY_SIZE)] });
  const table = (t: NonNullable<ReportSection['table']>): Table => {
    const width = Math.floor(TEXT_WIDTH / t.head.length);
    const cell = (text: string) =>
      new TableCell({
        verticalAlign: VerticalAlignTable.CENTER,
        margins: { left: 57, right: 57, top: 20, bottom: 20 },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [run(text, f.body, TABLE_SIZE)],
          }),
        ],
      });
    return new Table({
      rows: [
        new TableRow({ tableHeader: true, children: t.head.map(cell) }),
        ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map(cell) })),
      ],
      columnWidths: t.head.map(() => width),
      layout: TableLayoutType.FIXED,
      width: { size: width * t.head.length, type: WidthType.DXA },
      alignment: AlignmentType.CENTER,
    });
  };
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(selfInspectionTitle(data), f.title, TITLE_SIZE)],
    }),
    new Paragraph({ spacing, children: [] }),
  ];
  for (const s of selfInspectionSections(data)) {
    children.push(heading(s.heading), ...s.paragraphs.map(para));
    if (s.table) children.push(table(s.table), new Paragraph({ children: [] }));
  }
  children.push(
    new Paragraph({
      spacing,
      alignment: AlignmentType.RIGHT,
      children: [run(data.org.name, f.body, BODY_SIZE)],
    }),
    new Paragraph({
      spacing,
      alignment: AlignmentType.RIGHT,
      children: [run(data.producedOn, f.body, BODY_SIZE)],
    }),
  );
  const document = new Document({
    title: selfInspectionTitle(data),
    creator: data.org.name,
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { ...LETTER_MARGINS_TWIPS, header: mmToTwip(15), footer: mmToTwip(20) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: 28,
                    font: { eastAsia: f.pageNumber, ascii: f.latin, hAnsi: f.latin },
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
