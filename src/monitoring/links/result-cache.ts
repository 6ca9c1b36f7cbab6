import type { CheckResult } from './links.model.js';

/**
 * Results of recent checks kept in memory across crawls (the scheduled job reuses one cache), so
 * an external URL linked from every org's portal is asked once per TTL. Only working links are
 * kept: a broken one is asked again on the next run, so a repair shows at once.
 */
export class LinkResultCache {
  private readonly entries = new Map<string, { result: CheckResult; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fresh result for `url`, if one is kept. */
  get(url: string): CheckResult | undefined {
    const e = this.entries.get(url);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.entries.delete(url);
      return undefined;
    }
    return e.result;
  }

  /** Keeps `result` when the link works (oldest entries leave first when full). */
  set(result: CheckResult): void {
    if (!result.ok) return;
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const { anchors: _anchors, ...plain } = result;
    this.entries.set(result.url, { result: plain, expires: this.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
