import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IParagraphOptions,
} from 'docx';
import type { LetterContext } from './letters.context.js';
import type { LetterKind } from './letters.model.js';
import { renderLetter, type RenderedLetter } from './letters.render.js';
import {
  resolveTemplate,
  type ResolvedTemplate,
  type StoredTemplate,
} from './letters.templates.js';

/**
 * A letter as a Word document following the basics of GB/T 9704-2012 《党政机关公文格式》:
 * A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm text block); title
 * in 方正小标宋简体 二号 (22 pt) centred; body in 仿宋_GB2312 三号 (16 pt) at a fixed 29 pt line
 * (22 lines a page), first lines indented two characters; 落款 right-aligned, two characters in
 * from the margin; page numbers "— 1 —" in 宋体 四号 at the foot.
 *
 * Fonts are named, not embedded. Where 仿宋_GB2312 or 方正小标宋简体 is not installed, Word
 * substitutes; an org can name other fonts (e.g. 仿宋 / FangSong, 华文中宋) through `fonts`.
 */
export interface LetterFonts {
  /** East Asian font of the title. */
  title: string;
  /** East Asian font of the body. */
  body: string;
  /** Font of Latin letters and digits. */
  latin: string;
  /** Font of the page numbers. */
  pageNumber: string;
}

export const DEFAULT_LETTER_FONTS: Readonly<LetterFonts> = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  latin: 'Times New Roman',
  pageNumber: '宋体',
};

const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** Page margins of GB/T 9704-2012 (5.2.1), in twips. */
export const LETTER_MARGINS_TWIPS = {
  top: mmToTwip(37),
  bottom: mmToTwip(35),
  left: mmToTwip(28),
  right: mmToTwip(26),
} as const;

/** A4 in twips. */
const A4 = { width: mmToTwip(210), height: mmToTwip(297) };

/** 三号 = 16 pt = 32 half-points; 二号 = 22 pt; 四号 = 14 pt. */
const BODY_SIZE = 32;
const TITLE_SIZE = 44;
const PAGE_NUMBER_SIZE = 28;
/** Fixed 29 pt line (GB/T 9704: 22 lines in the 225 mm text block, 28.95 pt rounded). */
const BODY_LINE = 580;
const TITLE_LINE = 700;
/** Two characters of 16 pt. */
const TWO_CHARS = 640;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** Builds the DOCX of a rendered letter; resolves to the file's bytes. */
export async function letterDocx(
  letter: RenderedLetter,
  fonts: Partial<LetterFonts> = {},
): Promise<Buffer> {
  const f = { ...DEFAULT_LETTER_FONTS, ...fonts };
  const run = (text: string, eastAsia: string, size: number): TextRun =>
    new TextRun({
      text,
      size,
      font: { eastAsia, ascii: f.latin, hAnsi: f.latin, cs: f.latin },
    });
  const line = (
    text: string,
    opts: { align?: Align; indent?: boolean; rightIndent?: boolean } = {},
  ): Paragraph => {
    const para: IParagraphOptions = {
      alignment: opts.align ?? AlignmentType.JUSTIFIED,
      spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      indent: {
        ...(opts.indent ? { firstLine: TWO_CHARS, firstLineChars: 200 } : {}),
        ...(opts.rightIndent ? { right: TWO_CHARS } : {}),
      },
      children: [run(text, f.body, BODY_SIZE)],
    };
    return new Paragraph(para);
  };
  const blank = (): Paragraph => line('');

  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: TITLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(letter.title, f.title, TITLE_SIZE)],
    }),
    line(letter.number, { align: AlignmentType.CENTER }),
    blank(),
    line(letter.salutation, { align: AlignmentType.LEFT }),
    ...letter.paragraphs.map((p) => line(p, { indent: true })),
    blank(),
    line(letter.signature.org, { align: AlignmentType.RIGHT, rightIndent: true }),
    line(letter.signature.date, { align: AlignmentType.RIGHT, rightIndent: true }),
  ];
  if (letter.appendix) {
    children.push(
      blank(),
      line(letter.appendix.heading, { align: AlignmentType.LEFT }),
      ...letter.appendix.paragraphs.map((p) => line(p, { indent: true })),
    );
  }

  const doc = new Document({
    title: letter.title,
    creator: letter.signature.org,
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
                    size: PAGE_NUMBER_SIZE,
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
  return Packer.toBuffer(doc);
}

/**
 * Makes a letter end to end for the case page: resolves the org's template (resolveTemplate),
 * renders it from the case (renderLetter) and builds its DOCX. The result is what the `letters`
 * table stores: kind, template_id, title, html and docx.
 */
export async function makeLetter(input: {
  kind: LetterKind;
  orgTemplates: readonly StoredTemplate[];
  context: LetterContext;
  fonts?: Partial<LetterFonts>;
}): Promise<{ template: ResolvedTemplate; letter: RenderedLetter; docx: Buffer }> {
  const template = resolveTemplate(input.orgTemplates, input.kind);
  const letter = renderLetter(input.kind, template, input.context);
  return { template, letter, docx: await letterDocx(letter, input.fonts) };
}
