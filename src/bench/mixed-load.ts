import http from 'node:http';
import { request, summarize, type HttpResult, type Summary } from './stats.js';

/**
 * The load engine of the mixed benchmark (issue 8): `clients` closed-loop clients, each running
 * one task after another until the deadline (a task started before the deadline runs to its end),
 * over keep-alive connections. A task makes one or more requests and records each under its kind
 * with `ok` or an error reason, so that the report gives count, errors, p50/p99 and req/s per kind.
 */

export type Reply = HttpResult;

export interface RequestOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Per-request timeout: a request still unanswered after it counts as an error (`timeout`). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** One HTTP request on `agent`; network errors and timeouts reject. */
export function send(agent: http.Agent, port: number, opts: RequestOptions): Promise<Reply> {
  return request(agent, port, { ...opts, timeoutMs: REQUEST_TIMEOUT_MS });
}

/** What one kind of request gave: latencies of all answers, errors by reason. */
export interface KindRecord {
  latencies: number[];
  errors: number;
  /** Errors recorded without a latency (a task that broke before its request was answered). */
  unanswered: number;
  reasons: Map<string, number>;
  /** The first error of each reason: path and the start of the body, for the report. */
  samples: Map<string, string>;
}

const SLOWEST_KEPT = 5;
/** An answer slower than this is counted apart (when such answers started tells a stall). */
export const LONG_MS = 5000;

export class Recorder {
  readonly kinds = new Map<string, KindRecord>();
  /** The slowest answers (at most SLOWEST_KEPT), with when they ended (s since the start). */
  readonly slowest: Array<{ ms: number; kind: string; path: string; at: number }> = [];
  /** Start times (s since the start) of the answers that took over LONG_MS. */
  readonly longStarts: number[] = [];
  private readonly t0 = performance.now();

  private kind(name: string): KindRecord {
    let k = this.kinds.get(name);
    if (!k) {
      k = { latencies: [], errors: 0, unanswered: 0, reasons: new Map(), samples: new Map() };
      this.kinds.set(name, k);
    }
    return k;
  }

  /** Records an answer to `path` (`error` null when it is the expected one; `detail` its body). */
  answer(kind: string, ms: number, error: string | null, path: string, detail = ''): void {
    const k = this.kind(kind);
    k.latencies.push(ms);
    if (error) this.error(kind, error, `${path} ${detail}`);
    if (ms > LONG_MS) this.longStarts.push((performance.now() - ms - this.t0) / 1000);
    const last = this.slowest.at(-1);
    if (this.slowest.length < SLOWEST_KEPT || (last && ms > last.ms)) {
      const at = (performance.now() - this.t0) / 1000;
      this.slowest.push({ ms, kind, path, at });
      this.slowest.sort((a, b) => b.ms - a.ms);
      if (this.slowest.length > SLOWEST_KEPT) this.slowest.pop();
    }
  }

  /** Records an error without a latency (a task that broke before its request was answered). */
  fail(kind: string, reason: string, sample = ''): void {
    this.kind(kind).unanswered++;
    this.error(kind, reason, sample);
  }

  /** Marks a request already recorded as answered as an error (a wrong page behind a 200). */
  error(kind: string, reason: string, sample = ''): void {
    const k = this.kind(kind);
    k.errors++;
    k.reasons.set(reason, (k.reasons.get(reason) ?? 0) + 1);
    if (!k.samples.has(reason)) k.samples.set(reason, sample.slice(0, 300));
  }
}

/** The figures of one kind (or of the total) over a run of `seconds`. */
export interface KindFigures extends Summary {
  kind: string;
  count: number;
  errors: number;
  rps: number;
  reasons: Record<string, number>;
  samples: Record<string, string>;
}

export function figuresOf(rec: Recorder, seconds: number, order: readonly string[]): KindFigures[] {
  const names = [
    ...order.filter((k) => rec.kinds.has(k)),
    ...[...rec.kinds.keys()].filter((k) => !order.includes(k)),
  ];
  return names.map((kind) => {
    const k = rec.kinds.get(kind) as KindRecord;
    const count = k.latencies.length + k.unanswered;
    return {
      kind,
      ...summarize(k.latencies),
      count,
      errors: k.errors,
      rps: count / seconds,
      reasons: Object.fromEntries(k.reasons),
      samples: Object.fromEntries(k.samples),
    };
  });
}

/** All kinds together. */
export function totalOf(rec: Recorder, seconds: number): KindFigures {
  const all: number[] = [];
  const reasons: Record<string, number> = {};
  let errors = 0;
  let count = 0;
  for (const [kind, k] of rec.kinds) {
    for (const x of k.latencies) all.push(x);
    errors += k.errors;
    count += k.latencies.length + k.unanswered;
    for (const [r, n] of k.reasons) reasons[`${kind}: ${r}`] = n;
  }
  return {
    kind: 'total',
    ...summarize(all),
    count,
    errors,
    rps: count / seconds,
    reasons,
    samples: {},
  };
}

/** A task of one client: makes its requests through `agent` and records them in `rec`. */
export type Task = (agent: http.Agent, rec: Recorder) => Promise<void>;

/**
 * Runs `clients` closed loops for `seconds`: each client asks `next(client)` for a task and
 * awaits it, until the deadline. Returns the recorder and the wall time until the last task ended.
 */
export async function runClosedLoops(opts: {
  clients: number;
  seconds: number;
  next: (client: number) => Task;
}): Promise<{ rec: Recorder; seconds: number }> {
  const rec = new Recorder();
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients * 2 });
  const t0 = performance.now();
  const deadline = t0 + opts.seconds * 1000;
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, c) => {
      while (performance.now() < deadline) {
        try {
          await opts.next(c)(agent, rec);
        } catch (err) {
          // A task records its own errors; reaching here is a bug of the task itself.
          rec.fail('harness', String(err));
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { rec, seconds };
}

/**
 * One GET recorded under `kind`: an error unless it answers `expect`. Returns the reply, or null
 * when the request got no answer.
 */
export async function get(
  agent: http.Agent,
  port: number,
  rec: Recorder,
  kind: string,
  path: string,
  headers: Record<string, string> = {},
  expect = 200,
): Promise<Reply | null> {
  const t = performance.now();
  try {
    const r = await send(agent, port, { path, headers });
    rec.answer(kind, r.ms, r.status === expect ? null : `HTTP ${r.status}`, path, r.body);
    return r;
  } catch (err) {
    rec.answer(kind, performance.now() - t, networkReason(err), path);
    return null;
  }
}

/** A short name for a network error (ECONNRESET, timeout, …). */
export function networkReason(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return `network ${typeof code === 'string' ? code : err instanceof Error ? err.message : String(err)}`;
}
