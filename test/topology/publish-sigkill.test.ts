import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { listColumns } from '../../src/catalogue/columns.service.js';
import { createItem } from '../../src/catalogue/items.service.js';
import { actor, form, user } from '../../src/catalogue/catalogue.test-support.js';
import { reviewItem, submitItem } from '../../src/catalogue/workflow.service.js';
import { verifyAuditLog } from '../../src/platform/audit/audit.service.js';
import { createContext } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { createTestOrg, createTestUser } from '../factories.js';
import { freePort } from '../faults/pg-cluster.js';
import {
  appEnv,
  csrfOf,
  DATA_KEY,
  kill,
  SESSION_SECRET,
  signInOver,
  spawnCli,
  waitHealthy,
} from './procs.js';

/**
 * Issue 8 "SIGKILL during writes", publications: a burst of 发布 requests through the real
 * server (`gongkai serve` as a child process), killed with SIGKILL mid-burst. After a restart,
 * every publication that was acknowledged (303 to `?done=published`) is published exactly once:
 * one `item.publish` audit entry, one index number, no new item version; an item is published
 * if and only if its audit entry exists, and the audit chain verifies. On SQLite, and on
 * PostgreSQL (a private database on the TEST_DATABASE_URL server) when that is set.
 */

const ORG = 'kill-org';
const N = 30;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-pubkill-'));
const pgBase = process.env.TEST_DATABASE_URL;
const pgName = `gk_pubkill_${process.pid}_${Date.now().toString(36)}`;
let server: ChildProcess | null = null;

async function pgAdmin(sql: string): Promise<void> {
  const u = new URL(pgBase ?? '');
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const targets: Array<[string, () => Promise<string>]> = [
  ['SQLite', async () => `sqlite:${path.join(dir, 'gongkai.db')}`],
];
if (pgBase) {
  targets.push([
    'PostgreSQL',
    async () => {
      await pgAdmin(`CREATE DATABASE ${pgName}`);
      const u = new URL(pgBase);
      u.pathname = `/${pgName}`;
      return u.toString();
    },
  ]);
}

function open(url: string): Promise<AppContext> {
  return createContext(
    loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', WORKER: 'off', SESSION_SECRET, DATA_KEY }),
  );
}

describe.each(targets)('publications survive SIGKILL of the server (%s)', (_name, makeUrl) => {
  afterAll(async () => {
    await kill(server);
    server = null;
  });

  it('publishes every acknowledged publication exactly once, consistently', async () => {
    const url = await makeUrl();
    let ctx = await open(url);
    const org = await createTestOrg(ctx, { code: ORG, name: '断电演练单位', kind: 'zone' });
    const staff = await createTestUser(ctx, {
      grants: [
        { orgId: org.id, role: 'reviewer' },
        { orgId: org.id, role: 'org_admin' },
      ],
    });
    const editor = actor(await user(ctx, 'kill-ed'), org.id, 'editor');
    const reviewer = actor(await user(ctx, 'kill-rv'), org.id, 'reviewer');
    const policy = (await listColumns(ctx, editor, org.id)).find((c) => c.code === 'policy')?.id;
    const ids: number[] = [];
    for (let i = 0; i < N; i++) {
      const { item } = await createItem(
        ctx,
        editor,
        org.id,
        form(policy ?? 0, {
          title: `断电测试文件第${i + 1}号`,
          doc_number: `断电〔2026〕${i + 1}号`,
        }),
      );
      await submitItem(ctx, editor, org.id, item.id);
      await reviewItem(ctx, reviewer, org.id, item.id, { decision: 'approve', comment: null });
      ids.push(item.id);
    }
    const versionsBefore = await ctx.db
      .selectFrom('item_versions')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await ctx.database.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = appEnv(url, { PORT: String(port) });
    server = spawnCli(['serve'], env);
    await waitHealthy(base, server);
    const browser = await signInOver(base, staff);
    const page = await browser.get(`${base}/admin/orgs/${ORG}/items/${ids[0]}/publish`);
    const csrf = csrfOf(page.body);

    const acknowledged = new Set<number>();
    const publish = async (id: number) => {
      try {
        const res = await browser.post(`${base}/admin/orgs/${ORG}/items/${id}/publish`, {
          _csrf: csrf,
          mode: 'now',
          scheduled_at: '',
        });
        if (res.status === 303 && res.location?.endsWith('?done=published')) acknowledged.add(id);
      } catch {
        // connection reset by the kill: not acknowledged
      }
    };
    // Two posts per item (a double click): the second must not publish again.
    const burst = ids.flatMap((id, i) =>
      i % 5 === 0 ? [publish(id), publish(id)] : [publish(id)],
    );
    const t0 = Date.now();
    while (acknowledged.size < 8 && Date.now() - t0 < 5000)
      await new Promise((r) => setTimeout(r, 5));
    await kill(server, 'SIGKILL');
    await Promise.all(burst);

    // Restart on the same database, let it come up, stop it cleanly.
    server = spawnCli(['serve'], env);
    await waitHealthy(base, server);
    await kill(server, 'SIGTERM');
    server = null;

    ctx = await open(url);
    try {
      const items = await ctx.db
        .selectFrom('items')
        .select(['id', 'status', 'index_no'])
        .where('id', 'in', ids)
        .execute();
      const audits = await ctx.db
        .selectFrom('audit_log')
        .select('target_id')
        .where('action', '=', 'item.publish')
        .execute();
      const auditCount = (id: number) => audits.filter((a) => a.target_id === String(id)).length;
      const published = items.filter((i) => i.status === 'published');
      console.log(
        `${_name}: ${acknowledged.size} acknowledged, ${published.length} published, ` +
          `${N - published.length} still approved after SIGKILL`,
      );
      expect(acknowledged.size).toBeGreaterThan(0);
      expect(acknowledged.size).toBeLessThan(N); // the kill landed mid-burst
      for (const id of acknowledged) {
        expect(items.find((i) => i.id === id)?.status, `item ${id}`).toBe('published');
      }
      for (const i of items) {
        // Published if and only if its one audit entry exists; otherwise untouched.
        expect(auditCount(i.id), `audit entries of item ${i.id}`).toBe(
          i.status === 'published' ? 1 : 0,
        );
        if (i.status === 'published') expect(i.index_no).not.toBeNull();
        else expect(i.status).toBe('in_review');
      }
      const indexNos = published.map((i) => i.index_no);
      expect(new Set(indexNos).size).toBe(indexNos.length);
      const versionsAfter = await ctx.db
        .selectFrom('item_versions')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(versionsAfter.n)).toBe(Number(versionsBefore.n));
      const chain = await verifyAuditLog(ctx);
      expect(chain.problem).toBeNull();
    } finally {
      await ctx.database.close();
      if (url.startsWith('postgres'))
        await pgAdmin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    }
  }, 90_000);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
