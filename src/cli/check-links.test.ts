import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { page, serveSite, type LocalSite } from '../monitoring/links/local-site.js';
import type { CliIO } from './io.js';

function collectingIO(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env: {},
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: async () => '',
  };
  return io;
}

let site: LocalSite;
let clean: LocalSite;

beforeAll(async () => {
  site = await serveSite({
    '/': { body: page('<a href="/a.html">栏目</a><a href="/gone.html">已删除</a>') },
    '/a.html': { body: page('<img src="/missing.png" alt="图片">') },
  });
  clean = await serveSite({ '/': { body: page('<a href="/">首页</a>') } });
});

afterAll(async () => {
  await Promise.all([site.close(), clean.close()]);
});

describe('gongkai check links', () => {
  it('prints pages, links and broken links as JSON and exits 1', async () => {
    const io = collectingIO();
    const code = await main(['check', 'links', site.url, '--format', 'json'], io);
    expect(code).toBe(1);
    const out = JSON.parse(io.out) as Record<string, unknown>;
    expect(out).toMatchObject({ pages: 2, links: 4 });
    expect(out.broken).toEqual([
      expect.objectContaining({
        page: site.url,
        url: `${site.url}gone.html`,
        status: 404,
        on_home: true,
      }),
      expect.objectContaining({
        page: `${site.url}a.html`,
        url: `${site.url}missing.png`,
        status: 404,
        text: '图片',
        on_home: false,
      }),
    ]);
    expect(out.summary).toMatchObject({ broken: 2, broken_on_home: 1, broken_on_other_pages: 1 });
  });

  it('exits 0 with a Chinese report when nothing is broken', async () => {
    const io = collectingIO();
    const code = await main(
      ['check', 'links', clean.url, '--max-pages', '5', '--timeout', '2000'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out).toContain('未发现失效链接');
  });

  it('lists broken links by page in the readable report', async () => {
    const io = collectingIO();
    expect(await main(['check', 'links', site.url, '--concurrency', '2'], io)).toBe(1);
    expect(io.out).toContain('失效 2 处（首页 1 处，其他页面 1 处）');
    expect(io.out).toContain(`「已删除」 ${site.url}gone.html —— HTTP 404`);
  });

  it('exits 2 with a Chinese message for a bad URL or a bad option', async () => {
    const bad = collectingIO();
    expect(await main(['check', 'links', 'gov.cn', '--format', 'json'], bad)).toBe(2);
    expect(bad.err).toContain('起始地址无效');
    const opt = collectingIO();
    expect(await main(['check', 'links', site.url, '--max-pages', '0'], opt)).toBe(2);
    expect(opt.err).toContain('须为正整数');
    const none = collectingIO();
    expect(await main(['check', 'links'], none)).toBe(2);
  });
});
