import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { AppError } from '../platform/errors.js';
import { indexItem, reindex, syncSweep } from './search.indexer.js';
import { search, type SearchInput } from './search.service.js';
import { insertColumn, insertItem, SEARCH_DEFAULTS } from './search.test-support.js';

const base = SEARCH_DEFAULTS;

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'NOT_APP_ERROR';
  }
}

describeEachDb('search service', (get) => {
  let ctx: AppContext;
  let zone: { id: number; code: string };
  let dept: { id: number; code: string };
  const refs = async (over: Partial<SearchInput>) =>
    (await search(ctx, { ...base, ...over })).hits.map((h) => h.ref);

  beforeAll(async () => {
    ctx = get();
    zone = await createTestOrg(ctx, { code: 'zone', name: '温州高新区管委会' });
    dept = await createTestOrg(ctx, { code: 'zone-fin', name: '高新区财政局', parentId: zone.id });
    const col = await insertColumn(ctx.db, zone.id, 'notice', '通知公告');
    await insertItem(
      ctx.db,
      zone.id,
      {
        ref: 'a1',
        org: 'zone',
        title: '关于发放2022年度社保补贴的通知',
        doc_number: '温高管〔2022〕1号',
        index_no: '11330300MB1234567X/2022-00001',
        published_on: '2022-03-01',
        doc_type: 'normative',
        validity: 'valid',
        body: '符合条件的企业可申请社会保险补贴。',
      },
      col,
    );
    await insertItem(ctx.db, zone.id, {
      ref: 'a2',
      org: 'zone',
      title: '住房公积金缴存基数调整公告',
      doc_number: '温高管〔2022〕11号',
      published_on: '2023-05-01',
      body: '本通知所称社保补贴另行规定。',
    });
    await insertItem(ctx.db, dept.id, {
      ref: 'b1',
      org: 'zone-fin',
      title: '2022年财政预算执行情况报告',
      published_on: '2022-08-01',
      attachment_text: '一般公共预算收入完成情况表 土地出让金',
    });
    await insertItem(ctx.db, zone.id, {
      ref: 'draft',
      org: 'zone',
      title: '社保补贴草稿',
      published_on: '2022-01-01',
      status: 'draft',
    });
    await insertItem(ctx.db, zone.id, {
      ref: 'withheld',
      org: 'zone',
      title: '社保补贴内部材料',
      published_on: '2022-01-01',
      attribute: 'withheld',
    });
    // Unrelated items, so that term rarity (bm25's idf) means something in this small corpus.
    for (let i = 0; i < 12; i++)
      await insertItem(ctx.db, zone.id, {
        ref: `filler${i}`,
        org: 'zone',
        title: `道路养护工程第${i}标段招标公告`,
        published_on: '2021-06-01',
      });
    await reindex(ctx, null);
  });

  it('finds titles by any substring of two or more characters', async () => {
    expect(await refs({ q: '社保补贴' })).toEqual(['a1', 'a2']);
    expect(await refs({ q: '保补' })).toContain('a1');
    expect(await refs({ q: '缴存基数' })).toEqual(['a2']);
  });

  it('never returns drafts or items that are not 主动公开', async () => {
    expect(await refs({ q: '社保补贴' })).not.toContain('draft');
    expect(await refs({ q: '内部材料' })).toEqual([]);
  });

  it('puts the exact 文号 first whatever the bracket style', async () => {
    for (const q of [
      '温高管〔2022〕1号',
      '温高管[2022]1号',
      '温高管（2022）1号',
      '温高管【2022】1号',
      '温高管(2022)1号',
    ])
      expect((await refs({ q }))[0]).toBe('a1');
    expect((await refs({ q: '温高管〔2022〕11号' }))[0]).toBe('a2');
  });

  it('finds an 索引号 and attachment-only text', async () => {
    expect(await refs({ q: '11330300MB1234567X/2022-00001' })).toEqual(['a1']);
    expect(await refs({ q: '土地出让金' })).toEqual(['b1']);
  });

  it('filters by org with or without subordinate orgs, and by year, type and validity', async () => {
    expect((await refs({ q: '2022', org: 'zone' })).sort()).toEqual(['a1', 'a2']);
    expect((await refs({ q: '2022', org: 'zone', children: true })).sort()).toEqual([
      'a1',
      'a2',
      'b1',
    ]);
    expect(await refs({ q: '2022', year: '2023' })).toEqual(['a2']);
    expect(await refs({ q: '2022', docType: 'normative' })).toEqual(['a1']);
    expect(await refs({ q: '2022', validity: 'valid' })).toEqual(['a1']);
    expect(await refs({ q: '2022', org: 'zone', column: 'notice' })).toEqual(['a1']);
  });

  it('counts facets over the matches', async () => {
    const r = await search(ctx, { ...base, q: '2022' });
    expect(r.total).toBe(3);
    expect(r.facets.year.map((f) => [f.value, f.count])).toEqual([
      ['2023', 1],
      ['2022', 2],
    ]);
    expect(r.facets.org.find((f) => f.value === 'zone')?.count).toBe(2);
  });

  it('sorts by date when asked', async () => {
    expect(await refs({ q: '2022', sort: 'date' })).toEqual(['a2', 'b1', 'a1']);
  });

  it('marks matches in titles and snippets', async () => {
    const r = await search(ctx, { ...base, q: '社会保险' });
    expect(r.hits[0]?.snippet.filter((s) => s.mark).map((s) => s.text)).toContain('社会保险');
  });

  it('rejects empty, one-character and over-long queries with their codes', async () => {
    expect(await codeOf(search(ctx, { ...base, q: '  ' }))).toBe('ERR_SEARCH_QUERY_EMPTY');
    expect(await codeOf(search(ctx, { ...base, q: '社' }))).toBe('ERR_SEARCH_QUERY_TOO_SHORT');
    expect(await codeOf(search(ctx, { ...base, q: 'a' }))).toBe('ERR_SEARCH_QUERY_TOO_SHORT');
    expect(await codeOf(search(ctx, { ...base, q: '社'.repeat(1000) }))).toBe(
      'ERR_SEARCH_QUERY_TOO_LONG',
    );
    expect(await codeOf(search(ctx, { ...base, q: '社保', org: 'nope' }))).toBe(
      'ERR_ORG_NOT_FOUND',
    );
  });

  it('treats FTS syntax, control characters and mixed scripts as plain text', async () => {
    for (const q of [
      '"社保',
      '社保*',
      'NEAR(社保 补贴)',
      '-社保',
      '社保 OR 补贴',
      '(社保)',
      '社保\u0000\u001b补贴',
      'Привет 社保 مرحبا',
      "社保' OR 1=1 --",
      '\\',
    ])
      expect(String(await codeOf(search(ctx, { ...base, q })))).toMatch(
        /^(null|ERR_SEARCH_QUERY_TOO_SHORT)$/,
      );
    expect(await refs({ q: '"社保补贴"' })).toContain('a1');
  });

  it('repairs entries written behind its back with the sync job pass', async () => {
    const id = await insertItem(
      ctx.db,
      zone.id,
      {
        ref: 'fresh',
        org: 'zone',
        title: '新发布的人才引进公告',
        published_on: '2024-01-01',
      },
      null,
      new Date().toISOString(),
    );
    // Written straight into items (no indexItem call): not found until the repair pass.
    expect(await refs({ q: '人才引进' })).toEqual([]);
    expect(await syncSweep(ctx)).toBeGreaterThanOrEqual(1);
    expect(await refs({ q: '人才引进' })).toEqual(['fresh']);
    await ctx.db
      .updateTable('items')
      .set({ status: 'withdrawn', updated_at: new Date(Date.now() + 1000).toISOString() })
      .where('id', '=', id)
      .execute();
    await syncSweep(ctx);
    expect(await refs({ q: '人才引进' })).toEqual([]);
  });

  it('indexes in the caller transaction when the catalogue calls indexItem', async () => {
    const id = await insertItem(ctx.db, zone.id, {
      ref: 'tx',
      org: 'zone',
      title: '乡村振兴专项资金公示',
      published_on: '2024-02-01',
    });
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await indexItem(ctx, trx, id);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await refs({ q: '乡村振兴' })).toEqual([]);
    await ctx.db.transaction().execute((trx) => indexItem(ctx, trx, id));
    expect(await refs({ q: '乡村振兴' })).toEqual(['tx']);
  });
});
