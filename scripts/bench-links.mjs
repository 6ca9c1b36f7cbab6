// Benchmark of the link checker against linkinator on the same generated local site (issue 7).
//
//   node --import tsx scripts/bench-links.mjs [--pages 5000] [--runs 3] [--per-host 4] [--append FILE]
//
// A child process serves a generated site on 127.0.0.1 (never an outside address): N pages, each
// linking to the home page, five other pages, shared resources and, on some pages, planted broken
// links and images; a second local port plays an external host. Both tools crawl it recursively;
// the script prints pages per second for each and whether both found the same broken URLs, as a
// Markdown table (appended to FILE with --append).
import { fork } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    append: { type: 'string' },
    serve: { type: 'boolean', default: false },
    'per-host': { type: 'string', default: '4' },
  },
});
const PAGES = Number(args.pages);

/** The generated site: page i links to pages (7i + k) mod N, shared assets, planted errors. */
function pageHtml(i, ext) {
  const links = [];
  links.push('<a href="/">首页</a>');
  for (let k = 1; k <= 5; k++) links.push(`<a href="/p/${(i * 7 + k) % PAGES}.html">第${k}篇</a>`);
  if (i % 50 === 7) links.push(`<a href="/missing/${i}.html">失效页面</a>`);
  if (i % 100 === 3) links.push(`<img src="/img/missing-${i}.png" alt="失效图片">`);
  if (i % 500 === 11) links.push(`<a href="${ext}gone/${i}">外部失效</a>`);
  if (i % 10 === 0) links.push(`<a href="${ext}ok/${i % 40}">外部链接</a>`);
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>第' +
    i +
    '页</title><link rel="stylesheet" href="/static/site.css"></head><body>' +
    '<header><img src="/static/logo.png" alt="标志"><nav>' +
    links.join(' ') +
    '</nav></header><main><h1>政务公开 第' +
    i +
    '页</h1><p>' +
    '本页为基准测试生成的内容，用于比较链接检查的速度。'.repeat(20) +
    '</p></main></body></html>'
  );
}

async function serve() {
  const ext = http.createServer((req, res) => {
    const ok = req.url?.startsWith('/ok/');
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html', 'content-length': 2 });
    res.end('ok');
  });
  await new Promise((r) => ext.listen(0, '127.0.0.1', r));
  const extUrl = `http://127.0.0.1:${ext.address().port}/`;
  // Pages are built before the clock starts, so neither tool pays for generating them.
  const cache = new Map(Array.from({ length: PAGES }, (_, i) => [i, pageHtml(i, extUrl)]));
  const site = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    let m;
    let body;
    let type = 'text/html; charset=utf-8';
    if (path === '/' || path === '/index.html') body = cache.get(0) ?? pageHtml(0, extUrl);
    else if ((m = /^\/p\/(\d+)\.html$/.exec(path)) && Number(m[1]) < PAGES) {
      const i = Number(m[1]);
      body = cache.get(i) ?? pageHtml(i, extUrl);
      cache.set(i, body);
    } else if (path === '/static/site.css') [body, type] = ['body{}', 'text/css'];
    else if (path === '/static/logo.png') [body, type] = ['PNG', 'image/png'];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/html', 'content-length': 9 });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  site.keepAliveTimeout = 30_000;
  await new Promise((r) => site.listen(0, '127.0.0.1', r));
  process.send?.({ url: `http://127.0.0.1:${site.address().port}/`, ext: extUrl });
}

async function startServer() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--pages', String(PAGES)], {
    execArgv: [],
  });
  const info = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('error', reject);
    setTimeout(() => reject(new Error('server did not start')), 20_000).unref();
  });
  return { ...info, stop: () => child.kill() };
}

async function loadOurs() {
  try {
    return await import('../dist/monitoring/links/crawler.js');
  } catch {
    return import('../src/monitoring/links/crawler.ts');
  }
}

async function runLinkinator(url) {
  const { LinkChecker } = await import('linkinator');
  const started = performance.now();
  const result = await new LinkChecker().check({ path: url, recurse: true, timeout: 10_000 });
  const seconds = (performance.now() - started) / 1000;
  const broken = new Set(result.links.filter((l) => l.state === 'BROKEN').map((l) => l.url));
  return { seconds, broken, checked: result.links.length };
}

async function runOurs(url, crawlSite, perHost) {
  const started = performance.now();
  const result = await crawlSite(url, {
    perHostConcurrency: perHost,
    concurrency: 32,
    maxPages: PAGES * 2,
  });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, broken: new Set(result.broken.map((b) => b.url)), pages: result.summary.pages };
}

function sameSet(a, b) {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const server = await startServer();
  const { crawlSite } = await loadOurs();
  const perHost = Number(args['per-host']);
  const runs = Number(args.runs);
  const pages = PAGES; // pages 0…N−1; "/" is page 0 under a second URL
  const ours = [];
  const theirs = [];
  let oursBroken;
  let theirBroken;
  let oursPages = 0;
  try {
    for (let r = 0; r < runs; r++) {
      const a = await runOurs(server.url, crawlSite, perHost);
      const b = await runLinkinator(server.url);
      ours.push(a.seconds);
      theirs.push(b.seconds);
      [oursBroken, theirBroken, oursPages] = [a.broken, b.broken, a.pages];
      console.error(
        `run ${r + 1}: ours ${a.seconds.toFixed(2)} s, linkinator ${b.seconds.toFixed(2)} s`,
      );
    }
  } finally {
    server.stop();
  }
  const oursPps = (oursPages / median(ours)).toFixed(0);
  const theirPps = (oursPages / median(theirs)).toFixed(0);
  const same = sameSet(oursBroken, theirBroken);
  const table = [
    `| 日期 | 机器 | 页面 | 工具 | 用时（中位数，秒） | 页面/秒 | 失效链接 | 结果一致 |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |`,
    `| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} 核 | ${pages} | gongkai（每主机并发 ${perHost}） | ${median(ours).toFixed(2)} | ${oursPps} | ${oursBroken.size} | ${same ? '是' : '否'} |`,
    `| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} 核 | ${pages} | linkinator（默认并发 100） | ${median(theirs).toFixed(2)} | ${theirPps} | ${theirBroken.size} | ${same ? '是' : '否'} |`,
    '',
    `速度比：${(median(theirs) / median(ours)).toFixed(2)}×`,
  ].join('\n');
  console.log(table);
  if (!same) {
    const onlyOurs = [...oursBroken].filter((u) => !theirBroken.has(u));
    const onlyTheirs = [...theirBroken].filter((u) => !oursBroken.has(u));
    console.log(
      '\n仅 gongkai 发现:',
      onlyOurs.slice(0, 10),
      '\n仅 linkinator 发现:',
      onlyTheirs.slice(0, 10),
    );
  }
  if (args.append) await appendFile(args.append, `\n${table}\n`);
  if (!same) process.exitCode = 1;
}

if (args.serve) await serve();
else await main();
