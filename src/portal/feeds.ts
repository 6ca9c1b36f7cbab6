/**
 * Machine-readable portal outputs, pure: RSS 2.0 feeds of columns, sitemaps (sitemaps.org 0.9),
 * robots.txt, and the Content-Disposition of attachment downloads (RFC 6266 / RFC 5987).
 */

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RFC 822 date of a China calendar date (midnight UTC+8), as RSS 2.0 wants. */
export function rfc822(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toUTCString();
}

/** One entry of a feed. */
export interface FeedEntry {
  title: string;
  url: string;
  publishedOn: string;
  description: string | null;
}

/** An RSS 2.0 feed of a column. */
export function rssFeed(channel: {
  title: string;
  url: string;
  selfUrl: string;
  description: string;
  entries: FeedEntry[];
}): string {
  const items = channel.entries
    .map(
      (e) =>
        `<item><title>${escapeXml(e.title)}</title><link>${escapeXml(e.url)}</link>` +
        `<guid isPermaLink="true">${escapeXml(e.url)}</guid><pubDate>${rfc822(e.publishedOn)}</pubDate>` +
        (e.description ? `<description>${escapeXml(e.description)}</description>` : '') +
        `</item>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` +
    `<title>${escapeXml(channel.title)}</title><link>${escapeXml(channel.url)}</link>` +
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>` +
    `<description>${escapeXml(channel.description)}</description><language>zh-cn</language>\n` +
    `${items}\n</channel></rss>\n`
  );
}

/** A URL set (at most 50,000 URLs per sitemaps.org). */
export function sitemapUrlset(urls: Array<{ loc: string; lastmod?: string }>): string {
  const body = urls
    .map(
      (u) =>
        `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${escapeXml(u.lastmod)}</lastmod>` : ''}</url>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`
  );
}

/** A sitemap index pointing at the per-org sitemaps. */
export function sitemapIndex(locs: string[]): string {
  const body = locs.map((l) => `<sitemap><loc>${escapeXml(l)}</loc></sitemap>`).join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`
  );
}

/** robots.txt: the portal is open to crawlers; the back office, API and mode switch are not. */
export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /api/',
    'Disallow: /mode/',
    'Allow: /',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}

/**
 * Content-Disposition for a download: `attachment`, an ASCII fallback name and the UTF-8 name
 * in RFC 5987 form. The name is only ever a header value, never a path.
 */
export function contentDisposition(filename: string): string {
  const clean = filename.replace(/[\u0000-\u001f\u007f\\/"]/g, '_');
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const stem = (dot > 0 ? clean.slice(0, dot) : clean)
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[%;]/g, '_');
  const ascii = `${/[^_\s]/.test(stem) ? stem : 'attachment'}${ext}`;
  const encoded = encodeURIComponent(clean).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
