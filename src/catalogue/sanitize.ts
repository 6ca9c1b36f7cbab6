import sanitizeHtml from 'sanitize-html';

/**
 * Body HTML of an item, sanitised on save by an allowlist (issue 3, "Bad input and security"):
 * structure pasted from Word/WPS survives (headings, paragraphs, lists, tables with spans),
 * styling, classes, scripts and event handlers do not.
 */

/** Same-site image sources: static assets and catalogue attachments (staff or portal URLs). */
const SAFE_IMG_SRC =
  /^\/(assets\/[\w./-]+|[a-z0-9-]{2,40}\/attachments\/\d+(\/[\w.-]*)?|admin\/orgs\/[a-z0-9-]{2,40}\/items\/\d+\/attachments\/\d+)$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'sub',
    'sup',
    'a',
    'img',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href'],
    img: ['src', 'alt'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  // Word's <o:p>, <span style>, <font> … are unwrapped, keeping their text.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'xml'],
  transformTags: {
    b: 'strong',
    i: 'em',
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !SAFE_IMG_SRC.test(frame.attribs.src ?? ''),
};

/** Text counts as HTML when it has a tag the editor or a Word/WPS paste produces. */
const HTML_HINT =
  /<\/?(p|h[1-6]|div|table|tr|td|ul|ol|li|br|span|a|img|strong|em|b|i|u|font|o:p|blockquote|section|article)\b[^>]*>/i;

/** Sanitises body HTML by the allowlist; plain text (no tags) becomes paragraphs. */
export function sanitizeBody(input: string): string {
  const trimmed = input.replace(/<!--[\s\S]*?-->/g, '').trim();
  if (trimmed === '') return '';
  const html = HTML_HINT.test(trimmed) ? trimmed : plainTextToHtml(trimmed);
  return sanitizeHtml(html, OPTIONS).trim();
}

/** A textarea's plain text as paragraphs (progressive enhancement: no editor, no JS). */
export function plainTextToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${esc(p).replace(/\r?\n/g, '<br />')}</p>`)
    .join('\n');
}
