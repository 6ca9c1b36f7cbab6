/**
 * The structure cleaner of item body HTML, shared by the browser editor (paste from Word/WPS,
 * sync to the textarea) and the server (`sanitize.ts`, which runs sanitize-html's allowlist after
 * it). Pure and DOM-free so that both sides produce the same structure from the same input and it
 * can be tested in Node.
 *
 * What it keeps: headings (h1–h2 → h2, h3–h6 → h3; the page title is the h1), paragraphs, lists
 * (also Word's `mso-list` paragraphs, turned into real nested `ol`/`ul`), tables with th/td and
 * `rowspan`/`colspan`/`scope`, strong/em (b/i converted), u, sub, sup, blockquote, hr, br, links
 * (http, https, mailto) and same-site images. What it drops: styles, classes, `<o:p>`, fonts,
 * spans, comments, conditional comments, VML, images with data:/file: sources, scripts, and every
 * attribute that is not listed. No `style=` attribute is ever produced (strict CSP).
 */

/** Same-site image sources: static assets and catalogue attachments (staff or portal URLs). */
export const SAFE_IMG_SRC =
  /^\/(assets\/[\w./-]+|[a-z0-9-]{2,40}\/attachments\/\d+(\/[\w.-]*)?|admin\/orgs\/[a-z0-9-]{2,40}\/items\/\d+\/attachments\/\d+)$/;

/** Text counts as HTML when it has a tag the editor or a Word/WPS paste produces. */
const HTML_HINT =
  /<\/?(p|h[1-6]|div|table|tr|td|ul|ol|li|br|span|a|img|strong|em|b|i|u|font|o:p|blockquote|section|article)\b[^>]*>/i;

/** True when the text is HTML rather than the textarea's plain text. */
export function looksLikeHtml(text: string): boolean {
  return HTML_HINT.test(text.replace(/<!--[\s\S]*?-->/g, ''));
}

type El = { kind: 'el'; tag: string; attrs: Record<string, string>; children: Node[] };
type Text = { kind: 'text'; text: string };
type Node = El | Text;

const VOID = new Set(
  'br hr img meta link input col area base wbr param source embed keygen track'.split(' '),
);
const DROP = new Set(
  'script style xml head title meta link noscript textarea option select button iframe object embed svg math template form input canvas audio video colgroup col map area base'.split(
    ' ',
  ),
);
const KEEP_PLAIN = new Set(
  'p ul ol li strong em u sub sup blockquote hr br table caption thead tbody tfoot tr'.split(' '),
);
const OUT_BLOCK = new Set('p h2 h3 ul ol table blockquote hr'.split(' '));
const NO_TEXT = new Set('table thead tbody tfoot tr ul ol'.split(' '));
const TRIMMED = new Set('p h2 h3 li td th caption blockquote'.split(' '));
const INLINE_DROP_EMPTY = new Set('strong em u sub sup a'.split(' '));
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';
const CJK_WRAP = new RegExp(`([${CJK}])\\n(?=[${CJK}])`, 'g');
/** Deeper markup is flattened: bounds recursion (no stack overflow on hostile input). */
const MAX_DEPTH = 64;

const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ldquo: '\u201c',
  rdquo: '\u201d',
  lsquo: '\u2018',
  rsquo: '\u2019',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  middot: '\u00b7',
  bull: '\u2022',
  times: '\u00d7',
  divide: '\u00f7',
  copy: '\u00a9',
  reg: '\u00ae',
  deg: '\u00b0',
  plusmn: '\u00b1',
  sect: '\u00a7',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  shy: '',
  zwj: '',
  zwnj: '',
};

/** Decodes character references (numeric and the common named ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    }
    const v = ENTITIES[ref.toLowerCase()];
    return v ?? m;
  });
}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;');

/** Narrows the clipboard document to its fragment and turns Word's conditional comments. */
function preprocess(input: string): string {
  let s = input;
  const start = s.indexOf('<!--StartFragment-->');
  const end = s.indexOf('<!--EndFragment-->');
  if (start >= 0 && end > start) s = s.slice(start + 20, end);
  else {
    const body = /<body\b[^>]*>([\s\S]*?)(<\/body\s*>|$)/i.exec(s);
    if (body?.[1] !== undefined) s = body[1];
  }
  return (
    s
      // Downlevel-hidden conditional comments (<!--[if gte mso 9]>…<![endif]-->): all dropped.
      .replace(/<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->/gi, '')
      // Word's list numbers and bullets; kept as a marker to tell ordered from unordered lists.
      .replace(/<!\[if\s+!supportLists\]>([\s\S]*?)<!\[endif\]>/gi, '<gk-marker>$1</gk-marker>')
      .replace(/<!\[(if[^\]]*|endif)\]>/gi, '')
      .replace(/<!--[\s\S]*?(-->|$)/g, '')
      .replace(/<(script|style|xml|title|textarea|noscript|head)\b[\s\S]*?(<\/\1\s*>|$)/gi, '')
  );
}

const TAG_RE =
  /<(\/?)([a-zA-Z][\w:.-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|<![^>]*>|<\?[^>]*>/g;
const ATTR_RE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR_RE)) {
    const name = (m[1] ?? '').toLowerCase();
    if (name && !(name in out)) out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Closes open elements that a new start tag implicitly ends (the few rules Word HTML needs). */
function implicitClose(stack: El[], tag: string): void {
  const closeTo = (target: Set<string>, stopAt: Set<string>) => {
    for (let i = stack.length - 1; i > 0; i--) {
      const t = stack[i]?.tag ?? '';
      if (stopAt.has(t)) return;
      if (target.has(t)) {
        stack.length = i;
        return;
      }
    }
  };
  if (tag === 'li') closeTo(new Set(['li']), new Set(['ul', 'ol', 'table']));
  else if (tag === 'tr') closeTo(new Set(['tr']), new Set(['table']));
  else if (tag === 'td' || tag === 'th') closeTo(new Set(['td', 'th']), new Set(['tr', 'table']));
  if (/^(p|div|h[1-6]|ul|ol|table|blockquote|pre|hr)$/.test(tag))
    closeTo(new Set(['p']), new Set(['td', 'th', 'li', 'table', 'blockquote', 'div']));
}

/** A forgiving HTML parser into a small tree (enough for clipboard and editor HTML). */
function parse(html: string): El {
  const root: El = { kind: 'el', tag: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  const top = () => stack[stack.length - 1] ?? root;
  const addText = (t: string) => {
    if (t !== '') top().children.push({ kind: 'text', text: decodeEntities(t) });
  };
  let last = 0;
  for (const m of html.matchAll(TAG_RE)) {
    addText(html.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (!name) continue;
    if (m[1] === '/') {
      for (let i = stack.length - 1; i > 0; i--)
        if (stack[i]?.tag === name) {
          stack.length = i;
          break;
        }
      continue;
    }
    implicitClose(stack, name);
    const el: El = { kind: 'el', tag: name, attrs: parseAttrs(m[3] ?? ''), children: [] };
    const opens = !VOID.has(name) && m[4] !== '/';
    if (opens && stack.length > MAX_DEPTH) continue;
    top().children.push(el);
    if (opens) stack.push(el);
  }
  addText(html.slice(last));
  return root;
}

const textOf = (n: Node): string => (n.kind === 'text' ? n.text : n.children.map(textOf).join(''));

/** Word/WPS list paragraph: `mso-list:l0 level2 lfo1` in its style. */
function msoList(el: El): { list: string; level: number } | null {
  const m = /mso-list:\s*(l\d+)\s+level(\d)/i.exec(el.attrs.style ?? '');
  return m ? { list: m[1] ?? 'l0', level: Number(m[2]) } : null;
}

const ORDERED_MARKER = [
  /^[（(]?(?:[0-9０-９]+|[一二三四五六七八九十百零〇]+)[.．、)）]?$/,
  /^[（(]?(?:[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.．、)）]$/,
  /^[\u2460-\u2473\u2474-\u2487\u2488-\u249b]$/,
];

/** Whether a Word list marker ("1.", "（一）", "a)", "①") numbers its item; bullets do not. */
export function isOrderedMarker(marker: string): boolean {
  const m = marker.replace(/[\s\u00a0]/g, '');
  return ORDERED_MARKER.some((r) => r.test(m));
}

const el = (tag: string, children: Node[], attrs: Record<string, string> = {}): El => ({
  kind: 'el',
  tag,
  attrs,
  children,
});

/**
 * Links kept: http(s) and mailto URLs, and same-site paths and fragments (a policy linking to its
 * interpretation at `/org/items/…`, a table of contents to `#part-2`). Protocol-relative `//host`
 * and backslash tricks (`/\\host`) are not same-site and are dropped.
 */
function safeHref(raw: string | undefined): string | null {
  const href = (raw ?? '').trim();
  if (/^(https?:\/\/|mailto:)[^\s]+$/i.test(href)) return href;
  if (/^\/(?![/\\])[^\s\\]*$/.test(href) || /^#[^\s]+$/.test(href)) return href;
  return null;
}

/** Maps one element to the allowed vocabulary; returns the nodes that replace it. */
function mapElement(e: El): Node[] {
  const tag = e.tag;
  if (tag.includes(':')) {
    // Office namespaces: VML drawings and Word/Math markup go, <o:p> and smart tags unwrap.
    return /^(v|w|m|wp):/.test(tag) ? [] : mapNodes(e.children);
  }
  if (DROP.has(tag) || tag === 'gk-marker') return [];
  if (tag === 'img') {
    const src = (e.attrs.src ?? '').trim();
    if (!SAFE_IMG_SRC.test(src)) return [];
    return [el('img', [], e.attrs.alt ? { src, alt: e.attrs.alt } : { src })];
  }
  const inner = mapNodes(e.children);
  const children = finish(inner, /^h[1-6]$/.test(tag) || tag === 'div' ? 'p' : tag);
  if (/^h[1-6]$/.test(tag)) return [el(Number(tag[1]) <= 2 ? 'h2' : 'h3', children)];
  if (tag === 'b') return [el('strong', children)];
  if (tag === 'i') return [el('em', children)];
  if (tag === 'td' || tag === 'th') return [el(tag, children, cellAttrs(e))];
  if (tag === 'a') {
    const href = safeHref(e.attrs.href);
    return href ? [el('a', children, { href })] : inner;
  }
  if (tag === 'p') {
    const list = msoList(e);
    if (list) {
      const marker = e.children.find((c) => c.kind === 'el' && c.tag === 'gk-marker');
      const ordered = marker ? isOrderedMarker(textOf(marker)) : false;
      return [
        el('gk-li', children, {
          list: list.list,
          level: String(list.level),
          type: ordered ? 'ol' : 'ul',
        }),
      ];
    }
    return [el('p', children)];
  }
  if (tag === 'div') {
    return children.some((c) => c.kind === 'el' && OUT_BLOCK.has(c.tag))
      ? children
      : [el('p', children)];
  }
  if (KEEP_PLAIN.has(tag)) return [el(tag, children)];
  // span, font, section, article, ins, del, unknown tags: unwrapped, their text kept.
  return inner;
}

function cellAttrs(e: El): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of ['colspan', 'rowspan']) {
    const v = (e.attrs[a] ?? '').trim();
    if (/^[1-9]\d{0,2}$/.test(v) && v !== '1') out[a] = v;
  }
  const scope = (e.attrs.scope ?? '').toLowerCase();
  if (e.tag === 'th' && /^(row|col|rowgroup|colgroup)$/.test(scope)) out.scope = scope;
  return out;
}

/** Turns runs of Word list paragraphs into nested ol/ul lists. */
function groupLists(nodes: Node[]): Node[] {
  const out: Node[] = [];
  let stack: Array<{ level: number; list: El }> = [];
  let listId = '';
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n) continue;
    const isItem = n.kind === 'el' && n.tag === 'gk-li';
    if (!isItem) {
      const next = nodes[i + 1];
      const between =
        n.kind === 'text' &&
        n.text.trim() === '' &&
        stack.length > 0 &&
        next?.kind === 'el' &&
        next.tag === 'gk-li';
      if (!between) {
        stack = [];
        out.push(n);
      }
      continue;
    }
    const level = Number(n.attrs.level);
    if (n.attrs.list !== listId) stack = [];
    listId = n.attrs.list ?? '';
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) > level) stack.pop();
    const li = el('li', n.children);
    const current = stack[stack.length - 1];
    if (current && current.level === level) {
      current.list.children.push(li);
      continue;
    }
    const list = el(n.attrs.type ?? 'ul', [li]);
    if (current) {
      let parentLi = current.list.children[current.list.children.length - 1];
      if (!parentLi || parentLi.kind !== 'el') {
        parentLi = el('li', []);
        current.list.children.push(parentLi);
      }
      parentLi.children.push(list);
    } else out.push(list);
    stack.push({ level, list });
  }
  return out;
}

const isBlock = (n: Node | undefined) => n?.kind === 'el' && OUT_BLOCK.has(n.tag);

/** Normalises text runs: source line wraps vanish between CJK characters, else become spaces. */
function normaliseText(s: string): string {
  return s
    .replace(/[\u00a0\t\f\v]/g, ' ')
    .replace(/ *(\r\n?|\n)[\s]*/g, '\n')
    .replace(CJK_WRAP, '$1')
    .replace(/\n/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** Maps child nodes to the allowed vocabulary (unwrapping, list grouping, text merged). */
function mapNodes(nodes: Node[]): Node[] {
  const mapped: Node[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') mapped.push({ kind: 'text', text: n.text });
    else for (const m of mapElement(n)) mapped.push(m);
  }
  const merged: Node[] = [];
  for (const n of groupLists(mapped)) {
    const prev = merged[merged.length - 1];
    if (n.kind === 'text' && prev?.kind === 'text') prev.text += n.text;
    else merged.push(n);
  }
  return merged;
}

/** Finishes the children of a kept element: text normalised, empties removed, edges trimmed. */
function finish(merged: Node[], parentTag: string): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < merged.length; i++) {
    const n = merged[i];
    if (!n) continue;
    if (n.kind === 'el') {
      if (keepElement(n)) out.push(n);
      continue;
    }
    if (n.text.trim() === '' || /^[\s\u00a0]*$/.test(n.text)) {
      if (NO_TEXT.has(parentTag)) continue;
      const prev = out[out.length - 1];
      const next = merged[i + 1];
      if (isBlock(prev) || isBlock(next) || !prev || !next) {
        if (isBlock(prev) && isBlock(next) && /[\r\n]/.test(n.text))
          out.push({ kind: 'text', text: '\n' });
        continue;
      }
    }
    if (NO_TEXT.has(parentTag)) continue;
    out.push({ kind: 'text', text: normaliseText(n.text) });
  }
  return TRIMMED.has(parentTag) || parentTag === '#root' ? trimEdges(out) : out;
}

/** Drops empty inline wrappers, empty paragraphs and trailing `<br>` (editors add them). */
function keepElement(n: El): boolean {
  if (n.tag === 'p' || n.tag === 'h2' || n.tag === 'h3' || n.tag === 'caption') {
    while (n.children.length > 0) {
      const last = n.children[n.children.length - 1];
      if (last?.kind === 'el' && last.tag === 'br') n.children.pop();
      else break;
    }
    return n.children.some((c) => c.kind === 'el' || c.text.trim() !== '');
  }
  if (INLINE_DROP_EMPTY.has(n.tag)) return n.children.length > 0;
  if (n.tag === 'li' || n.tag === 'td' || n.tag === 'th') unwrapSingleParagraph(n);
  if (n.tag === 'ul' || n.tag === 'ol' || n.tag === 'tr' || /^t(head|body|foot)$/.test(n.tag))
    return n.children.length > 0;
  if (n.tag === 'table') return n.children.some((c) => c.kind === 'el');
  return true;
}

function unwrapSingleParagraph(n: El): void {
  const only = n.children.length === 1 ? n.children[0] : undefined;
  if (only?.kind === 'el' && only.tag === 'p') n.children = only.children;
}

function trimEdges(nodes: Node[]): Node[] {
  const first = nodes[0];
  if (first?.kind === 'text') first.text = first.text.replace(/^\s+/, '');
  const last = nodes[nodes.length - 1];
  if (last?.kind === 'text') last.text = last.text.replace(/\s+$/, '');
  return nodes.filter((n) => n.kind === 'el' || n.text !== '');
}

function serialise(nodes: Node[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') {
      out += escText(n.text);
      continue;
    }
    const attrs = Object.entries(n.attrs)
      .map(([k, v]) => ` ${k}="${escAttr(v)}"`)
      .join('');
    if (VOID.has(n.tag)) out += `<${n.tag}${attrs} />`;
    else out += `<${n.tag}${attrs}>${serialise(n.children)}</${n.tag}>`;
  }
  return out;
}

/**
 * Cleans body HTML (the editor's, or Word/WPS clipboard HTML) to the allowed structure. Pure;
 * idempotent: cleaning its own output changes nothing.
 */
export function cleanBodyHtml(html: string): string {
  const root = parse(preprocess(html));
  return serialise(finish(mapNodes(root.children), '#root')).trim();
}

/** A textarea's plain text as paragraphs (progressive enhancement: no editor, no JS). */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escText(p).replace(/\r?\n/g, '<br />')}</p>`)
    .join('\n');
}
