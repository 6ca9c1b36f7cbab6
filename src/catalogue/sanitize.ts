import sanitizeHtml from 'sanitize-html';
import { cleanBodyHtml, looksLikeHtml, plainTextToHtml, SAFE_IMG_SRC } from './body-html.js';

/**
 * Body HTML of an item, sanitised on save by an allowlist (issue 3, "Bad input and security"):
 * structure pasted from Word/WPS survives (headings, paragraphs, lists, tables with spans),
 * styling, classes, scripts and event handlers do not.
 */

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
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

/**
 * Sanitises body HTML: the shared structure cleaner (`body-html.ts`, the same code the browser
 * editor runs on paste) maps Word/WPS markup to the allowed structure, then sanitize-html enforces
 * the allowlist, so the server stays the authority. Plain text (no tags) becomes paragraphs.
 */
export function sanitizeBody(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') return '';
  const html = looksLikeHtml(trimmed) ? trimmed : plainTextToHtml(trimmed);
  return sanitizeHtml(cleanBodyHtml(html), OPTIONS).trim();
}

export { plainTextToHtml };
