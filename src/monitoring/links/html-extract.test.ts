import { describe, expect, it } from 'vitest';
import { decodeHtml, extractHtml, extractSitemap, isHtml, parseSrcset } from './html-extract.js';

describe('extractHtml', () => {
  it('reads links with their text, resources, the base and the anchors', () => {
    const page = extractHtml(
      '<base href="/root/"><a href="a.html?x=1&amp;y=2" id="top-link"><b>政策</b>  文件</a>' +
        '<a href=b.html><img src="i.png" alt="图标"></a><a name="sec"></a>' +
        "<link rel='stylesheet' href='s.css'><script src=\"app.js\">var a = '<a href=\"no\">';</script>" +
        '<!-- <a href="commented.html">x</a> --><iframe src="f.html" title="地图"></iframe>',
    );
    expect(page.base).toBe('/root/');
    expect(page.links).toEqual([
      { href: 'a.html?x=1&y=2', source: 'a', text: '政策 文件' },
      { href: 'i.png', source: 'img', text: '图标' },
      { href: 'b.html', source: 'a', text: '图标' },
      { href: 's.css', source: 'link', text: '' },
      { href: 'app.js', source: 'script', text: '' },
      { href: 'f.html', source: 'iframe', text: '地图' },
    ]);
    expect([...page.anchors].sort()).toEqual(['sec', 'top-link']);
  });

  it('skips preconnect hints and reads meta refresh, media and srcset', () => {
    const page = extractHtml(
      '<link rel="dns-prefetch" href="//cdn"><meta http-equiv="Refresh" content="0; URL=\'/new/\'">' +
        '<video src="v.mp4" poster="p.jpg"></video><picture><source srcset="a.webp 1x, b.webp 2x"></picture>',
    );
    expect(page.links.map((l) => [l.href, l.source])).toEqual([
      ['/new/', 'meta'],
      ['v.mp4', 'media'],
      ['p.jpg', 'img'],
      ['a.webp', 'img'],
      ['b.webp', 'img'],
    ]);
  });

  it('ends an unclosed link at the next one', () => {
    const page = extractHtml('<a href="1">一<a href="2">二</a>');
    expect(page.links.map((l) => l.text)).toEqual(['一', '二']);
  });
});

describe('parseSrcset', () => {
  it('splits candidates with and without descriptors', () => {
    expect(parseSrcset('a.png 1x,b.png 2x, c.png')).toEqual(['a.png', 'b.png', 'c.png']);
    expect(parseSrcset('x.png, y.png')).toEqual(['x.png', 'y.png']);
    // As in the HTML standard, a comma inside a URL does not split it.
    expect(parseSrcset('a,b.png 1x')).toEqual(['a,b.png']);
    expect(parseSrcset('')).toEqual([]);
  });
});

describe('decodeHtml and isHtml', () => {
  it('decodes GBK pages named in the header or in <meta charset>', () => {
    const gbk = Buffer.from([0xd5, 0xfe, 0xce, 0xf1]); // 政务
    expect(decodeHtml(gbk, 'text/html; charset=GBK')).toBe('政务');
    const meta = Buffer.concat([Buffer.from('<meta charset="gb2312">'), gbk]);
    expect(decodeHtml(meta, 'text/html')).toBe('<meta charset="gb2312">政务');
  });

  it('recognises HTML by type, or by its first character without a type', () => {
    expect(isHtml('text/html; charset=utf-8', null)).toBe(true);
    expect(isHtml('image/png', Buffer.from('<svg>'))).toBe(false);
    expect(isHtml('', Buffer.from('  <!doctype html>'))).toBe(true);
  });
});

describe('extractSitemap', () => {
  it('lists the locations of a sitemap and tells an index apart', () => {
    expect(
      extractSitemap('<urlset><url><loc> http://a/x?p=1&amp;q=2 </loc></url></urlset>'),
    ).toEqual({
      urls: ['http://a/x?p=1&q=2'],
      isIndex: false,
    });
    expect(
      extractSitemap('<sitemapindex><sitemap><loc>http://a/s1.xml</loc></sitemap></sitemapindex>')
        .isIndex,
    ).toBe(true);
  });
});
