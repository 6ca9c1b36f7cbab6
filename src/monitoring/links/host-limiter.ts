/**
 * Politeness for the link checker: at most N requests in flight over all hosts, at most M per
 * host, a minimum delay between two request starts on a host, and a pause of a host after a 429
 * (Retry-After). Waiters are served first come, first served.
 */

/** A counting semaphore with a FIFO queue. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Resolves when a slot is free; the caller must release() it. */
  acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

interface HostState {
  slots: Semaphore;
  /** Earliest start of the next request (per-host delay). */
  nextStart: number;
  /** No request before this instant (Retry-After). */
  pausedUntil: number;
}

/** Sleeps for `ms` milliseconds (0 resolves on the next tick). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Global and per-host limits around each request. */
export class HostLimiter {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, HostState>();

  constructor(
    globalLimit: number,
    private readonly perHostLimit: number,
    private readonly perHostDelayMs: number,
  ) {
    this.global = new Semaphore(globalLimit);
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { slots: new Semaphore(this.perHostLimit), nextStart: 0, pausedUntil: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Runs `fn` within the limits of `host` (a URL's host, port included). */
  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    await s.slots.acquire();
    try {
      const now = Date.now();
      const start = Math.max(now, s.nextStart, s.pausedUntil);
      if (this.perHostDelayMs > 0) s.nextStart = start + this.perHostDelayMs;
      if (start > now) await sleep(start - now);
      // A 429 seen while this request waited may have paused the host further.
      if (s.pausedUntil > Date.now()) await sleep(s.pausedUntil - Date.now());
      await this.global.acquire();
      try {
        return await fn();
      } finally {
        this.global.release();
      }
    } finally {
      s.slots.release();
    }
  }

  /** Holds every request to `host` for `ms` milliseconds (a 429 with Retry-After). */
  pause(host: string, ms: number): void {
    const s = this.state(host);
    s.pausedUntil = Math.max(s.pausedUntil, Date.now() + ms);
  }
}
