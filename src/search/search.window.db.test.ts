import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { reindex } from './search.indexer.js';
import { SEARCH_WINDOW } from './search.model.js';
import { toApiResult } from './search.presenter.js';
import { search } from './search.service.js';
import { insertItem, SEARCH_DEFAULTS } from './search.test-support.js';

/**
 * A query matching more than SEARCH_WINDOW items (a two-character word of most titles) ranks and
 * counts the newest SEARCH_WINDOW of them and says there are more; anything matching fewer is
 * ranked and counted in full; a rare word, a filter and an exact 文号 still find old items.
 */

const base = SEARCH_DEFAULTS;

const MANY = SEARCH_WINDOW + 300;
const SMALL = 5;

describeEachDb('search over more matches than its window', (get, dialect) => {
  let ctx: AppContext;
  const ids: number[] = [];

  beforeAll(async () => {
    ctx = get();
    const org = await createTestOrg(ctx, { code: 'win', name: '窗口测试局' });
    await ctx.db.transaction().execute(async (trx) => {
      // The oldest: a rare word and a 文号; then MANY notices, a few of them of 2024.
      ids.push(
        await insertItem(trx, org.id, {
          ref: 'old-rare',
          org: 'win',
          title: '关于青瓷非遗传承的通知',
          doc_number: '温窗〔2019〕7号',
          published_on: '2019-05-01',
        }),
      );
      // On PostgreSQL the window is looked for in the newest id buckets of 4,096 items first:
      // put the notices well above the oldest item, so that the buckets are really used.
      if (dialect === 'postgres')
        await sql`SELECT setval(pg_get_serial_sequence('items', 'id'), 60000)`.execute(trx);
      for (let i = 0; i < MANY; i++)
        ids.push(
          await insertItem(trx, org.id, {
            ref: `n${i}`,
            org: 'win',
            title: `关于道路养护第${i}号工作的通知`,
            published_on: i % 100 === 0 ? '2024-03-01' : '2025-06-01',
            // Each cites the oldest item's 文号, so searching for it matches them all.
            body: '根据温窗〔2019〕7号文件，请各单位认真贯彻执行。',
          }),
        );
    });
    // A small org beside it: a filter to it passes fewer items than the window.
    const small = await createTestOrg(ctx, { code: 'win-small', name: '窗口小单位' });
    for (let i = 0; i < SMALL; i++)
      ids.push(
        await insertItem(ctx.db, small.id, {
          ref: `s${i}`,
          org: 'win-small',
          title: `关于小单位第${i}次会议的通知`,
          published_on: '2023-01-01',
        }),
      );
    await reindex(ctx, null);
  });

  it('searches a small org in full, whatever the rest of the platform matches', async () => {
    const r = await search(ctx, { ...base, q: '通知', org: 'win-small' });
    expect(r.window).toBeNull();
    expect(r.total).toBe(SMALL);
    expect(new Set(r.hits.map((h) => h.ref))).toEqual(
      new Set(Array.from({ length: SMALL }, (_, i) => `s${i}`)),
    );
    // Its year without matches: an empty answer, not an error.
    const none = await search(ctx, { ...base, q: '通知', org: 'win-small', year: '2024' });
    expect({ total: none.total, window: none.window }).toEqual({ total: 0, window: null });
  });

  it('ranks the newest SEARCH_WINDOW matches of a common word and says there are more', async () => {
    const r = await search(ctx, { ...base, q: '通知' });
    expect(r.window).toBe(SEARCH_WINDOW);
    expect(r.total).toBe(SEARCH_WINDOW);
    expect(r.hits).toHaveLength(20);
    const newest = new Set(
      [...ids]
        .sort((a, b) => b - a)
        .slice(0, SEARCH_WINDOW)
        .map((id) => id),
    );
    const byRef = new Map(
      (await ctx.db.selectFrom('items').select(['id', 'ref']).execute()).map((x) => [x.ref, x.id]),
    );
    for (const h of r.hits) expect(newest.has(byRef.get(h.ref) ?? -1)).toBe(true);
    // The facets count the same window.
    expect(r.facets.year.reduce((n, y) => n + y.count, 0)).toBe(SEARCH_WINDOW);
    expect(toApiResult({ ...base, q: '通知' }, r)).toMatchObject({
      total: SEARCH_WINDOW,
      total_is_lower_bound: true,
    });
    // The last reachable page is still full.
    const last = await search(ctx, { ...base, q: '通知', page: 50 });
    expect(last.hits).toHaveLength(20);
  });

  it('ranks the newest window of a many-word query too (tried forwards first on SQLite)', async () => {
    // Six words, all in every notice: more matches than the window.
    const r = await search(ctx, { ...base, q: '关于道路养护工作的通知' });
    expect(r.window).toBe(SEARCH_WINDOW);
    expect(r.total).toBe(SEARCH_WINDOW);
    const newestRefs = new Set(Array.from({ length: SEARCH_WINDOW }, (_, k) => `n${MANY - 1 - k}`));
    for (const h of r.hits) expect(newestRefs.has(h.ref)).toBe(true);
    // With a seventh word only a few match: counted in full.
    const few = await search(ctx, { ...base, q: '关于道路养护第12号工作的通知' });
    expect(few.window).toBeNull();
    expect(few.hits[0]?.ref).toBe('n12');
  });

  it('counts in full a query that matches fewer than the window', async () => {
    const r = await search(ctx, { ...base, q: '通知', year: '2024' });
    expect(r.window).toBeNull();
    expect(r.total).toBe(Math.ceil(MANY / 100));
    expect(toApiResult({ ...base, q: '通知', year: '2024' }, r)).toMatchObject({
      total_is_lower_bound: false,
    });
  });

  it('finds the oldest item by a rare word and by its exact 文号 among more than the window', async () => {
    const rare = await search(ctx, { ...base, q: '青瓷' });
    expect(rare.window).toBeNull();
    expect(rare.hits.map((h) => h.ref)).toEqual(['old-rare']);
    // The 文号 matches every notice too (more than the window), yet its own item, the oldest,
    // comes first: everything is ranked then.
    const byNumber = await search(ctx, { ...base, q: '温窗[2019]7号' });
    expect(byNumber.hits[0]).toMatchObject({ ref: 'old-rare', exact: true });
    expect(byNumber.window).toBeNull();
    expect(byNumber.total).toBe(MANY + 1);
  });

  it('gives the same answers after a second full rebuild over the built index', async () => {
    const before = await search(ctx, { ...base, q: '通知' });
    const rare = await search(ctx, { ...base, q: '青瓷' });
    await reindex(ctx, null);
    const after = await search(ctx, { ...base, q: '通知' });
    expect(after.hits.map((h) => h.ref)).toEqual(before.hits.map((h) => h.ref));
    expect({ total: after.total, window: after.window }).toEqual({
      total: before.total,
      window: before.window,
    });
    expect((await search(ctx, { ...base, q: '青瓷' })).hits.map((h) => h.ref)).toEqual(
      rare.hits.map((h) => h.ref),
    );
  });
});
