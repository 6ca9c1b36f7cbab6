import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { seedDemo } from '../demo/seed.js';

/** Well-formedness check without a parser dependency: balanced tags, one root, no raw `&`. */
function expectWellFormedXml(xml: string, root: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  const stack: string[] = [];
  for (const m of xml.replace(/<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (close) expect(stack.pop()).toBe(name);
    else stack.push(name ?? '');
  }
  expect(stack).toEqual([]);
  expect(xml).toContain(`<${root}`);
}

describeEachDb('portal catalogue pages', (get) => {
  let app: FastifyInstance;
  const ids = new Map<string, number>();
  const url = (ref: string) => `/wzgxq/items/${ids.get(ref) ?? 0}`;
  beforeAll(async () => {
    await seedDemo(get());
    app = await buildApp(get());
    const rows = await get()
      .db.selectFrom('items')
      .select(['id', 'ref'])
      .where('ref', 'in', [
        'demo-2022-policy-001',
        'demo-2022-interp-001',
        'demo-withdrawn-2023',
        'demo-changed-2024',
        'demo-on-request-2022',
        'demo-withheld-2022',
        'demo-draft-2026',
      ])
      .execute();
    for (const r of rows) ids.set(r.ref, r.id);
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows the org home with the latest items, notices and the 专栏 in the navigation', async () => {
    const res = await app.inject({ method: 'GET', url: '/wzgxq/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('最新信息');
    expect(res.body).toContain('通知公告');
    expect(res.body).toMatch(
      /<nav class="site-nav"[^]*href="\/wzgxq\/columns\/statutory"[^]*<\/nav>/,
    );
    expect(res.body).toContain('href="/wzgxq/policies"');
  });

  it('pages through a column', async () => {
    const first = await app.inject({ method: 'GET', url: '/wzgxq/columns/news' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('href="/wzgxq/columns/news?page=2"');
    const second = await app.inject({ method: 'GET', url: '/wzgxq/columns/news?page=2' });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('上一页');
    const missing = await app.inject({ method: 'GET', url: '/wzgxq/columns/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('ERR_COLUMN_NOT_FOUND');
  });

  it('shows an item with its metadata box, body, attachment, interpretation and 政府网站 meta tags', async () => {
    const res = await app.inject({ method: 'GET', url: url('demo-2022-policy-001') });
    expect(res.statusCode).toBe(200);
    for (const label of [
      '索引号',
      '发布机构',
      '成文日期',
      '发布日期',
      '文号',
      '主题分类',
      '有效性',
    ])
      expect(res.body).toContain(`<th scope="row">${label}</th>`);
    expect(res.body).toContain('温高管〔2022〕1号');
    expect(res.body).toMatch(/wzgxq\/2022-\d{5}/);
    expect(res.body).toContain('<h2>第一章 总则</h2>');
    expect(res.body).toMatch(/href="\/wzgxq\/attachments\/\d+"[^]*（PDF，\d+ B）/);
    expect(res.body).toContain(`href="${url('demo-2022-interp-001')}"`);
    for (const name of [
      'SiteName',
      'SiteDomain',
      'SiteIDCode',
      'ColumnName',
      'ColumnType',
      'ArticleTitle',
      'PubDate',
      'ContentSource',
    ])
      expect(res.body).toContain(`<meta name="${name}"`);
    expect(res.body).toContain('<meta name="ColumnType" content="政策文件"/>');
    const interp = await app.inject({ method: 'GET', url: url('demo-2022-interp-001') });
    expect(interp.body).toContain(`href="${url('demo-2022-policy-001')}"`);
    const byRef = await app.inject({ method: 'GET', url: '/wzgxq/items/demo-2022-policy-001' });
    expect(byRef.statusCode).toBe(200);
  });

  it('shows the change note and offers a print view', async () => {
    const res = await app.inject({ method: 'GET', url: url('demo-changed-2024') });
    expect(res.body).toContain('更新说明：');
    const print = await app.inject({ method: 'GET', url: `${url('demo-changed-2024')}?print=1` });
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('class="print-view"');
    expect(print.body).not.toContain('class="site-nav"');
  });

  it('leaves a withdrawal notice at a withdrawn item’s URL', async () => {
    const res = await app.inject({ method: 'GET', url: url('demo-withdrawn-2023') });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('该信息已撤回');
    expect(res.body).toContain('道路施工方案调整');
    expect(res.body).not.toContain('<p>已撤回。</p>');
  });

  it('never shows 依申请公开, 不予公开 or draft items (404)', async () => {
    for (const ref of [
      'demo-on-request-2022',
      'demo-withheld-2022',
      'demo-draft-2026',
      'missing',
    ]) {
      const res = await app.inject({
        method: 'GET',
        url: ref === 'missing' ? '/wzgxq/items/999999' : url(ref),
      });
      expect(res.statusCode, ref).toBe(404);
      expect(res.body).toContain('ERR_ITEM_NOT_FOUND');
    }
    const list = await app.inject({ method: 'GET', url: '/wzgxq/columns/art20-15?page=1' });
    expect(list.body).not.toContain('商业秘密');
  });

  it('serves attachments with their checked type and a safe RFC 5987 file name', async () => {
    const a = await get()
      .db.selectFrom('attachments')
      .select(['id'])
      .where('item_id', '=', ids.get('demo-2022-policy-001') ?? 0)
      .executeTakeFirstOrThrow();
    const res = await app.inject({ method: 'GET', url: `/wzgxq/attachments/${a.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''%E6%B8%A9/,
    );
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    for (const bad of [
      '/wzgxq/attachments/999999',
      '/wzgxq/attachments/..%2F..%2Fetc',
      '/wenzhou/attachments/' + a.id,
    ]) {
      const r = await app.inject({ method: 'GET', url: bad });
      expect(r.statusCode, bad).toBe(404);
    }
  });

  it('filters the 政策文件 library with a GET form', async () => {
    const all = await app.inject({ method: 'GET', url: '/wzgxq/policies' });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<form method="get" action="/wzgxq/policies"');
    const res = await app.inject({
      method: 'GET',
      url: `/wzgxq/policies?year=2022&doc_type=normative&validity=valid&topic=&doc_number=${encodeURIComponent('〔2022〕1号')}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('温高管〔2022〕1号');
    expect(res.body).not.toContain('温高管〔2021〕');
    const abolished = await app.inject({
      method: 'GET',
      url: '/wzgxq/policies?validity=abolished',
    });
    expect(abolished.body).toContain('温高管〔2021〕1号');
    const odd = await app.inject({
      method: 'GET',
      url: '/wzgxq/policies?year=abc&page=-3&doc_type=x',
    });
    expect(odd.statusCode).toBe(200);
  });

  it('publishes a well-formed RSS feed per column, sitemaps and robots.txt', async () => {
    const feed = await app.inject({ method: 'GET', url: '/wzgxq/columns/notice/feed.xml' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/rss+xml');
    expectWellFormedXml(feed.body, 'rss');
    expect(feed.body.match(/<item>/g)).toHaveLength(50);
    const index = await app.inject({ method: 'GET', url: '/sitemap.xml' });
    expectWellFormedXml(index.body, 'sitemapindex');
    expect(index.body).toContain('/wzgxq/sitemap.xml</loc>');
    expect(index.body).toContain('/wenzhou/sitemap.xml</loc>');
    const org = await app.inject({ method: 'GET', url: '/wzgxq/sitemap.xml' });
    expectWellFormedXml(org.body, 'urlset');
    expect(org.body).toContain(`${url('demo-2022-policy-001')}</loc>`);
    expect(org.body).not.toContain(`${url('demo-withdrawn-2023')}</loc>`);
    expect(org.body).not.toContain(`${url('demo-withheld-2022')}</loc>`);
    const robots = await app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.body).toContain('Disallow: /admin');
    expect(robots.body).toMatch(/Sitemap: http:\/\/[^/]+\/sitemap.xml/);
  });
});
