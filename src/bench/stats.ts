import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Shared helpers of the bench scripts: percentiles, a closed-loop HTTP load, machine, report. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  return {
    n: s.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
  };
}

export const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

export interface HttpResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  ms: number;
}

/**
 * One HTTP request on `agent`; resolves with status, body, headers and the time taken. With
 * `timeoutMs`, a request still unanswered after it rejects with `timeout`.
 */
export function request(
  agent: http.Agent,
  port: number,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs?: number;
  },
): Promise<HttpResult> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
        ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
            ms: performance.now() - t,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/**
 * `total` GETs of the paths (taken in turn) by `concurrency` connections, each sending its next
 * request when the previous one is answered. Latencies in ms; any status other than 200 counts
 * as an error.
 */
export async function closedLoop(
  port: number,
  paths: readonly string[],
  opts: { total: number; concurrency: number; headers?: Record<string, string> },
): Promise<Summary & { errors: number; rps: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const lat: number[] = [];
  let next = 0;
  let errors = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < opts.total) {
        const i = next++;
        try {
          const r = await request(agent, port, {
            path: paths[i % paths.length] as string,
            headers: opts.headers,
          });
          if (r.status !== 200) errors++;
          lat.push(r.ms);
        } catch {
          errors++;
        }
      }
    }),
  );
  const secs = (performance.now() - t) / 1000;
  agent.destroy();
  return { ...summarize(lat), errors, rps: opts.total / secs };
}

/** Times `fn` `n` times in sequence (after `warm` untimed runs). */
export async function timeSeq(fn: () => Promise<unknown>, n: number, warm = 2): Promise<Summary> {
  for (let i = 0; i < warm; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return summarize(xs);
}

export function machine(versions: { sqlite?: string; postgres?: string }): string {
  const cpu = os.cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, SQLite ${versions.sqlite ?? '?'}, PostgreSQL ${versions.postgres ?? '?'}; load average ${load} (1/5/15 min) at the end of the run`;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Replaces the section between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` of BENCHMARKS.md
 * (inserting it before "## Not yet measured", or at the end, the first time); other sections stay.
 */
export function writeSection(name: string, markdown: string): void {
  const file = path.join(root, 'BENCHMARKS.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const block = `${open}\n${markdown.trim()}\n${close}`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  let out: string;
  if (a >= 0 && b > a) out = text.slice(0, a) + block + text.slice(b + close.length);
  else {
    const anchor = text.indexOf('## Not yet measured');
    out =
      anchor >= 0
        ? `${text.slice(0, anchor)}${block}\n\n${text.slice(anchor)}`
        : `${text.trimEnd()}\n\n${block}\n`;
  }
  fs.writeFileSync(file, out);
}

/** `git rev-parse --short HEAD`, or "unknown". */
export function revision(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
  } catch {
    return 'unknown';
  }
}
