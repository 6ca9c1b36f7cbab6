import { describe, expect, it } from 'vitest';
import { contentDisposition, escapeXml, rfc822, robotsTxt } from './feeds.js';

describe('portal feeds and downloads', () => {
  it('escapes XML specials and drops characters XML forbids', () => {
    expect(escapeXml(`a&b<c>"d"'e'\u0001`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
  });

  it('dates RSS entries at midnight China time', () => {
    expect(rfc822('2022-01-10')).toBe('Sun, 09 Jan 2022 16:00:00 GMT');
  });

  it('offers a Chinese file name in RFC 5987 form with an ASCII fallback', () => {
    expect(contentDisposition('补助标准.pdf')).toBe(
      `attachment; filename="attachment.pdf"; filename*=UTF-8''%E8%A1%A5%E5%8A%A9%E6%A0%87%E5%87%86.pdf`,
    );
  });

  it('never lets a name break out of the header or name a path', () => {
    const v = contentDisposition('../../etc/"passwd"\r\n;x=1.pdf');
    expect(v).not.toMatch(/[\r\n]/);
    expect(v).not.toContain('/');
    expect(v.split('"').length).toBe(3);
    expect(v).toMatch(/filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
  });

  it('keeps the back office out of robots.txt and names the sitemap', () => {
    expect(robotsTxt('https://gk.example.gov.cn')).toContain('Disallow: /admin\n');
    expect(robotsTxt('https://gk.example.gov.cn')).toContain(
      'Sitemap: https://gk.example.gov.cn/sitemap.xml',
    );
  });
});
