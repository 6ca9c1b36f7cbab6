import type { HostLimiter } from './host-limiter.js';
import { sleep } from './host-limiter.js';
import { classifyError, type HttpClient, type HttpResponse } from './http-client.js';
import {
  backoffMs,
  isOkStatus,
  isRetryableStatus,
  needsGetFallback,
  parseRetryAfter,
  type CheckResult,
  type CrawlOptions,
  type ErrorKind,
} from './links.model.js';

/**
 * Checks one URL: HEAD first (GET when the server does not handle HEAD), redirects followed by
 * hand up to a limit with the chain recorded, retries with exponential back-off after network
 * errors and 5xx, and 429 answers waited out as Retry-After says (capped).
 */

/** A checked URL and, for GET with a body, the page it returned. */
export interface Fetched {
  result: CheckResult;
  body: Buffer | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Network failures worth another try; DNS, TLS and bad URLs will not change in a second. */
const RETRYABLE_KINDS = new Set<ErrorKind>(['timeout', 'connection', 'protocol']);

function contentTypeOf(res: HttpResponse): string {
  const ct = res.headers['content-type'];
  return (Array.isArray(ct) ? ct[0] : ct) ?? '';
}

/** Makes single requests and whole checks for one crawl. */
export class UrlChecker {
  constructor(
    private readonly client: HttpClient,
    private readonly limiter: HostLimiter,
    private readonly options: CrawlOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One request, with retries (network errors, 5xx) and 429 waits; a kind when no status came. */
  async send(
    url: URL,
    method: 'HEAD' | 'GET',
    readBody: boolean,
  ): Promise<HttpResponse | ErrorKind> {
    const o = this.options;
    let attempt = 0;
    let waits429 = 0;
    for (let round = 0; round <= o.retries + o.max429Waits; round++) {
      let outcome: HttpResponse | ErrorKind;
      try {
        outcome = await this.limiter.run(url.host, () =>
          this.client.request(url, {
            method,
            timeoutMs: o.timeoutMs,
            readBody,
            maxBytes: o.maxPageBytes,
          }),
        );
      } catch (err) {
        outcome = classifyError(err);
      }
      if (typeof outcome !== 'string' && outcome.status === 429 && waits429 < o.max429Waits) {
        waits429++;
        const header = outcome.headers['retry-after'];
        const wait =
          parseRetryAfter(header, this.now(), o.maxRetryAfterMs) ??
          backoffMs(waits429, o.retryBaseMs);
        this.limiter.pause(url.host, wait);
        continue;
      }
      const retryable =
        typeof outcome === 'string'
          ? RETRYABLE_KINDS.has(outcome)
          : isRetryableStatus(outcome.status);
      if (!retryable || attempt >= o.retries) return outcome;
      attempt++;
      await sleep(backoffMs(attempt, o.retryBaseMs));
    }
    return 'connection'; // not reached: every round returns or continues within the bound
  }

  /** Requests `url` and follows its redirects; the body is read only with `readBody` on GET. */
  async fetch(url: string, method: 'HEAD' | 'GET', readBody = false): Promise<Fetched> {
    const chain: string[] = [];
    const seen = new Set<string>([url]);
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      return { result: this.result(url, 'invalid_url', chain, url, ''), body: null };
    }
    for (let hop = 0; hop <= this.options.maxRedirects + 1; hop++) {
      const res = await this.send(current, method, readBody);
      if (typeof res === 'string')
        return { result: this.result(url, res, chain, current.href, ''), body: null };
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location) {
        return {
          result: this.result(url, res.status, chain, current.href, contentTypeOf(res)),
          body: res.body,
        };
      }
      if (chain.length === 0) chain.push(current.href);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return {
          result: this.result(url, 'invalid_redirect', chain, current.href, ''),
          body: null,
        };
      }
      next.hash = '';
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return {
          result: this.result(url, 'invalid_redirect', chain, current.href, ''),
          body: null,
        };
      chain.push(next.href);
      if (chain.length - 1 > this.options.maxRedirects || seen.has(next.href))
        return { result: this.result(url, 'too_many_redirects', chain, next.href, ''), body: null };
      seen.add(next.href);
      current = next;
    }
    return { result: this.result(url, 'too_many_redirects', chain, current.href, ''), body: null };
  }

  /** Checks a link that is not crawled: HEAD, then GET when HEAD is refused or mishandled. */
  async check(url: string): Promise<CheckResult> {
    const head = await this.fetch(url, 'HEAD');
    if (!needsGetFallback(head.result.status)) return head.result;
    return (await this.fetch(url, 'GET')).result;
  }

  private result(
    url: string,
    status: CheckResult['status'],
    chain: string[],
    finalUrl: string,
    contentType: string,
  ): CheckResult {
    return { url, status, ok: isOkStatus(status), chain, finalUrl, contentType };
  }
}
