import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import {
  describeEachDb,
  openTestDatabase,
  testContext,
  testDialects,
} from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { actor, form, user } from '../catalogue/catalogue.test-support.js';
import { listColumns } from '../catalogue/columns.service.js';
import { createItem, updateItem } from '../catalogue/items.service.js';
import {
  publishItem,
  reviewItem,
  submitItem,
  withdrawItem,
} from '../catalogue/workflow.service.js';
import { configurePortalCache, etagMatches } from './page-cache.js';

/** An org with an editor and a reviewer, and a helper publishing an item through the workflow. */
async function newsroom(ctx: AppContext, code: string) {
  const orgId = (await createTestOrg(ctx, { code, kind: 'zone' })).id;
  const editor: Actor = actor(await user(ctx, `${code}-ed`), orgId, 'editor');
  const reviewer: Actor = actor(await user(ctx, `${code}-rv`), orgId, 'reviewer');
  const columnId = (await listColumns(ctx, editor, orgId)).find((c) => c.code === 'policy')?.id;
  if (!columnId) throw new Error('no policy column');
  return {
    orgId,
    editor,
    columnId,
    /** Drafts, submits, approves and publishes an item as staff do; returns its id. */
    async publish(on: AppContext, title: string): Promise<number> {
      const { item } = await createItem(on, editor, orgId, form(columnId, { title }));
      await submitItem(on, editor, orgId, item.id);
      await reviewItem(on, reviewer, orgId, item.id, { decision: 'approve', comment: null });
      await publishItem(on, reviewer, orgId, item.id, { mode: 'now', scheduled_at: null });
      return item.id;
    },
    withdraw: (on: AppContext, id: number) => withdrawItem(on, reviewer, orgId, id, '内容已过时'),
  };
}

/**
 * Two web processes on one database: each context has its own connection(s) and its own page
 * cache; a publication made through B must reach A's cached pages through the database alone.
 */
async function twoProcesses(dialect: 'sqlite' | 'postgres') {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-portal-cache-'));
    const url = `sqlite:${path.join(dir, 'shared.sqlite')}`;
    const a = openDatabase(url);
    await migrateToLatest(a.db);
    const b = openDatabase(url);
    return {
      a: await testContext(a),
      b: await testContext(b),
      async drop() {
        await a.close();
        await b.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const t = await openTestDatabase('postgres');
  const b = openDatabase(t.url, { schema: t.schema ?? undefined, poolSize: 2 });
  return {
    a: await testContext(t.database),
    b: await testContext(b),
    async drop() {
      await b.close();
      await t.drop();
    },
  };
}

for (const dialect of testDialects()) {
  describe(`portal page cache across processes [${dialect}]`, () => {
    let procs: Awaited<ReturnType<typeof twoProcesses>>;
    let appA: FastifyInstance;
    let room: Awaited<ReturnType<typeof newsroom>>;
    let clock = 0;
    const get = (url: string) => appA.inject({ method: 'GET', url });

    beforeAll(async () => {
      procs = await twoProcesses(dialect);
      room = await newsroom(procs.b, 'pc-org');
      await room.publish(procs.b, '第一条已发布信息');
      configurePortalCache(procs.a, { clock: () => clock, checkIntervalMs: 250 });
      appA = await buildApp(procs.a);
    });
    afterAll(async () => {
      await appA?.close();
      await procs?.drop();
    });

    it('serves a page from the cache on the second request', async () => {
      const first = await get('/pc-org/');
      expect(first.statusCode).toBe(200);
      expect(first.headers['x-portal-cache']).toBe('miss');
      expect(first.body).toContain('第一条已发布信息');
      const second = await get('/pc-org/');
      expect(second.headers['x-portal-cache']).toBe('hit');
      expect(second.body).toBe(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
    });

    it('shows an item published by another process once the version is checked again', async () => {
      const id = await room.publish(procs.b, '另一进程发布的新信息');
      // Within the check interval the cached page may still be served…
      const early = await get('/pc-org/');
      expect(early.headers['x-portal-cache']).toBe('hit');
      // …and after it, the version row has moved and the page is rendered again.
      clock += 251;
      const later = await get('/pc-org/');
      expect(later.headers['x-portal-cache']).toBe('miss');
      expect(later.body).toContain('另一进程发布的新信息');
      expect(later.headers.etag).not.toBe(early.headers.etag);
      const item = await get(`/pc-org/items/${id}`);
      expect(item.statusCode).toBe(200);
      expect(item.body).toContain('另一进程发布的新信息');
    });

    it('turns a cached item page into the withdrawal notice after a withdrawal elsewhere', async () => {
      const id = await room.publish(procs.b, '即将撤回的信息');
      clock += 251;
      expect((await get(`/pc-org/items/${id}`)).statusCode).toBe(200);
      expect((await get(`/pc-org/items/${id}`)).headers['x-portal-cache']).toBe('hit');
      await room.withdraw(procs.b, id);
      clock += 251;
      const res = await get(`/pc-org/items/${id}`);
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('内容已过时');
      const column = await get('/pc-org/columns/policy');
      expect(column.body).not.toContain('即将撤回的信息');
    });

    it('shows an edit of a published item made elsewhere, with its change note', async () => {
      const id = await room.publish(procs.b, '将被修改的信息');
      clock += 251;
      expect((await get(`/pc-org/items/${id}`)).body).toContain('将被修改的信息');
      await updateItem(
        procs.b,
        room.editor,
        room.orgId,
        id,
        form(room.columnId, { title: '修改后的信息标题', change_note: '更正标题' }),
        null,
      );
      clock += 251;
      const res = await get(`/pc-org/items/${id}`);
      expect(res.body).toContain('修改后的信息标题');
      expect(res.body).toContain('更正标题');
    });

    it('sees changes to an org made by another process (org name on every page)', async () => {
      await procs.b.db
        .updateTable('orgs')
        .set({ name: '改名后的测试单位' })
        .where('code', '=', 'pc-org')
        .execute();
      clock += 251;
      expect((await get('/pc-org/')).body).toContain('改名后的测试单位');
    });

    it('renders pages again on a new day in China (the 公开指南 shows today in its example)', async () => {
      expect((await get('/pc-org/')).headers['x-portal-cache']).toBe('hit');
      const realNow = procs.a.now;
      procs.a.now = () => new Date(realNow().getTime() + 86_400_000);
      try {
        clock += 251;
        expect((await get('/pc-org/')).headers['x-portal-cache']).toBe('miss');
      } finally {
        procs.a.now = realNow;
      }
    });
  });
}

describeEachDb('portal HTTP caching', (get) => {
  let app: FastifyInstance;
  let itemId: number;
  let withdrawnId: number;
  beforeAll(async () => {
    const ctx = get();
    const room = await newsroom(ctx, 'hc-org');
    itemId = await room.publish(ctx, '缓存测试信息');
    withdrawnId = await room.publish(ctx, '已撤回的缓存测试信息');
    await room.withdraw(ctx, withdrawnId);
    // Every request reads the version row: the tests below change it by hand.
    configurePortalCache(ctx, { checkIntervalMs: 0 });
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  it('sends ETag, Last-Modified, Vary: Cookie and revalidation on portal pages', async () => {
    const res = await app.inject({ method: 'GET', url: `/hc-org/items/${itemId}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(Date.parse(String(res.headers['last-modified']))).not.toBeNaN();
    expect(res.headers['cache-control']).toBe('public, no-cache');
    expect(res.headers.vary).toBe('Cookie');
  });

  it('answers a matching If-None-Match with 304 and no body, from the cache or not', async () => {
    const url = '/hc-org/columns/policy';
    const first = await app.inject({ method: 'GET', url });
    const etag = String(first.headers.etag);
    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const list = await app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(list.statusCode).toBe(304);
    const stale = await app.inject({ method: 'GET', url, headers: { 'if-none-match': '"old"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
  });

  it('keeps 长辈版 and the standard page apart, in the cache and in ETags', async () => {
    const url = `/hc-org/items/${itemId}`;
    const std = await app.inject({ method: 'GET', url });
    const elder = await app.inject({ method: 'GET', url, cookies: { gk_mode: 'elder' } });
    const elder2 = await app.inject({ method: 'GET', url, cookies: { gk_mode: 'elder' } });
    const std2 = await app.inject({ method: 'GET', url });
    expect(elder.body).toContain('<body class="elder"');
    expect(elder2.body).toContain('<body class="elder"');
    expect(elder2.headers['x-portal-cache']).toBe('hit');
    expect(std2.body).not.toContain('<body class="elder"');
    expect(std2.headers['x-portal-cache']).toBe('hit');
    expect(elder.headers.etag).not.toBe(std.headers.etag);
    const cross = await app.inject({
      method: 'GET',
      url,
      cookies: { gk_mode: 'elder' },
      headers: { 'if-none-match': String(std.headers.etag) },
    });
    expect(cross.statusCode).toBe(200);
    expect(cross.body).toContain('<body class="elder"');
  });

  it('answers If-Modified-Since from the version time, never when two versions share a second', async () => {
    const db = get().db;
    await sql`update portal_state set version = version + 1,
      changed_at = '2026-01-01T00:00:05.500Z', prev_changed_at = '2026-01-01T00:00:01.000Z'`.execute(
      db,
    );
    const url = '/hc-org/';
    const res = await app.inject({ method: 'GET', url });
    expect(res.headers['last-modified']).toBe('Thu, 01 Jan 2026 00:00:05 GMT');
    const ims = (v: string) =>
      app.inject({ method: 'GET', url, headers: { 'if-modified-since': v } });
    expect((await ims('Thu, 01 Jan 2026 00:00:05 GMT')).statusCode).toBe(304);
    expect((await ims('Thu, 01 Jan 2026 00:00:04 GMT')).statusCode).toBe(200);
    expect((await ims('not a date')).statusCode).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    const both = await app.inject({
      method: 'GET',
      url,
      headers: { 'if-modified-since': 'Thu, 01 Jan 2026 00:00:05 GMT', 'if-none-match': '"x"' },
    });
    expect(both.statusCode).toBe(200);
    await sql`update portal_state set version = version + 1,
      changed_at = '2026-01-01T00:00:05.900Z', prev_changed_at = '2026-01-01T00:00:05.500Z'`.execute(
      db,
    );
    expect((await ims('Thu, 01 Jan 2026 00:00:05 GMT')).statusCode).toBe(200);
  });

  it('caches the withdrawal notice (410) but never an error page', async () => {
    const gone = await app.inject({ method: 'GET', url: `/hc-org/items/${withdrawnId}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.headers.etag).toBeDefined();
    const gone2 = await app.inject({
      method: 'GET',
      url: `/hc-org/items/${withdrawnId}`,
      headers: { 'if-none-match': String(gone.headers.etag) },
    });
    expect(gone2.statusCode).toBe(410);
    expect(gone2.headers['x-portal-cache']).toBe('hit');
    for (let i = 0; i < 2; i++) {
      const missing = await app.inject({ method: 'GET', url: '/hc-org/items/999999' });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('ERR_ITEM_NOT_FOUND');
      expect(missing.headers.etag).toBeUndefined();
      expect(missing.headers['x-portal-cache']).toBeUndefined();
      expect(missing.headers['cache-control']).toBe('no-cache');
    }
  });

  it('keys pages by their query string', async () => {
    const p1 = await app.inject({ method: 'GET', url: '/hc-org/columns/policy?page=1' });
    const p2 = await app.inject({ method: 'GET', url: '/hc-org/columns/policy?page=2' });
    expect(p1.body).toContain('缓存测试信息');
    expect(p2.body).not.toContain('缓存测试信息');
  });
});

describe('etagMatches', () => {
  it.each([
    [undefined, false],
    ['"a"', true],
    ['W/"a"', true],
    ['"b", "a"', true],
    ['*', true],
    ['"b"', false],
    ['a', false],
  ])('If-None-Match %s against "a" → %s', (header, expected) => {
    expect(etagMatches(header, '"a"')).toBe(expected);
  });
});
