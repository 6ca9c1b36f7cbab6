import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listColumns } from '../../src/catalogue/columns.service.js';
import { createItem } from '../../src/catalogue/items.service.js';
import { actor, form, user } from '../../src/catalogue/catalogue.test-support.js';
import { reviewItem, submitItem } from '../../src/catalogue/workflow.service.js';
import { loadConfig } from '../../src/platform/config.js';
import { createContext } from '../../src/platform/bootstrap.js';
import type { AppContext } from '../../src/platform/context.js';
import { createTestOrg, createTestUser, type TestUser } from '../factories.js';
import { freePort } from '../faults/pg-cluster.js';
import {
  appEnv,
  Browser,
  csrfOf,
  DATA_KEY,
  kill,
  SESSION_SECRET,
  signInOver,
  spawnCli,
  waitHealthy,
} from './procs.js';

/**
 * Issue 8 "Several instances on PostgreSQL": two web processes (WORKER=off) and two
 * `gongkai worker` processes on one PostgreSQL database, with nginx round-robin in front.
 * Checks, through nginx and through each instance directly: a session made on one instance works
 * on the other; a scheduled slot and a batch of queued jobs each run once although two workers
 * race for them; an item published on instance A is on instance B's portal within 1 s.
 */

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `gk_topo_${process.pid}_${Date.now().toString(36)}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const NGINX = '/usr/sbin/nginx';
const ORG = 'topo-org';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-topo-'));
const children: ChildProcess[] = [];
let ctx: AppContext | undefined;
let webA = '';
let webB = '';
let lb = '';
let staff: TestUser;
let itemId = 0;
const title = `拓扑测试公开事项${process.pid}`;

function db(): AppContext['db'] {
  if (!ctx) throw new Error('no database context');
  return ctx.db;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(ADMIN_URL);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function nginxConfig(port: number, upstreams: number[]): string {
  const asRoot = process.getuid?.() === 0;
  return `${asRoot ? 'user root root;\n' : ''}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream gongkai {
${upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 60m;
    location / {
      proxy_pass http://gongkai;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/**
 * Signs `staff` in over HTTP. A TOTP code is single-use (auth.service), and the tests sign the
 * same user in several times within one 30-second step: forget the step an earlier sign-in used.
 */
async function signIn(base: string, browser?: Browser): Promise<Browser> {
  await db()
    .updateTable('users')
    .set({ totp_last_step: null })
    .where('id', '=', staff.id)
    .execute();
  return signInOver(base, staff, browser);
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('two web instances and two workers on one PostgreSQL, behind nginx', () => {
  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
    ctx = await createContext(
      loadConfig({
        DATABASE_URL: dbUrl,
        LOG_LEVEL: 'silent',
        WORKER: 'off',
        SESSION_SECRET,
        DATA_KEY,
      }),
    );
    const org = await createTestOrg(ctx, { code: ORG, name: '拓扑演练单位', kind: 'zone' });
    staff = await createTestUser(ctx, {
      grants: [
        { orgId: org.id, role: 'reviewer' },
        { orgId: org.id, role: 'org_admin' },
      ],
    });
    // An approved item, waiting for publication (made through the services on the same DB).
    const editor = actor(await user(ctx, 'topo-ed'), org.id, 'editor');
    const reviewer = actor(await user(ctx, 'topo-rv'), org.id, 'reviewer');
    const cols = await listColumns(ctx, editor, org.id);
    const policy = cols.find((c) => c.code === 'policy')?.id ?? 0;
    const { item } = await createItem(ctx, editor, org.id, form(policy, { title }));
    await submitItem(ctx, editor, org.id, item.id);
    await reviewItem(ctx, reviewer, org.id, item.id, { decision: 'approve', comment: null });
    itemId = item.id;

    const [pA, pB, pLb] = [await freePort(), await freePort(), await freePort()];
    webA = `http://127.0.0.1:${pA}`;
    webB = `http://127.0.0.1:${pB}`;
    lb = `http://127.0.0.1:${pLb}`;
    const a = spawnCli(['serve'], appEnv(dbUrl, { PORT: String(pA) }));
    const b = spawnCli(['serve'], appEnv(dbUrl, { PORT: String(pB) }));
    const w1 = spawnCli(['worker'], appEnv(dbUrl));
    const w2 = spawnCli(['worker'], appEnv(dbUrl));
    children.push(a, b, w1, w2);
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(pLb, [pA, pB]));
    const nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(nginx);
    await Promise.all([waitHealthy(webA, a), waitHealthy(webB, b)]);
    await waitHealthy(lb, nginx, 10_000);
  }, 100_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => kill(c, 'SIGTERM')));
    await ctx?.database.close().catch(() => undefined);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(
      () => undefined,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('nginx spreads requests over both web instances', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${lb}/healthz`);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      seen.add(res.headers.get('x-upstream') ?? '');
    }
    expect([...seen].sort()).toEqual([webA, webB].map((u) => u.slice('http://'.length)).sort());
  });

  it('a session made on one instance works on the other and through nginx', async () => {
    const viaA = await signIn(webA);
    for (const base of [webA, webB, lb, lb]) {
      const page = await viaA.get(`${base}/admin`);
      expect(page.status, base).toBe(200);
      expect(page.body).toContain(staff.username);
    }
    // A sign-in through nginx spans both instances (round-robin): login page, password, 2FA.
    const viaLb = await signIn(lb, new Browser('203.0.113.8'));
    for (const base of [webA, webB, lb])
      expect((await viaLb.get(`${base}/admin`)).status).toBe(200);
    // A signed-out visitor is sent to the login page by either instance.
    const anon = new Browser('203.0.113.9');
    for (const base of [webA, webB]) expect((await anon.get(`${base}/admin`)).status).toBe(303);
  }, 30_000);

  it('runs a scheduled slot once and each queued job once although two workers race', async () => {
    const jobsDb = db();
    // Both workers enqueue the current slots at start (housekeeping); the unique key per slot
    // lets one insert win.
    await waitFor('the sessions.purge slot to run', async () => {
      const rows = await jobsDb
        .selectFrom('jobs')
        .select('status')
        .where('name', '=', 'sessions.purge')
        .execute();
      return rows.length > 0 && rows.every((r) => r.status === 'done');
    });
    const slot = await jobsDb
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', 'sessions.purge')
      .execute();
    expect(slot).toHaveLength(1);
    expect(slot[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(slot[0]?.unique_key).toMatch(/^sessions\.purge:/);

    // A batch of real jobs queued at once: both workers claim from it, none twice.
    const now = new Date().toISOString();
    const batch = Array.from({ length: 200 }, () => ({
      name: 'sessions.purge',
      payload: 'null',
      run_at: now,
      status: 'queued',
      attempts: 0,
      max_attempts: 3,
      unique_key: null,
      created_at: now,
    }));
    const ids = (await jobsDb.insertInto('jobs').values(batch).returning('id').execute()).map(
      (r) => r.id,
    );
    await waitFor('the batch to run', async () => {
      const rows = await jobsDb
        .selectFrom('jobs')
        .select('status')
        .where('id', 'in', ids)
        .execute();
      return rows.every((r) => r.status === 'done');
    });
    const ran = await jobsDb
      .selectFrom('jobs')
      .select(['attempts', 'locked_by'])
      .where('id', 'in', ids)
      .execute();
    expect(ran.every((r) => r.attempts === 1)).toBe(true);
    const byWorker = new Map<string, number>();
    for (const r of ran)
      byWorker.set(r.locked_by ?? '', (byWorker.get(r.locked_by ?? '') ?? 0) + 1);
    console.log(`jobs batch: ${JSON.stringify(Object.fromEntries(byWorker))}`);
    for (const w of byWorker.keys()) expect(w).toMatch(/^worker-/);
  }, 45_000);

  it('an item published on instance A is on instance B within 1 s', async () => {
    const b = await signIn(webA, new Browser('203.0.113.10'));
    const itemPath = `/${ORG}/items/${itemId}`;
    // Warm B's and nginx's view of the portal first, so a stale per-process cache would show.
    expect((await fetch(webB + itemPath)).status).toBe(404);
    const colB = await (await fetch(`${webB}/${ORG}/columns/policy`)).text();
    expect(colB).not.toContain(title);
    await (await fetch(`${lb}/${ORG}/columns/policy`)).text();
    await (await fetch(`${lb}/${ORG}/columns/policy`)).text();

    const page = await b.get(`${webA}/admin/orgs/${ORG}/items/${itemId}/publish`);
    expect(page.status).toBe(200);
    const res = await b.post(`${webA}/admin/orgs/${ORG}/items/${itemId}/publish`, {
      _csrf: csrfOf(page.body),
      mode: 'now',
      scheduled_at: '',
    });
    expect(res.status).toBe(303);
    const t0 = performance.now();
    const latency: Record<string, number> = {};
    const visible = async (url: string) => {
      const r = await fetch(url);
      return r.status === 200 && (await r.text()).includes(title);
    };
    const targets: Record<string, string> = {
      'B item page': webB + itemPath,
      'B column page': `${webB}/${ORG}/columns/policy`,
      'nginx column page #1': `${lb}/${ORG}/columns/policy`,
      'nginx column page #2': `${lb}/${ORG}/columns/policy`,
    };
    for (const [name, url] of Object.entries(targets)) {
      while (performance.now() - t0 < 5000 && !(await visible(url)))
        await new Promise((r) => setTimeout(r, 20));
      latency[name] = Math.round(performance.now() - t0);
    }
    console.log(`publication visible after (ms): ${JSON.stringify(latency)}`);
    for (const [name, ms] of Object.entries(latency)) expect(ms, name).toBeLessThanOrEqual(1000);
    const row = await db()
      .selectFrom('items')
      .select('status')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
  }, 30_000);
});
