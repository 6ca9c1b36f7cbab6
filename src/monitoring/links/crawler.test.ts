import { afterEach, describe, expect, it } from 'vitest';
import { crawlSite } from './crawler.js';
import type { CrawlOptions, CrawlProgress } from './links.model.js';
import { page, serveSite, type LocalSite, type Route } from './local-site.js';
import { LinkResultCache } from './result-cache.js';

const fast: Partial<CrawlOptions> = { retryBaseMs: 1, timeoutMs: 2000, maxRetryAfterMs: 50 };
const sites: LocalSite[] = [];

async function site(...args: Parameters<typeof serveSite>): Promise<LocalSite> {
  const s = await serveSite(...args);
  sites.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(sites.splice(0).map((s) => s.close()));
});

describe('crawlSite', () => {
  it('reports 404 and 500 links with page, text and status, home apart from other pages', async () => {
    const s = await site({
      '/': { body: page('<a href="/a.html">栏目 A</a> <a href="/gone.html">已删除</a>') },
      '/a.html': { body: page('<a href="/gone.html">旧链接</a> <a href="/error">出错</a>') },
      '/error': { status: 500 },
    });
    const r = await crawlSite(s.url, { ...fast, retries: 1 });
    expect(r.summary).toMatchObject({
      pages: 2,
      broken: 3,
      brokenOnHome: 1,
      brokenOnOtherPages: 2,
    });
    expect(r.broken.map((b) => [b.page, b.url, b.status, b.text, b.onHome])).toEqual([
      [s.url, `${s.url}gone.html`, 404, '已删除', true],
      [`${s.url}a.html`, `${s.url}error`, 500, '出错', false],
      [`${s.url}a.html`, `${s.url}gone.html`, 404, '旧链接', false],
    ]);
    expect(s.hits.get('GET /gone.html')).toBe(1); // checked once per run
    expect(s.hits.get('GET /error')).toBe(2); // one retry after the 5xx
  });

  it('follows a short redirect chain and reports a long one with its chain', async () => {
    const hop = (to: string) => ({ status: 301, headers: { location: to } });
    const s = await site({
      '/': { body: page('<img src="/r1" alt="短"><img src="/long0" alt="长"><img src="/loop">') },
      '/r1': hop('/r2'),
      '/r2': hop('r3'),
      '/r3': { body: 'ok', headers: { 'content-type': 'image/png' } },
      ...Object.fromEntries(
        Array.from({ length: 8 }, (_, i) => [`/long${i}`, hop(`/long${i + 1}`)]),
      ),
      '/loop': hop('/loop'),
    });
    const r = await crawlSite(s.url, fast);
    expect(r.broken.map((b) => [b.url, b.status])).toEqual([
      [`${s.url}long0`, 'too_many_redirects'],
      [`${s.url}loop`, 'too_many_redirects'],
    ]);
    expect(r.broken[0]?.chain).toHaveLength(7); // the start and 5 allowed hops, then the 6th
    expect(s.hits.get('HEAD /long6')).toBeUndefined();
  });

  it('gives up on a slow host after the timeout', async () => {
    const slow = await site({
      '/slow.js': (_req, res) => {
        const t = setTimeout(() => res.end('late'), 3000);
        res.on('close', () => clearTimeout(t));
      },
    });
    const s = await site({ '/': { body: page(`<script src="${slow.url}slow.js"></script>`) } });
    const r = await crawlSite(s.url, { ...fast, timeoutMs: 150, retries: 1 });
    expect(r.broken.map((b) => [b.url, b.status, b.source])).toEqual([
      [`${slow.url}slow.js`, 'timeout', 'script'],
    ]);
  });

  it('waits out a 429 with Retry-After and then accepts the 200', async () => {
    let calls = 0;
    const s = await site({
      '/': { body: page('<a href="/busy.pdf">文件</a>') },
      '/busy.pdf': (_req, res) => {
        calls++;
        if (calls === 1) res.writeHead(429, { 'retry-after': '120' }).end();
        else res.writeHead(200, { 'content-type': 'application/pdf' }).end();
      },
    });
    const started = Date.now();
    const r = await crawlSite(s.url, fast);
    expect(r.broken).toEqual([]);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000); // 120 s capped at maxRetryAfterMs
  });

  it('reports a 429 that never ends after the allowed waits', async () => {
    const s = await site({
      '/': { body: page('<a href="/busy">忙</a>') },
      '/busy': { status: 429, headers: { 'retry-after': '0' } },
    });
    const r = await crawlSite(s.url, { ...fast, max429Waits: 2 });
    expect(r.broken.map((b) => b.status)).toEqual([429]);
    expect(s.hits.get('GET /busy')).toBe(3);
  });

  it('checks fragment targets by id and name, on the page itself and on others', async () => {
    const s = await site({
      '/': {
        body: page(
          '<h2 id="intro">简介</h2><a href="#intro">本页</a><a href="#nowhere">本页缺</a>' +
            '<a href="/doc.html#part2">第二部分</a><a href="/doc.html#part9">第九部分</a>' +
            '<a href="/doc.html#old">旧锚点</a><a href="#top">顶部</a><a href="#/route">路由</a>',
        ),
      },
      '/doc.html': { body: page('<section id="part2"></section><a name="old"></a>') },
    });
    const r = await crawlSite(s.url, fast);
    expect(r.broken.map((b) => [b.url, b.status, b.text])).toEqual([
      [`${s.url}#nowhere`, 'missing_fragment', '本页缺'],
      [`${s.url}doc.html#part9`, 'missing_fragment', '第九部分'],
    ]);
  });

  it('resolves relative URLs against the page and against <base href>', async () => {
    const s = await site({
      '/': { body: page('<a href="news/">新闻</a>') },
      '/news/': { body: page('<a href="list.html">列表</a><a href="../about.html">关于</a>') },
      '/news/list.html': { body: page('<a href="item.html">条目</a>', '<base href="/static/">') },
      '/about.html': { body: page('') },
      '/static/item.html': { body: page('') },
    });
    const r = await crawlSite(s.url, fast);
    expect(r.broken).toEqual([]);
    expect(r.summary.pages).toBe(5);
    expect(s.hits.get('GET /static/item.html')).toBe(1);
  });

  it('falls back to GET when the server refuses HEAD', async () => {
    const s = await site({
      '/': { body: page('<a href="/report.xlsx">报表</a><a href="/missing.xlsx">缺</a>') },
      '/report.xlsx': (req, res) => res.writeHead(req.method === 'HEAD' ? 405 : 200).end(),
      '/missing.xlsx': (req, res) => res.writeHead(req.method === 'HEAD' ? 405 : 404).end(),
    });
    const r = await crawlSite(s.url, fast);
    expect(r.broken.map((b) => [b.url, b.status])).toEqual([[`${s.url}missing.xlsx`, 404]]);
    expect(s.hits.get('GET /report.xlsx')).toBe(1);
  });

  it('checks external links without crawling the external site', async () => {
    const ext = await site({
      '/ok.html': { body: page('<a href="/never-crawled">x</a>') },
    });
    const s = await site({
      '/': {
        body: page(`<a href="${ext.url}ok.html">外部</a><a href="${ext.url}gone">外部失效</a>`),
      },
    });
    const r = await crawlSite(s.url, fast);
    expect(r.broken.map((b) => [b.url, b.status])).toEqual([[`${ext.url}gone`, 404]]);
    expect(r.summary.pages).toBe(1);
    expect(ext.hits.get('HEAD /ok.html')).toBe(1);
    expect([...ext.hits.keys()].some((k) => k.includes('never-crawled'))).toBe(false);
  });

  it('checks images, scripts, stylesheets, srcset and frames', async () => {
    const s = await site({
      '/': {
        body: page(
          '<img src="/logo.png" alt="标志"><img srcset="/a.png 1x, /b.png 2x">' +
            '<script src="/app.js"></script><iframe src="/frame.html"></iframe>',
          '<link rel="stylesheet" href="/site.css"><link rel="preconnect" href="https://cdn.invalid">',
        ),
      },
      '/a.png': { headers: { 'content-type': 'image/png' } },
      '/app.js': { headers: { 'content-type': 'text/javascript' } },
    });
    const r = await crawlSite(s.url, fast);
    expect(r.broken.map((b) => [b.url.replace(s.url, '/'), b.source, b.text])).toEqual([
      ['/b.png', 'img', ''],
      ['/frame.html', 'iframe', ''],
      ['/logo.png', 'img', '标志'],
      ['/site.css', 'link', ''],
    ]);
  });

  it('ignores mailto:, tel:, javascript: and data: links', async () => {
    const s = await site({
      '/': {
        body: page(
          '<a href="mailto:gk@example.gov.cn">信箱</a><a href="tel:12345">电话</a>' +
            '<a href="javascript:void(0)">菜单</a><img src="data:image/png;base64,AAAA">',
        ),
      },
    });
    const r = await crawlSite(s.url, fast);
    expect(r.summary).toMatchObject({ links: 1, skipped: 4, broken: 0 });
    expect(s.hits.size).toBe(2); // the home page and /sitemap.xml
  });

  it('stops reading pages at the page limit but still checks the links to the others', async () => {
    const links = Array.from({ length: 10 }, (_, i) => `<a href="/p${i}.html">${i}</a>`).join('');
    const s = await site((path) => (path === '/sitemap.xml' ? undefined : { body: page(links) }));
    const r = await crawlSite(s.url, { ...fast, maxPages: 4 });
    expect(r.summary.pages).toBe(4);
    expect(r.summary.links).toBe(11);
    expect([...s.hits.keys()].filter((k) => k.startsWith('HEAD'))).toHaveLength(7);
  });

  it('reads pages listed in /sitemap.xml', async () => {
    let origin = '';
    const routes = (): Record<string, Route> => ({
      '/': { body: page('首页') },
      '/sitemap.xml': {
        headers: { 'content-type': 'application/xml' },
        body: `<urlset><url><loc>${origin}hidden.html</loc></url><url><loc>${origin}gone.html</loc></url></urlset>`,
      },
      '/hidden.html': { body: page('<a href="/dead">死链</a>') },
    });
    const s = await site((path) => routes()[path]);
    origin = s.url;
    const r = await crawlSite(s.url, fast);
    expect(r.summary.pages).toBe(2);
    expect(r.broken.map((b) => [b.page, b.url, b.status])).toEqual([
      [`${s.url}hidden.html`, `${s.url}dead`, 404],
      [`${s.url}sitemap.xml`, `${s.url}gone.html`, 404],
    ]);
  });

  it('keeps per-host concurrency within the limit and reports progress', async () => {
    const links = Array.from({ length: 30 }, (_, i) => `<img src="/i${i}.png">`).join('');
    const s = await site((path) =>
      path === '/'
        ? { body: page(links) }
        : (_req, res) => {
            setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end(), 5);
          },
    );
    const seen: CrawlProgress[] = [];
    const r = await crawlSite(
      s.url,
      { ...fast, perHostConcurrency: 3 },
      { onProgress: (p) => seen.push(p) },
    );
    expect(r.broken).toEqual([]);
    expect(s.maxInFlight()).toBeLessThanOrEqual(3);
    expect(seen.at(-1)).toMatchObject({
      pagesDone: 1,
      pagesQueued: 0,
      linksChecked: 31,
      linksQueued: 0,
    });
  });

  it('reuses working results across runs through the cache', async () => {
    const ext = await site({ '/ok': { body: 'ok' } });
    const s = await site({ '/': { body: page(`<a href="${ext.url}ok">外部</a>`) } });
    const cache = new LinkResultCache(60_000);
    await crawlSite(s.url, fast, { cache });
    await crawlSite(s.url, fast, { cache });
    expect(ext.hits.get('HEAD /ok')).toBe(1);
  });

  it('reports the home page itself when it cannot be opened', async () => {
    const s = await site({});
    const r = await crawlSite(`${s.url}portal/`, fast);
    expect(r.broken.map((b) => [b.page, b.url, b.status, b.onHome])).toEqual([
      [`${s.url}portal/`, `${s.url}portal/`, 404, true],
    ]);
  });

  it('rejects a start address that is not http(s)', async () => {
    await expect(crawlSite('ftp://127.0.0.1/')).rejects.toMatchObject({
      code: 'ERR_LINKS_BAD_URL',
    });
    await expect(crawlSite('not a url')).rejects.toMatchObject({ code: 'ERR_LINKS_BAD_URL' });
  });
});
