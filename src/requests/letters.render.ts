import { letterValues, type LetterContext } from './letters.context.js';
import { chineseNumeralDate, yearOf } from './letters.dates.js';
import { LETTER_KIND_INFO, type LetterKind, type LetterRecipient } from './letters.model.js';
import { APPENDIX_MARKER, fillTemplate, type LetterTemplate } from './letters.templates.js';

/**
 * Fills a letter template from a case and lays it out as a formal 告知书: title, letter number
 * 〔YYYY〕第N号, salutation, body, 落款 (org name and date 二〇二六年十一月二十八日) and, for
 * replies, 附：救济途径. Pure: the same inputs give the same letter.
 */
export interface RenderedLetter {
  kind: LetterKind;
  title: string;
  /** 文号-style letter number, e.g. 瓯府信公〔2026〕第K7M2Q9号. */
  number: string;
  /** The addressee line, ending in a full-width colon. */
  salutation: string;
  /** Body paragraphs (plain text). */
  paragraphs: string[];
  /** 落款: org name and the date in Chinese numerals. */
  signature: { org: string; date: string };
  /** 附：救济途径 (or another 附 section); null when the template has none. */
  appendix: { heading: string; paragraphs: string[] } | null;
  /** The whole letter as an HTML fragment; every text is escaped. */
  html: string;
  /** The whole letter as plain text (e-mail, previews). */
  text: string;
}

const SALUTATION: Readonly<Record<LetterRecipient, string>> = {
  applicant: '{{applicant.name}}：',
  third_party: '{{consultation.party_name}}：',
  other_agency: '{{consultation.party_name}}：',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The letter number: `{prefix}〔{year of the letter}〕第{ref}号`. */
export function letterNumber(ref: string, today: string, prefix?: string | null): string {
  return `${prefix ?? ''}〔${yearOf(today)}〕第${ref}号`;
}

/**
 * Punctuation where a typed value meets the template: a value ending in 。 before the template's
 * own 。 gives one full stop, and a paragraph ending in a value gets its closing 。.
 */
function tidy(line: string): string {
  const once = line.replace(/([。！？；：])。/g, '$1');
  return /[。！？；：”）)]$/.test(once) ? once : `${once}。`;
}

/**
 * Renders a letter of `kind` from `template` (see resolveTemplate) and a case context. Throws
 * LetterError ERR_LETTER_PLACEHOLDER naming every placeholder the case cannot fill.
 */
export function renderLetter(
  kind: LetterKind,
  template: LetterTemplate,
  ctx: LetterContext,
): RenderedLetter {
  const info = LETTER_KIND_INFO[kind];
  const values = letterValues(ctx, { legal_basis: info.basis });
  const salutation =
    kind === 'third_party_notice'
      ? '{{disclosure.third_party_name}}：'
      : SALUTATION[info.recipient];
  const filled = fillTemplate(
    { title: template.title, body: `${salutation}\n${template.body}` },
    values,
  );
  const [greeting = '', ...rest] = filled.lines;
  const lines = rest.map((l) => (l.startsWith('附：') ? l : tidy(l)));
  const marker = lines.findIndex((l) => l === APPENDIX_MARKER || l.startsWith('附：'));
  const paragraphs = marker < 0 ? lines : lines.slice(0, marker);
  const appendix =
    marker < 0
      ? null
      : { heading: lines[marker] ?? APPENDIX_MARKER, paragraphs: lines.slice(marker + 1) };
  const letter = {
    kind,
    title: filled.title,
    number: letterNumber(ctx.ref, ctx.today, ctx.org.letter_prefix),
    salutation: greeting,
    paragraphs,
    signature: { org: ctx.org.name, date: chineseNumeralDate(ctx.today) },
    appendix,
  };
  return { ...letter, html: letterHtml(letter), text: letterText(letter) };
}

type Layout = Omit<RenderedLetter, 'html' | 'text'>;

/**
 * The editable text of a letter for a textarea: body paragraphs one per line, then the 附 heading
 * and its paragraphs. The case worker edits it before sending (issue 4).
 */
export function letterEditText(letter: RenderedLetter): string {
  const appendix = letter.appendix ? [letter.appendix.heading, ...letter.appendix.paragraphs] : [];
  return [...letter.paragraphs, ...appendix].join('\n');
}

/**
 * Applies a case worker's edits to a rendered letter: a new title and body text (as from
 * letterEditText). The edit is plain text: no placeholders are filled and everything is escaped.
 * A line starting with 附： begins the appendix; blank lines are dropped.
 */
export function applyLetterEdit(
  letter: RenderedLetter,
  edit: { title: string; body: string },
): RenderedLetter {
  const lines = edit.body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const marker = lines.findIndex((l) => l.startsWith('附：'));
  const layout: Layout = {
    kind: letter.kind,
    title: edit.title.trim() || letter.title,
    number: letter.number,
    salutation: letter.salutation,
    paragraphs: marker < 0 ? lines : lines.slice(0, marker),
    signature: letter.signature,
    appendix:
      marker < 0
        ? null
        : { heading: lines[marker] ?? APPENDIX_MARKER, paragraphs: lines.slice(marker + 1) },
  };
  return { ...layout, html: letterHtml(layout), text: letterText(layout) };
}

function letterHtml(l: Layout): string {
  const p = (cls: string, text: string): string => `<p class="${cls}">${escapeHtml(text)}</p>`;
  const parts = [
    '<article class="letter" lang="zh-CN">',
    `<h1 class="letter-title">${escapeHtml(l.title)}</h1>`,
    p('letter-number', l.number),
    p('letter-salutation', l.salutation),
    ...l.paragraphs.map((t) => p('letter-body', t)),
    '<div class="letter-signature">',
    p('letter-signature-org', l.signature.org),
    p('letter-signature-date', l.signature.date),
    '</div>',
  ];
  if (l.appendix) {
    parts.push(
      '<section class="letter-appendix">',
      `<h2 class="letter-appendix-heading">${escapeHtml(l.appendix.heading)}</h2>`,
      ...l.appendix.paragraphs.map((t) => p('letter-body', t)),
      '</section>',
    );
  }
  parts.push('</article>');
  return parts.join('\n');
}

function letterText(l: Layout): string {
  const indent = (t: string): string => `　　${t}`;
  const out = [l.title, l.number, '', l.salutation, ...l.paragraphs.map(indent), ''];
  out.push(l.signature.org, l.signature.date);
  if (l.appendix) out.push('', l.appendix.heading, ...l.appendix.paragraphs.map(indent));
  return out.join('\n');
}

/**
 * Print styles for letter HTML (GB/T 9704 proportions: 仿宋 16 pt body, 小标宋 22 pt title,
 * 2-character first-line indent, 落款 right-aligned). Pages include it next to the fragment.
 */
export const LETTER_CSS = `
.letter { font-family: "仿宋_GB2312", "仿宋", FangSong, "STFangsong", serif; font-size: 16pt; line-height: 29pt; max-width: 156mm; margin: 0 auto; }
.letter-title { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", SimSun, serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }
.letter-number { text-align: center; margin: 0 0 1em; }
.letter p { margin: 0; }
.letter-body { text-indent: 2em; }
.letter-signature { text-align: right; margin: 2em 4em 1em 0; }
.letter-appendix-heading { font-size: 16pt; font-weight: normal; margin: 1em 0 0; }
`.trim();
