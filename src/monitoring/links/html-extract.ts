import type { LinkSource } from './links.model.js';

/**
 * A small, forgiving HTML link extractor for the link checker: one regular-expression pass over
 * the tags, no DOM. It reads what a browser would request or navigate to (<a href>, <area href>,
 * <img src|srcset>, <link href>, <script src>, <iframe src>, media sources, <meta refresh>),
 * honours the first <base href>, skips comments and the bodies of <script>/<style>, and collects
 * element ids and anchor names for `#fragment` checks.
 */

/** A link as written in the page (not yet resolved). */
export interface RawLink {
  href: string;
  source: LinkSource;
  /** Link text for <a>/<area> (or the alt/title), trimmed to 100 characters. */
  text: string;
}

/** What a page yields. */
export interface ExtractedPage {
  links: RawLink[];
  /** The first <base href>, as written. */
  base: string | null;
  /** Values of id attributes and of <a name>. */
  anchors: Set<string>;
}

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const SKIPPED_REL = /\b(?:preconnect|dns-prefetch)\b/i;
const MAX_TEXT = 100;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the character references that occur in URLs and link text. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function parseAttributes(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  if (raw.length === 0) return attrs;
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(raw); m !== null; m = ATTR.exec(raw)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** Splits a srcset value into its URLs (descriptors dropped). */
export function parseSrcset(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value.charAt(i))) i++;
    const start = i;
    while (i < value.length && !/\s/.test(value.charAt(i))) i++;
    let url = value.slice(start, i);
    // A URL directly followed by a comma has no descriptor.
    const trailing = url.endsWith(',');
    if (trailing) url = url.replace(/,+$/, '');
    if (url) urls.push(url);
    if (!trailing) while (i < value.length && value.charAt(i) !== ',') i++;
  }
  return urls;
}

function cleanText(html: string): string {
  const text = decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function refreshTarget(content: string): string | null {
  const m = /;\s*url\s*=\s*['"]?([^'"]+)/i.exec(content);
  return m?.[1]?.trim() ?? null;
}

interface OpenAnchor {
  href: string;
  source: LinkSource;
  textStart: number;
  fallback: string;
}

/** Links of one opening tag (other than <a>/<area>, handled by the caller for their text). */
function resourceLinks(tag: string, attrs: Map<string, string>, out: RawLink[]): void {
  const add = (href: string | undefined, source: LinkSource, text = '') => {
    if (href !== undefined && href.trim() !== '') out.push({ href: href.trim(), source, text });
  };
  const title = attrs.get('alt') ?? attrs.get('title') ?? '';
  switch (tag) {
    case 'img':
      add(attrs.get('src'), 'img', title);
      for (const u of parseSrcset(attrs.get('srcset') ?? '')) add(u, 'img', title);
      break;
    case 'source':
      add(attrs.get('src'), 'media');
      for (const u of parseSrcset(attrs.get('srcset') ?? '')) add(u, 'img');
      break;
    case 'link':
      if (!SKIPPED_REL.test(attrs.get('rel') ?? '')) add(attrs.get('href'), 'link', title);
      break;
    case 'script':
      add(attrs.get('src'), 'script');
      break;
    case 'iframe':
    case 'frame':
      add(attrs.get('src'), 'iframe', title);
      break;
    case 'video':
    case 'audio':
    case 'track':
    case 'embed':
      add(attrs.get('src'), 'media', title);
      if (tag === 'video') add(attrs.get('poster'), 'img');
      break;
    case 'object':
      add(attrs.get('data'), 'media', title);
      break;
    case 'meta':
      if ((attrs.get('http-equiv') ?? '').toLowerCase() === 'refresh') {
        const target = refreshTarget(attrs.get('content') ?? '');
        if (target) add(target, 'meta');
      }
      break;
  }
}

/** Extracts links, the base URL and the anchors of an HTML document. */
export function extractHtml(html: string): ExtractedPage {
  const links: RawLink[] = [];
  const anchors = new Set<string>();
  let base: string | null = null;
  let open: OpenAnchor | null = null;
  const closeAnchor = (end: number) => {
    if (!open) return;
    const text = cleanText(html.slice(open.textStart, end)) || open.fallback;
    links.push({ href: open.href, source: open.source, text });
    open = null;
  };
  const re = new RegExp(TOKEN.source, 'g');
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    const tag = m[2]?.toLowerCase();
    if (tag === undefined) continue; // a comment
    if (m[1] === '/') {
      if (tag === 'a') closeAnchor(m.index);
      continue;
    }
    const attrs = parseAttributes(m[3] ?? '');
    const id = attrs.get('id');
    if (id) anchors.add(id);
    if (tag === 'a' || tag === 'area') {
      const name = attrs.get('name');
      if (name && tag === 'a') anchors.add(name);
      if (tag === 'a') closeAnchor(m.index); // an unclosed <a> ends at the next one
      const href = attrs.get('href')?.trim();
      const fallback = cleanText(
        attrs.get('title') ?? attrs.get('alt') ?? attrs.get('aria-label') ?? '',
      );
      if (href && tag === 'a') open = { href, source: 'a', textStart: re.lastIndex, fallback };
      else if (href) links.push({ href, source: 'area', text: fallback });
      continue;
    }
    if (tag === 'base') {
      const href = attrs.get('href');
      if (base === null && href) base = href.trim();
      continue;
    }
    if (tag === 'img' && open) {
      const o: OpenAnchor = open;
      if (!o.fallback) o.fallback = cleanText(attrs.get('alt') ?? '');
    }
    resourceLinks(tag, attrs, links);
    if (tag === 'script' || tag === 'style') {
      const end = tag === 'script' ? /<\/script/gi : /<\/style/gi;
      end.lastIndex = re.lastIndex;
      re.lastIndex = end.exec(html)?.index ?? html.length;
    }
  }
  closeAnchor(html.length);
  return { links, base, anchors };
}

/** The page URLs listed in a sitemap or sitemap index (the text of each <loc>). */
export function extractSitemap(xml: string): { urls: string[]; isIndex: boolean } {
  const urls: string[] = [];
  const re = /<loc>\s*([^<]+?)\s*<\/loc>/gi;
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) urls.push(decodeEntities(m[1] ?? ''));
  return { urls, isIndex: /<sitemapindex[\s>]/i.test(xml) };
}

/** True when a content type (or its absence with an HTML-looking body) means an HTML page. */
export function isHtml(contentType: string, body: Buffer | null): boolean {
  if (/\b(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType)) return true;
  if (contentType.trim() !== '' || !body) return false;
  return /^\s*</.test(body.subarray(0, 64).toString('latin1'));
}

/**
 * Decodes a page with the charset of its Content-Type or its <meta charset> (many 政府网站 still
 * serve GBK or GB2312), falling back to UTF-8.
 */
export function decodeHtml(body: Buffer, contentType: string): string {
  const fromHeader = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType)?.[1];
  const head = body.subarray(0, 2048).toString('latin1');
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  const label = (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
  if (label === 'utf-8' || label === 'utf8') return body.toString('utf8');
  try {
    return new TextDecoder(label === 'gb2312' ? 'gbk' : label).decode(body);
  } catch {
    return body.toString('utf8');
  }
}
