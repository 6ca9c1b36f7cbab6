/**
 * Types, defaults and small pure rules of the link checker (issue 7, REGULATIONS.md §7.3:
 * 链接可用性, "首页及其他页面不能正常访问的链接数量", counted for 首页 and 其他页面 apart).
 * Nothing here does I/O.
 */

/** Why a link failed when there is no HTTP status to show. */
export type ErrorKind =
  | 'timeout'
  | 'dns'
  | 'connection'
  | 'tls'
  | 'protocol'
  | 'too_many_redirects'
  | 'invalid_redirect'
  | 'invalid_url'
  | 'missing_fragment';

/** An HTTP status code, or an error kind when the request gave none. */
export type LinkStatus = number | ErrorKind;

/** Where a link was found in a page. */
export type LinkSource =
  'a' | 'area' | 'img' | 'link' | 'script' | 'iframe' | 'media' | 'meta' | 'sitemap';

/** The outcome of checking one URL (its fragment ignored). */
export interface CheckResult {
  /** The URL as requested (no fragment). */
  url: string;
  status: LinkStatus;
  ok: boolean;
  /** URLs visited through redirects, the requested one first; empty without redirects. */
  chain: string[];
  /** Where the redirects ended (equals `url` without redirects). */
  finalUrl: string;
  contentType: string;
  /** Element ids and anchor names when the target was read as HTML. */
  anchors?: ReadonlySet<string>;
}

/** One broken link occurrence: the page it is on, its text, the URL and the status. */
export interface BrokenLink {
  page: string;
  url: string;
  status: LinkStatus;
  /** Link text (or alt/title), trimmed; empty for resources without text. */
  text: string;
  source: LinkSource;
  /** True when found on the home page (首页); false for 其他页面. */
  onHome: boolean;
  /** Redirects followed before the failure, when any. */
  chain?: string[];
}

/** Progress of a crawl, reported after each page and each checked link (throttled by callers). */
export interface CrawlProgress {
  pagesDone: number;
  pagesQueued: number;
  linksChecked: number;
  linksQueued: number;
  elapsedMs: number;
  /** Rough time left, from the average time per page so far; null before the first page. */
  estimateMs: number | null;
}

/** Totals of a crawl, broken links counted for the home page and the other pages apart. */
export interface CrawlSummary {
  pages: number;
  links: number;
  /** Link occurrences found on pages (a URL linked from two pages counts twice). */
  occurrences: number;
  broken: number;
  brokenOnHome: number;
  brokenOnOtherPages: number;
  skipped: number;
  durationMs: number;
}

/** What a crawl returns. */
export interface CrawlResult {
  start: string;
  summary: CrawlSummary;
  broken: BrokenLink[];
}

/** Settings of a crawl; every field has a default (DEFAULT_CRAWL_OPTIONS). */
export interface CrawlOptions {
  maxPages: number;
  /** Requests in flight over all hosts. */
  concurrency: number;
  /** Requests in flight to one host. */
  perHostConcurrency: number;
  /** Minimum time between two request starts on the same host. */
  perHostDelayMs: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Retries after network errors and 5xx responses, with exponential back-off. */
  retries: number;
  retryBaseMs: number;
  /** Longest wait a Retry-After header may impose; longer waits are capped. */
  maxRetryAfterMs: number;
  /** How many 429 answers in a row are waited out before the link counts as broken. */
  max429Waits: number;
  /** Read /sitemap.xml of the start origin for more pages. */
  sitemap: boolean;
  /** Check `#fragment` targets on same-site HTML pages. */
  checkFragments: boolean;
  /** Only pages whose path starts with this are crawled (other same-site URLs are only checked). */
  scopePath: string;
  /** Largest page body read, in bytes. */
  maxPageBytes: number;
  userAgent: string;
}

export const DEFAULT_CRAWL_OPTIONS: Readonly<CrawlOptions> = Object.freeze({
  maxPages: 5000,
  concurrency: 16,
  perHostConcurrency: 4,
  perHostDelayMs: 0,
  timeoutMs: 10_000,
  maxRedirects: 5,
  retries: 2,
  retryBaseMs: 500,
  maxRetryAfterMs: 60_000,
  max429Waits: 3,
  sitemap: true,
  checkFragments: true,
  scopePath: '/',
  maxPageBytes: 5 * 1024 * 1024,
  userAgent: 'Gongkai-LinkChecker/0.1',
});

/** Statuses that count as a working link: 2xx, and 3xx left at the end of a redirect chain. */
export function isOkStatus(status: LinkStatus): boolean {
  return typeof status === 'number' && status >= 200 && status < 400;
}

/** Responses worth a retry: server errors (the link may work a moment later). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status !== 501;
}

/** HEAD answers that mean "try GET instead" (servers that do not implement HEAD properly). */
export function needsGetFallback(status: LinkStatus): boolean {
  return (
    status === 405 ||
    status === 501 ||
    status === 403 ||
    status === 400 ||
    status === 'connection' ||
    status === 'protocol'
  );
}

/**
 * Parses a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Returns the wait
 * in milliseconds, capped at `capMs`, or null when absent or unreadable.
 */
export function parseRetryAfter(
  value: string | undefined,
  now: Date,
  capMs: number,
): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, capMs);
  const when = Date.parse(text);
  if (Number.isNaN(when)) return null;
  return Math.min(Math.max(0, when - now.getTime()), capMs);
}

/** Back-off before retry `attempt` (1, 2, …): base × 2^(attempt−1), with ±20 % jitter. */
export function backoffMs(attempt: number, baseMs: number, random = Math.random): number {
  const plain = baseMs * 2 ** (attempt - 1);
  return Math.round(plain * (0.8 + 0.4 * random()));
}

/** Chinese label of a status for reports. */
export function describeStatus(status: LinkStatus): string {
  if (typeof status === 'number') return `HTTP ${status}`;
  const labels: Record<ErrorKind, string> = {
    timeout: '超时',
    dns: '域名无法解析',
    connection: '无法连接',
    tls: '证书或加密连接错误',
    protocol: '响应格式错误',
    too_many_redirects: '重定向次数过多',
    invalid_redirect: '重定向地址无效',
    invalid_url: '链接地址无效',
    missing_fragment: '页面内锚点不存在',
  };
  return labels[status];
}

/** Totals of broken links for 首页 and 其他页面 (§7.3). */
export function countBroken(broken: readonly BrokenLink[]): {
  broken: number;
  brokenOnHome: number;
  brokenOnOtherPages: number;
} {
  const onHome = broken.filter((b) => b.onHome).length;
  return {
    broken: broken.length,
    brokenOnHome: onHome,
    brokenOnOtherPages: broken.length - onHome,
  };
}
