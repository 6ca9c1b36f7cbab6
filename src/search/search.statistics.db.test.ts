import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { reindex, syncSweep } from './search.indexer.js';
import { search } from './search.service.js';
import { insertItem, SEARCH_DEFAULTS } from './search.test-support.js';

/**
 * An ANALYZE run while the search index is empty must not slow every later index write. On
 * SQLite it records 2 rows for the FTS5 data table, and SQLite then plans FTS5's deletion of
 * merged segment pages (`id >= ? AND id <= ?`) as a scan of the whole table; the index's
 * `maintain` (run by every rebuild and by the search.sync job) puts back SQLite's default
 * estimate. A full SQLite rebuild ends with its FTS5 segments merged into one. On both
 * databases the index works as before.
 */

const N = 30;
/** How SQLite would delete a range of FTS5 pages (reading a shadow table is allowed). */
const PAGE_RANGE = sql`EXPLAIN QUERY PLAN SELECT id FROM search_fts_data WHERE id >= 1 AND id <= 2`;

describeEachDb('search index after an ANALYZE of the empty index', (get, dialect) => {
  let ctx: AppContext;

  async function plan(): Promise<string> {
    const r = await PAGE_RANGE.execute(ctx.db);
    return (r.rows as { detail: string }[]).map((x) => x.detail).join(' ');
  }
  async function estimate(): Promise<string | undefined> {
    const r = await sql<{ stat: string }>`SELECT stat FROM sqlite_stat1
      WHERE tbl = 'search_fts_data' AND idx IS NULL`.execute(ctx.db);
    return r.rows[0]?.stat;
  }

  beforeAll(async () => {
    ctx = get();
    const org = await createTestOrg(ctx, { code: 'stat', name: '统计测试局' });
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i++)
        await insertItem(trx, org.id, {
          ref: `s${i}`,
          org: 'stat',
          title: `关于河道保洁第${i}次检查情况的通报`,
          published_on: '2025-04-01',
        });
    });
  });

  it('rebuilds after ANALYZE of the empty index, deleting merged pages by key', async () => {
    await sql`ANALYZE`.execute(ctx.db);
    if (dialect === 'sqlite') {
      // The trap is set: two rows recorded, a range of pages planned as a full scan.
      expect(await estimate()).toBe('2');
      expect(await plan()).toMatch(/^SCAN search_fts_data$/);
    }
    // Batches of 3 items: ten batches, ten FTS5 segments before the rebuild merges them.
    await reindex(ctx, null, () => {}, { batch: 3, workers: 0 });
    if (dialect === 'sqlite') {
      const segments = await sql<{ n: number }>`SELECT count(DISTINCT id >> 37) AS n
        FROM search_fts_data WHERE id >> 37 > 0`.execute(ctx.db);
      expect(segments.rows[0]?.n).toBe(1);
      expect(await estimate()).toBe('1048576');
      expect(await plan()).toContain('USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)');
    }
    const r = await search(ctx, { ...SEARCH_DEFAULTS, q: '河道保洁' });
    expect(r.total).toBe(N);
  });

  it('the search.sync job repairs an estimate left by a later ANALYZE of a small index', async () => {
    if (dialect === 'sqlite') {
      await sql`UPDATE sqlite_stat1 SET stat = '3' WHERE tbl = 'search_fts_data'`.execute(ctx.db);
      await sql`ANALYZE sqlite_schema`.execute(ctx.db);
      expect(await plan()).not.toContain('rowid<?');
    }
    await syncSweep(ctx);
    if (dialect === 'sqlite') {
      expect(await estimate()).toBe('1048576');
      expect(await plan()).toContain('USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)');
    }
    const r = await search(ctx, { ...SEARCH_DEFAULTS, q: '检查情况' });
    expect(r.total).toBe(N);
  });
});
