import { HostLimiter } from './host-limiter.js';
import { decodeHtml, extractHtml, extractSitemap, isHtml, type RawLink } from './html-extract.js';
import { HttpClient } from './http-client.js';
import {
  countBroken,
  DEFAULT_CRAWL_OPTIONS,
  type BrokenLink,
  type CheckResult,
  type CrawlOptions,
  type CrawlProgress,
  type CrawlResult,
} from './links.model.js';
import type { LinkResultCache } from './result-cache.js';
import { checkableFragment, parseStartUrl } from './start-url.js';
import { UrlChecker } from './url-checker.js';

/**
 * The link checker's crawl (issue 7): from a start page, every same-site page in scope is read
 * (links of <a>/<area>/<meta refresh> followed, /sitemap.xml read when present) and every link
 * and resource on them is checked once per run, internal and external. Broken links are reported
 * per page, those on the home page (首页) apart from the others (REGULATIONS.md §7.3).
 */

export { InvalidStartUrlError } from './start-url.js';

/** Optional collaborators of a crawl. */
export interface CrawlHooks {
  onProgress?: (progress: CrawlProgress) => void;
  /** Results kept across crawls (only working links are reused). */
  cache?: LinkResultCache;
}

interface PageData {
  anchors: ReadonlySet<string>;
}

const FOLLOWED = new Set(['a', 'area', 'meta', 'sitemap']);
const SKIPPED_SCHEME =
  /^(?:mailto|tel|sms|javascript|data|about|blob|file|ftp|news|callto|weixin):/i;
const MAX_SITEMAPS = 20;

class Crawl {
  private readonly client: HttpClient;
  private readonly checker: UrlChecker;
  private readonly checks = new Map<string, Promise<CheckResult>>();
  private readonly pages = new Map<string, Promise<PageData | null>>();
  private readonly anchorFetches = new Map<string, Promise<PageData | null>>();
  private readonly homePages = new Set<string>();
  private readonly broken: BrokenLink[] = [];
  private readonly started = Date.now();
  private pagesScheduled = 0;
  private pagesDone = 0;
  private pagesRead = 0;
  private linksChecked = 0;
  private occurrences = 0;
  private skipped = 0;
  private pending = 0;
  private idle: () => void = () => undefined;
  /** The site crawled: the start URL, or where its home page redirected to. */
  private site: URL;

  constructor(
    private readonly start: URL,
    private readonly o: CrawlOptions,
    private readonly hooks: CrawlHooks,
  ) {
    this.client = new HttpClient(o.userAgent, o.perHostConcurrency);
    this.checker = new UrlChecker(
      this.client,
      new HostLimiter(o.concurrency, o.perHostConcurrency, o.perHostDelayMs),
      o,
    );
    this.homePages.add(start.href);
    this.site = start;
  }

  async run(): Promise<CrawlResult> {
    const done = new Promise<void>((resolve) => (this.idle = resolve));
    this.crawlPage(this.start.href, true);
    await done;
    this.client.close();
    const broken = [...this.broken].sort(
      (a, b) =>
        Number(b.onHome) - Number(a.onHome) ||
        a.page.localeCompare(b.page) ||
        a.url.localeCompare(b.url),
    );
    const summary = {
      pages: this.pagesRead,
      links: this.checks.size,
      occurrences: this.occurrences,
      ...countBroken(broken),
      skipped: this.skipped,
      durationMs: Date.now() - this.started,
    };
    return { start: this.start.href, summary, broken };
  }

  private track(p: Promise<unknown>): void {
    this.pending++;
    void p
      .catch(() => undefined)
      .finally(() => {
        if (--this.pending === 0) this.idle();
      });
  }

  private progress(): void {
    const elapsedMs = Date.now() - this.started;
    const queued = this.pagesScheduled - this.pagesDone;
    this.hooks.onProgress?.({
      pagesDone: this.pagesDone,
      pagesQueued: queued,
      linksChecked: this.linksChecked,
      linksQueued: this.checks.size - this.linksChecked,
      elapsedMs,
      estimateMs: this.pagesDone > 0 ? Math.round((elapsedMs / this.pagesDone) * queued) : null,
    });
  }

  private isSameSite(url: URL): boolean {
    return url.origin === this.site.origin;
  }

  private inScope(url: URL): boolean {
    return this.isSameSite(url) && url.pathname.startsWith(this.o.scopePath);
  }

  /** Schedules `url` as a page to read, within the page limit; false when it is not read. */
  private crawlPage(url: string, home = false): boolean {
    if (this.pages.has(url)) return true;
    if (this.pagesScheduled >= this.o.maxPages) return false;
    this.pagesScheduled++;
    const fetched = this.checker.fetch(url, 'GET', true);
    if (!this.checks.has(url))
      this.countCheck(
        url,
        fetched.then((f) => f.result),
      );
    const page = fetched.then(async ({ result, body }) => {
      if (home) this.homeFetched(result);
      const data = result.ok && body ? this.readPage(result, body) : null;
      this.pagesDone++;
      this.progress();
      return data;
    });
    this.pages.set(url, page);
    this.track(page);
    return true;
  }

  /** The home page decides the site (http → https, a new host) and then the sitemap is read. */
  private homeFetched(result: CheckResult): void {
    this.homePages.add(result.finalUrl);
    if (!result.ok) {
      const { url, status } = result;
      this.addBroken({ page: url, url, status, text: '', source: 'a', onHome: true });
      return;
    }
    const final = new URL(result.finalUrl);
    if (final.origin !== this.site.origin) this.site = new URL(final.origin + this.o.scopePath);
    if (this.o.sitemap) this.track(this.readSitemap(new URL('/sitemap.xml', this.site).href, 0));
  }

  private readPage(result: CheckResult, body: Buffer): PageData | null {
    if (!isHtml(result.contentType, body)) return null;
    const finalUrl = new URL(result.finalUrl);
    // A redirect into another page already read, or out of scope, adds nothing.
    if (
      result.finalUrl !== result.url &&
      (this.pages.has(result.finalUrl) || !this.inScope(finalUrl))
    )
      return null;
    const page = extractHtml(decodeHtml(body, result.contentType));
    this.pagesRead++;
    let base = finalUrl;
    if (page.base) {
      try {
        base = new URL(page.base, finalUrl);
      } catch {
        // An unreadable <base> is ignored, as browsers do.
      }
    }
    const data = { anchors: page.anchors };
    if (result.finalUrl !== result.url) this.pages.set(result.finalUrl, Promise.resolve(data));
    this.handleLinks(result.finalUrl, base, page.links, data);
    return data;
  }

  private handleLinks(page: string, base: URL, links: RawLink[], own: PageData): void {
    const seen = new Set<string>();
    const onHome = this.homePages.has(page);
    for (const link of links) {
      if (SKIPPED_SCHEME.test(link.href)) {
        this.skipped++;
        continue;
      }
      let url: URL;
      try {
        url = new URL(link.href, base);
      } catch {
        this.addBroken({
          page,
          url: link.href,
          status: 'invalid_url',
          text: link.text,
          source: link.source,
          onHome,
        });
        continue;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        this.skipped++;
        continue;
      }
      if (seen.has(url.href)) continue;
      seen.add(url.href);
      this.occurrences++;
      const fragment = url.hash.slice(1);
      url.hash = '';
      const target = url.href;
      if (FOLLOWED.has(link.source) && this.inScope(url)) this.crawlPage(target);
      const report = (r: CheckResult) => this.afterCheck(r, { page, link, fragment, onHome, own });
      this.track(this.checkUrl(target).then(report));
    }
  }

  private async afterCheck(
    r: CheckResult,
    c: { page: string; link: RawLink; fragment: string; onHome: boolean; own: PageData },
  ): Promise<void> {
    const { page, link, onHome } = c;
    const base = { page, text: link.text, source: link.source, onHome };
    if (!r.ok) {
      this.addBroken({
        ...base,
        url: r.url,
        status: r.status,
        ...(r.chain.length ? { chain: r.chain } : {}),
      });
      return;
    }
    const fragment = checkableFragment(c.fragment);
    if (!fragment || !this.o.checkFragments || !this.isSameSite(new URL(r.finalUrl))) return;
    if (!isHtml(r.contentType, null)) return;
    const target = r.url === page ? c.own : await this.anchorsOf(r);
    if (target && !target.anchors.has(fragment) && !target.anchors.has(c.fragment))
      this.addBroken({ ...base, url: `${r.url}#${c.fragment}`, status: 'missing_fragment' });
  }

  /** The anchors of a same-site page: read already as a page, or fetched once for them. */
  private anchorsOf(r: CheckResult): Promise<PageData | null> {
    const known =
      this.pages.get(r.url) ?? this.pages.get(r.finalUrl) ?? this.anchorFetches.get(r.url);
    if (known) return known;
    const fetched = this.checker
      .fetch(r.url, 'GET', true)
      .then(({ result, body }) =>
        result.ok && body && isHtml(result.contentType, body)
          ? { anchors: extractHtml(decodeHtml(body, result.contentType)).anchors }
          : null,
      );
    this.anchorFetches.set(r.url, fetched);
    return fetched;
  }

  /** The check of `url`, made once per run (or reused from the cache across runs). */
  private checkUrl(url: string): Promise<CheckResult> {
    const known = this.checks.get(url);
    if (known) return known;
    const cached = this.hooks.cache?.get(url);
    const p = cached ? Promise.resolve(cached) : this.checker.check(url);
    this.countCheck(url, p);
    return p;
  }

  private countCheck(url: string, p: Promise<CheckResult>): void {
    this.checks.set(url, p);
    void p.then((r) => {
      this.linksChecked++;
      this.hooks.cache?.set(r);
      this.progress();
    });
  }

  private async readSitemap(url: string, depth: number): Promise<void> {
    const { result, body } = await this.checker.fetch(url, 'GET', true);
    if (!result.ok || !body) return;
    const { urls, isIndex } = extractSitemap(body.toString('utf8'));
    if (isIndex) {
      if (depth > 0) return;
      for (const u of urls.slice(0, MAX_SITEMAPS)) this.track(this.readSitemap(u, depth + 1));
      return;
    }
    const links = urls.map((href) => ({ href, source: 'sitemap' as const, text: '' }));
    this.handleLinks(url, new URL(url), links, { anchors: new Set() });
  }

  private addBroken(b: BrokenLink): void {
    this.broken.push(b);
  }
}

/** Crawls the site of `startUrl` and checks its links; see the module comment. */
export async function crawlSite(
  startUrl: string,
  options: Partial<CrawlOptions> = {},
  hooks: CrawlHooks = {},
): Promise<CrawlResult> {
  const start = parseStartUrl(startUrl);
  return new Crawl(start, { ...DEFAULT_CRAWL_OPTIONS, ...options }, hooks).run();
}
