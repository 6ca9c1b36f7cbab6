import { normalizeText } from './search.segment.js';

/** Text helpers of search results: body text from HTML, highlighted titles and snippets. */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  hellip: '…',
  middot: '·',
};

/** The visible text of stored (sanitised) body HTML: tags removed, entities decoded. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h[1-6]|td|th)>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code =
          e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000
          ? String.fromCodePoint(code)
          : ' ';
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t\r\f\v\u00a0\u3000]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** A piece of displayed text, marked when it matches the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Per-character normalisation that keeps positions (a character whose NFKC is longer stays). */
function normalizedChars(chars: string[]): string[] {
  return chars.map((c) => {
    const n = normalizeText(c);
    return [...n].length === 1 ? n : c.toLowerCase();
  });
}

/** Marks every occurrence of the terms in `text` (after the same normalisation as the index). */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  const chars = [...text];
  const norm = normalizedChars(chars);
  const marked = new Array<boolean>(chars.length).fill(false);
  const wanted = [...new Set(terms.map((t) => [...normalizeText(t)]).filter((t) => t.length > 0))];
  for (const term of wanted) {
    for (let i = 0; i + term.length <= norm.length; i++) {
      let ok = true;
      for (let k = 0; k < term.length && ok; k++) ok = norm[i + k] === term[k];
      if (ok) for (let k = 0; k < term.length; k++) marked[i + k] = true;
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < chars.length; i++) {
    const last = out.at(-1);
    const mark = marked[i] ?? false;
    if (last && last.mark === mark) last.text += chars[i];
    else out.push({ text: chars[i] ?? '', mark });
  }
  return out;
}

/** Terms worth marking: whole query runs plus their two-character pieces. */
export function markTerms(highlightWords: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of highlightWords) {
    out.add(w);
    const chars = [...w];
    if (chars.every((c) => /\p{Script=Han}/u.test(c)))
      for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  }
  return [...out];
}

/** Characters of context shown around the first match. */
const SNIPPET_LENGTH = 120;

/**
 * A snippet of about 120 characters around the first match in the first text that has one,
 * or the start of the first non-empty text when none matches.
 */
export function snippet(
  texts: ReadonlyArray<string | null | undefined>,
  terms: readonly string[],
): Segment[] {
  const candidates = texts.filter((t): t is string => !!t && t.trim().length > 0);
  for (const text of candidates) {
    const flat = text.replace(/\s+/g, ' ');
    const segs = highlight(flat, terms);
    let pos = 0;
    let first = -1;
    for (const s of segs) {
      if (s.mark) {
        first = pos;
        break;
      }
      pos += [...s.text].length;
    }
    if (first < 0) continue;
    const chars = [...flat];
    const start = Math.max(0, first - 30);
    const end = Math.min(chars.length, start + SNIPPET_LENGTH);
    const window = chars.slice(start, end).join('');
    const result = highlight(window, terms);
    if (start > 0) result.unshift({ text: '…', mark: false });
    if (end < chars.length) result.push({ text: '…', mark: false });
    return result;
  }
  const first = candidates[0]?.replace(/\s+/g, ' ') ?? '';
  const chars = [...first];
  const cut = chars.slice(0, SNIPPET_LENGTH).join('');
  return cut ? [{ text: chars.length > SNIPPET_LENGTH ? `${cut}…` : cut, mark: false }] : [];
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Segments as HTML for the API: every piece escaped first, then matches wrapped in <mark>. */
export function segmentsToHtml(segments: readonly Segment[]): string {
  return segments
    .map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text)))
    .join('');
}
