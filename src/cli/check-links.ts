import { crawlSite, InvalidStartUrlError } from '../monitoring/links/crawler.js';
import {
  describeStatus,
  type BrokenLink,
  type CrawlOptions,
  type CrawlProgress,
  type CrawlResult,
} from '../monitoring/links/links.model.js';
import { parseOptions, UsageError, type CliIO, type Command } from './io.js';

const USAGE =
  '用法: gongkai check links URL [--format text|json] [--max-pages N] [--concurrency N] [--per-host N] [--timeout 毫秒]';
const PROGRESS_EVERY_MS = 500;

function positiveInt(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`选项 --${name} 须为正整数`);
  return n;
}

/** The JSON shape: `{ pages, links, broken: [{ page, url, status, … }], summary }`. */
export function presentJson(r: CrawlResult): unknown {
  const { summary: s } = r;
  return {
    pages: s.pages,
    links: s.links,
    broken: r.broken.map((b) => ({
      page: b.page,
      url: b.url,
      status: b.status,
      text: b.text,
      source: b.source,
      on_home: b.onHome,
      ...(b.chain ? { chain: b.chain } : {}),
    })),
    summary: {
      start: r.start,
      broken: s.broken,
      broken_on_home: s.brokenOnHome,
      broken_on_other_pages: s.brokenOnOtherPages,
      occurrences: s.occurrences,
      skipped: s.skipped,
      duration_ms: s.durationMs,
    },
  };
}

function line(b: BrokenLink): string {
  const text = b.text ? `「${b.text}」 ` : '';
  return `    ${text}${b.url} —— ${describeStatus(b.status)}\n`;
}

/** A readable Chinese report: totals, then the broken links of 首页 and of each other page. */
export function presentText(r: CrawlResult): string {
  const s = r.summary;
  let out =
    `链接检查：${r.start}\n` +
    `页面 ${s.pages} 个，链接 ${s.links} 个，失效 ${s.broken} 处（首页 ${s.brokenOnHome} 处，其他页面 ${s.brokenOnOtherPages} 处），` +
    `用时 ${(s.durationMs / 1000).toFixed(1)} 秒。\n`;
  if (r.broken.length === 0) return `${out}未发现失效链接。\n`;
  let page = '';
  for (const b of r.broken) {
    if (b.page !== page) {
      page = b.page;
      out += `\n${b.onHome ? '首页' : '页面'} ${page}\n`;
    }
    out += line(b);
  }
  return out;
}

function progressPrinter(io: CliIO): (p: CrawlProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    const eta = p.estimateMs === null ? '' : `，预计还需 ${Math.ceil(p.estimateMs / 1000)} 秒`;
    io.stderr(
      `已检查页面 ${p.pagesDone} 个（待检查 ${p.pagesQueued} 个），链接 ${p.linksChecked} 个${eta}\n`,
    );
  };
}

/**
 * `gongkai check links URL [--format json]`: crawls the site from URL and checks every link
 * (issue 7). Exit code 0 when no link is broken, 1 when some are, 2 on usage errors.
 */
export const run: Command = async (args, io) => {
  const { positional, options } = parseOptions(args, {
    format: 'string',
    'max-pages': 'string',
    concurrency: 'string',
    'per-host': 'string',
    timeout: 'string',
  });
  const [url, ...extra] = positional;
  if (url === undefined || extra.length > 0) throw new UsageError(USAGE);
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`不支持的输出格式 ${String(format)}（可选 text、json）`);
  const crawl: Partial<CrawlOptions> = {};
  const maxPages = positiveInt('max-pages', options['max-pages']);
  const concurrency = positiveInt('concurrency', options.concurrency);
  const perHost = positiveInt('per-host', options['per-host']);
  const timeout = positiveInt('timeout', options.timeout);
  if (maxPages) crawl.maxPages = maxPages;
  if (concurrency) crawl.concurrency = concurrency;
  if (perHost) crawl.perHostConcurrency = perHost;
  if (timeout) crawl.timeoutMs = timeout;
  let result: CrawlResult;
  try {
    const onProgress = format === 'text' ? progressPrinter(io) : undefined;
    result = await crawlSite(url, crawl, { onProgress });
  } catch (err) {
    if (err instanceof InvalidStartUrlError) throw new UsageError(err.message);
    throw err;
  }
  if (format === 'json') io.stdout(`${JSON.stringify(presentJson(result), null, 2)}\n`);
  else io.stdout(presentText(result));
  return result.broken.length > 0 ? 1 : 0;
};
