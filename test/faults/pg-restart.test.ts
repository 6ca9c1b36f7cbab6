import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { createContext } from '../../src/platform/bootstrap.js';
import type { AppContext } from '../../src/platform/context.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createTestOrg } from '../factories.js';
import { createPgCluster, type PgCluster } from './pg-cluster.js';

/**
 * Issue 8 "PostgreSQL restarted under load": while clients keep requesting pages, the database
 * server is stopped and started again. Every answer is a 200 or a fast 503 with Retry-After
 * (never a 500, never a hang), a form posted during the outage is refused and not stored, and the
 * app serves again by itself once the server is back — no restart of the app.
 */
interface Sample {
  phase: string;
  status: number;
  retryAfter: string | null;
  ms: number;
}

describe('PostgreSQL restarted under load', () => {
  let pg: PgCluster;
  let ctx: AppContext;
  let app: FastifyInstance;
  let base = '';

  beforeAll(async () => {
    pg = await createPgCluster();
    ctx = await createContext(
      loadConfig({ DATABASE_URL: pg.url, LOG_LEVEL: 'silent', WORKER: 'off', PORT: '0' }),
    );
    await createTestOrg(ctx, { code: 'fault-org', name: '故障演练单位' });
    app = await buildApp(ctx);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await ctx?.database.close().catch(() => undefined);
    pg?.destroy();
  });

  it('answers 503 with Retry-After while the database is down, then recovers by itself', async () => {
    let phase = 'up';
    let running = true;
    const samples: Sample[] = [];
    const urls = ['/fault-org/apply', '/fault-org/track', '/healthz'];
    const client = async (i: number) => {
      let n = i;
      while (running) {
        const url = urls[n++ % urls.length] ?? '/healthz';
        const t0 = performance.now();
        const p = phase;
        try {
          const res = await fetch(base + url, { signal: AbortSignal.timeout(15_000) });
          await res.arrayBuffer();
          samples.push({
            // A request spanning a phase change belongs to neither phase.
            phase: p === phase ? p : 'between',
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            ms: performance.now() - t0,
          });
        } catch {
          samples.push({
            phase: p === phase ? p : 'between',
            status: 0,
            retryAfter: null,
            ms: performance.now() - t0,
          });
        }
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    // A form fetched while the database is up, posted while it is down.
    const form = await fetch(`${base}/fault-org/apply`);
    const html = await form.text();
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const field = (name: string) =>
      new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';

    await sleep(1500);
    phase = 'down';
    pg.stop();
    await sleep(2500);
    const body = new URLSearchParams({
      _csrf: field('_csrf'),
      submission_token: field('submission_token'),
      applicant_kind: 'person',
      name: '张三',
      id_type: 'resident_id',
      id_number: '11010519491231002X',
      phone: '13812345678',
      description: '某项目的环评批复',
      delivery: 'paper',
    });
    const post = await fetch(`${base}/fault-org/apply`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    await post.arrayBuffer();
    phase = 'restarting';
    pg.start();
    const restartedAt = performance.now();
    phase = 'back';
    let recoveredMs = -1;
    while (performance.now() - restartedAt < 20_000) {
      const res = await fetch(`${base}/fault-org/apply`);
      await res.arrayBuffer();
      if (res.status === 200) {
        recoveredMs = performance.now() - restartedAt;
        break;
      }
      await sleep(200);
    }
    await sleep(1000);
    running = false;
    await Promise.all(clients);

    const up = samples.filter((s) => s.phase === 'up');
    const down = samples.filter((s) => s.phase === 'down');
    const back = samples.filter((s) => s.phase === 'back');
    console.log(
      `pg restart: ${samples.length} requests (up ${up.length}, down ${down.length}, back ${back.length}); ` +
        `recovered ${Math.round(recoveredMs)} ms after start; slowest 503 ${Math.round(
          Math.max(0, ...down.filter((s) => s.status === 503).map((s) => s.ms)),
        )} ms`,
    );
    expect(up.length).toBeGreaterThan(0);
    expect([...new Set(up.map((s) => s.status))]).toEqual([200]);
    // Down: only 503s with Retry-After (a cached page may still be served as 200), no 500s.
    expect(down.length).toBeGreaterThan(0);
    expect(down.filter((s) => s.status === 503).length).toBeGreaterThan(0);
    for (const s of down) {
      expect([200, 503]).toContain(s.status);
      if (s.status === 503) expect(Number(s.retryAfter)).toBeGreaterThan(0);
    }
    // Fail fast: no request waited for a timeout of the client.
    expect(samples.every((s) => s.status !== 0)).toBe(true);
    expect(samples.some((s) => s.status === 500)).toBe(false);
    // The post during the outage was refused, and nothing was stored.
    expect(post.status).toBe(503);
    expect(post.headers.get('retry-after')).not.toBeNull();
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    const stored = await ctx.db
      .selectFrom('applications')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(0);
    // Back: the app serves again without being restarted.
    expect(back.filter((s) => s.status === 200).length).toBeGreaterThan(0);
  }, 90_000);
});
