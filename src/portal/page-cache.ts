import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { chinaDate } from '../platform/time.js';
import { portalVersion, type PortalVersion } from './portal.repository.js';

/**
 * In-process cache of rendered portal responses, keyed by URL (with host and protocol) and
 * 长辈版 mode, shared by every request of one web process.
 *
 * Freshness across processes: the database row `portal_state` gets a new version in the same
 * transaction as any change to items, columns, orgs or attachments (triggers of migration
 * 20261128_0710_portal_cache). Before answering, a request makes sure the version was read at
 * most `checkIntervalMs` ago (one query shared by concurrent requests); when it moved, the
 * whole cache is dropped. A change committed by any process is thus served everywhere within
 * `checkIntervalMs` plus one render. The cache is also dropped when the China date changes (pages
 * showing today's date), entries expire after `maxAgeMs` (a safety net, 1 hour) and it is
 * bounded in entries and bytes (least recently used go first).
 *
 * Race: a page rendered from data read before a commit but stored after the version moved
 * would be stale; each entry is therefore stored only if the cache generation it started in is
 * still current.
 */

export interface PortalCacheOptions {
  /** How often (at most) the version row is read; 0 reads it on every request. */
  checkIntervalMs: number;
  /** Entries older than this are rendered again. */
  maxAgeMs: number;
  maxEntries: number;
  maxBytes: number;
  /** False turns caching off (responses still get ETag and 304). */
  enabled: boolean;
  /** Monotonic milliseconds; tests replace it. */
  clock: () => number;
}

export const DEFAULT_CACHE_OPTIONS: PortalCacheOptions = {
  checkIntervalMs: 250,
  maxAgeMs: 3_600_000,
  maxEntries: 20_000,
  maxBytes: 128 * 1024 * 1024,
  enabled: true,
  clock: () => performance.now(),
};

export interface CachedPage {
  status: number;
  contentType: string;
  /**
   * The response body, UTF-8 encoded once when stored: a hit is written as it is (encoding a
   * Chinese page from a JS string on every hit was about 7 % of a cached response's CPU).
   */
  body: Buffer;
  etag: string;
  /** HTTP date of the portal version the page was rendered from. */
  lastModified: string;
  bytes: number;
  storedAt: number;
}

/** A strong ETag of a body. */
export function etagOf(body: string): string {
  return `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Does an If-None-Match header match this ETag (weak comparison, `*` included)? */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/**
 * Whole seconds since the epoch of an ISO instant (HTTP dates have one-second precision).
 * NaN when unparsable.
 */
function seconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export class PortalPageCache {
  readonly options: PortalCacheOptions;
  private readonly entries = new Map<string, CachedPage>();
  private bytes = 0;
  private version: PortalVersion | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<void> | null = null;
  /** China date of the cached pages: a new day drops them (e.g. the 公开指南's 索引号 example). */
  private day = '';
  /** Goes up whenever the cache is dropped; entries rendered under an older one are not kept. */
  generation = 0;
  stats = { hits: 0, misses: 0, invalidations: 0 };

  constructor(
    private readonly ctx: AppContext,
    options: Partial<PortalCacheOptions> = {},
  ) {
    this.options = { ...DEFAULT_CACHE_OPTIONS, ...options };
  }

  /** Reads the version row if the last read is older than the check interval. */
  async refresh(): Promise<void> {
    const now = this.options.clock();
    if (now - this.checkedAt < this.options.checkIntervalMs && this.version) return;
    if (!this.pending) {
      this.pending = (async () => {
        try {
          const v = await portalVersion(this.ctx.db);
          const day = chinaDate(this.ctx.now());
          this.checkedAt = this.options.clock();
          if (!this.version || v.version !== this.version.version || day !== this.day) {
            if (this.version) this.clear();
            this.version = v;
            this.day = day;
          }
        } finally {
          this.pending = null;
        }
      })();
    }
    await this.pending;
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.generation++;
    this.stats.invalidations++;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry for a key if present and young enough (and marks it recently used). */
  get(key: string): CachedPage | undefined {
    if (!this.options.enabled) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.options.clock() - e.storedAt > this.options.maxAgeMs) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }

  /** Stores a rendered response, unless the cache was dropped since it started (generation). */
  set(key: string, generation: number, page: Omit<CachedPage, 'bytes' | 'storedAt'>): void {
    if (!this.options.enabled || generation !== this.generation) return;
    const bytes = page.body.length + key.length;
    if (bytes > this.options.maxBytes / 16) return;
    this.delete(key);
    this.entries.set(key, { ...page, bytes, storedAt: this.options.clock() });
    this.bytes += bytes;
    for (const [k] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes)
        break;
      this.delete(k);
    }
  }

  private delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }

  /** Last-Modified of pages rendered now: the time of the current portal version. */
  lastModified(): string {
    const at = this.version ? Date.parse(this.version.changedAt) : Date.now();
    return new Date(Number.isNaN(at) ? Date.now() : at).toUTCString();
  }

  /**
   * May an If-Modified-Since date be answered with 304? Only when it is not older than the
   * current version's second and no earlier version shares that second (else a copy of the
   * earlier version would carry the same one-second date).
   */
  notModifiedSince(ifModifiedSince: string | undefined): boolean {
    if (!ifModifiedSince || !this.version) return false;
    const since = Math.floor(Date.parse(ifModifiedSince) / 1000);
    if (Number.isNaN(since) || since * 1000 > Date.now()) return false;
    const changed = seconds(this.version.changedAt);
    const prev = seconds(this.version.prevChangedAt);
    if (Number.isNaN(changed)) return false;
    if (since > changed) return true;
    return since === changed && prev < changed;
  }
}

const caches = new WeakMap<AppContext, PortalPageCache>();

/** The page cache of a context (one per process in production; tests make several contexts). */
export function portalCacheOf(ctx: AppContext): PortalPageCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new PortalPageCache(ctx);
    caches.set(ctx, cache);
  }
  return cache;
}

/** Replaces a context's cache with one built with these options (tests, benchmarks). */
export function configurePortalCache(
  ctx: AppContext,
  options: Partial<PortalCacheOptions>,
): PortalPageCache {
  const cache = new PortalPageCache(ctx, options);
  caches.set(ctx, cache);
  return cache;
}

/** What a request that missed the cache remembers until its response is sent. */
interface Pending {
  key: string;
  generation: number;
  lastModified: string;
}
const pendingOf = new WeakMap<FastifyRequest, Pending>();
const servedFromCache = new WeakMap<FastifyRequest, CachedPage>();

const CACHED_TYPES = /^(text\/html|application\/(rss\+)?xml|text\/plain)/;

/** Cache key: protocol, host and URL (feeds and meta tags name the site) and 长辈版 mode. */
function keyOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${request.url}#${request.elderMode ? 'elder' : 'std'}`;
}

/**
 * Installs the cache on the portal plugin (its hooks cover only the portal's routes): GET
 * requests are answered from the cache when possible; 200 and 410 text responses are stored;
 * every such response carries an ETag and Last-Modified and answers a matching conditional
 * request with 304. HTML pages vary by the 长辈版 cookie (`Vary: Cookie`) and are revalidated
 * on every use (`Cache-Control: public, no-cache`), so browsers and proxies never show a page
 * that the portal no longer serves.
 */
export function installPortalCache(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const cache = portalCacheOf(ctx);
    await cache.refresh();
    const key = keyOf(request);
    const hit = cache.get(key);
    if (hit) {
      cache.stats.hits++;
      servedFromCache.set(request, hit);
      reply.header('x-portal-cache', 'hit');
      return reply.code(hit.status).type(hit.contentType).send(hit.body);
    }
    cache.stats.misses++;
    pendingOf.set(request, {
      key,
      generation: cache.generation,
      lastModified: cache.lastModified(),
    });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const contentType = String(reply.getHeader('content-type') ?? '');
    const html = contentType.startsWith('text/html');
    if (html) reply.header('vary', 'Cookie');
    const status = reply.statusCode;
    let page: Pick<CachedPage, 'etag' | 'lastModified'> | undefined = servedFromCache.get(request);
    const pending = pendingOf.get(request);
    if (
      !page &&
      pending &&
      (status === 200 || status === 410) &&
      typeof payload === 'string' &&
      CACHED_TYPES.test(contentType)
    ) {
      const cache = portalCacheOf(ctx);
      page = { etag: etagOf(payload), lastModified: pending.lastModified };
      cache.set(pending.key, pending.generation, {
        status,
        contentType,
        body: Buffer.from(payload, 'utf8'),
        ...page,
      });
      reply.header('x-portal-cache', 'miss');
    }
    if (!page) {
      // Errors and other pages: never stored by anyone (a 404 may become a page at any time).
      if (html) reply.header('cache-control', 'no-cache');
      return payload;
    }
    reply.header('etag', page.etag);
    reply.header('last-modified', page.lastModified);
    reply.header('cache-control', 'public, no-cache');
    if (status !== 200) return payload;
    const inm = request.headers['if-none-match'];
    const ims = request.headers['if-modified-since'];
    const notModified = inm
      ? etagMatches(inm, page.etag)
      : portalCacheOf(ctx).notModifiedSince(ims) && ims !== undefined;
    if (!notModified) return payload;
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return null;
  });
}
