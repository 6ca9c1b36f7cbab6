import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { driverOf } from './search.index.sqlite.js';
import { reindex } from './search.indexer.js';
import type { IndexQuery } from './search.model.js';
import { planQuery } from './search.segment.js';
import { search } from './search.service.js';
import { insertItem, SEARCH_DEFAULTS } from './search.test-support.js';
import { staticSegmenter } from './search.vocabulary.js';

/**
 * A query filtered to a small org whose words match many more items elsewhere: on SQLite it is
 * driven from the org's items (each looked up in FTS5) instead of walking every match of the
 * words; on both databases it finds, ranks and counts exactly the org's matches.
 */

const BIG = 130;
const SMALL = 4;

describeEachDb('search filtered to a small org', (get, dialect) => {
  let ctx: AppContext;
  let small: number;
  let big: number;
  const smallRefs: string[] = [];

  const query = (orgIds: number[] | null): IndexQuery => ({
    groups: planQuery(staticSegmenter(), '通知').groups,
    key: '',
    filters: {
      orgIds,
      columnId: null,
      category: null,
      year: null,
      docType: null,
      validity: null,
    },
  });

  beforeAll(async () => {
    ctx = get();
    small = (await createTestOrg(ctx, { code: 'drv-s', name: '小单位' })).id;
    big = (await createTestOrg(ctx, { code: 'drv-b', name: '大单位' })).id;
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < BIG; i++) {
        await insertItem(trx, big, {
          ref: `b${i}`,
          org: 'drv-b',
          title: `关于第${i}批项目的通知`,
          published_on: '2025-01-02',
        });
        if (i % 40 === 0 && smallRefs.length < SMALL) {
          await insertItem(trx, small, {
            ref: `s${i}`,
            org: 'drv-s',
            title: `关于小单位第${i}次会议的通知`,
            published_on: `2024-0${1 + smallRefs.length}-15`,
          });
          smallRefs.push(`s${i}`);
        }
      }
      // One item of the small org that does not match.
      await insertItem(trx, small, {
        ref: 's-other',
        org: 'drv-s',
        title: '小单位年度工作总结',
        published_on: '2024-06-01',
      });
    });
    await reindex(ctx, null);
  });

  it('drives from the org on SQLite only when its words match many more items', async () => {
    if (dialect !== 'sqlite') return;
    expect(await driverOf(ctx.db, query([small]))).toBe('docs');
    expect(await driverOf(ctx.db, query([big]))).toBe('fts');
    expect(await driverOf(ctx.db, query(null))).toBe('fts');
  });

  it('finds, ranks and counts exactly the org’s matches', async () => {
    const r = await search(ctx, { ...SEARCH_DEFAULTS, q: '通知', org: 'drv-s' });
    expect(r.total).toBe(SMALL);
    // Equal titles rank alike: the newest first.
    expect(r.hits.map((x) => x.ref)).toEqual([...smallRefs].reverse());
    expect(r.facets.org).toEqual([expect.objectContaining({ count: SMALL })]);
    const byDate = await search(ctx, { ...SEARCH_DEFAULTS, q: '通知', org: 'drv-s', sort: 'date' });
    expect(byDate.hits.map((x) => x.ref)).toEqual([...smallRefs].reverse());
    const year = await search(ctx, { ...SEARCH_DEFAULTS, q: '会议', org: 'drv-s', year: '2024' });
    expect(year.total).toBe(SMALL);
    const none = await search(ctx, { ...SEARCH_DEFAULTS, q: '项目', org: 'drv-s' });
    expect(none.total).toBe(0);
  });
});
