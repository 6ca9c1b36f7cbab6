import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { encodeFields } from './search.encode.js';
import { indexFor } from './search.index.js';
import { indexItems } from './search.indexer.js';
import type { DocEntry, IndexedFields } from './search.model.js';
import { search } from './search.service.js';
import { insertItem, SEARCH_DEFAULTS } from './search.test-support.js';

/**
 * How index entries reach the database (issue 6): tokens are encoded for the database's own
 * index (FTS5 columns or tsvector literals) where they are segmented, and PostgreSQL receives a
 * batch's literals as one separated text. An item without a single token, alone in its batch,
 * stays an (empty) entry; an item out of the index has none; tokens encoded for the other
 * index are refused, never written as nothing. PostgreSQL keeps token vectors uncompressed.
 */

const EMPTY: IndexedFields = { title: [], numbers: [], summary: [], body: [], attachments: [] };

describeEachDb('search index writes', (get, dialect) => {
  let ctx: AppContext;
  let orgId: number;

  beforeAll(async () => {
    ctx = get();
    orgId = (await createTestOrg(ctx, { code: 'write', name: '写入测试局' })).id;
  });

  /** A published item of this org (or another status), its id. */
  const add = (ref: string, title: string, published_on: string, status?: string) =>
    insertItem(ctx.db, orgId, {
      ref,
      org: 'write',
      title,
      published_on,
      ...(status ? { status } : {}),
    });
  /** Indexes items in one transaction, as the catalogue does. */
  const index = (ids: number[]) => ctx.db.transaction().execute((trx) => indexItems(ctx, trx, ids));

  /** What the index holds for an item: null (no tokens), or its token text. */
  async function stored(itemId: number): Promise<string | null> {
    if (dialect === 'postgres') {
      const r = await sql<{ tsv: string | null }>`
        SELECT tsv::text AS tsv FROM search_docs WHERE item_id = ${itemId}`.execute(ctx.db);
      return r.rows[0]?.tsv ?? null;
    }
    const r = await sql<{ n: number }>`
      SELECT count(*) AS n FROM search_fts_docsize WHERE id = ${itemId}`.execute(ctx.db);
    return Number(r.rows[0]?.n) ? 'row' : null;
  }

  it('keeps an item without tokens as an empty entry, alone in its batch or not', async () => {
    const punct = await add('w-punct', '！！？', '2026-03-01');
    const word = await add('w-word', '关于公积金缴存基数调整的通知', '2026-03-02');
    const draft = await add('w-draft', '公积金草稿', '2026-03-03', 'draft');
    await index([punct]);
    expect(await stored(punct)).toBe(dialect === 'postgres' ? '' : 'row');
    await index([word, draft, punct]);
    expect(await stored(punct)).toBe(dialect === 'postgres' ? '' : 'row');
    expect(await stored(draft)).toBeNull();
    const tsv = await stored(word);
    expect(tsv).not.toBeNull();
    if (dialect === 'postgres') expect(tsv).toContain("'公积金':");
    const found = await search(ctx, { ...SEARCH_DEFAULTS, q: '公积金' });
    expect(found.hits.map((h) => h.ref)).toEqual(['w-word']);
  });

  it('refuses tokens encoded for the other index and writes nothing', async () => {
    const id = await add('w-other', '住房公积金提取办法', '2026-03-04');
    const index = indexFor(ctx.db);
    const other = index.kind === 'fts5' ? 'tsvector' : 'fts5';
    const entry: DocEntry = {
      doc: {
        item_id: id,
        org_id: orgId,
        doc_number_key: null,
        index_no_key: null,
        item_updated_at: '2026-01-01T00:00:00.000Z',
        in_index: 1,
        indexed_at: '2026-01-01T00:00:00.000Z',
        published_on: '2026-03-04',
        column_id: null,
        category: 'art20-01',
        doc_type: 'other',
        validity: null,
      },
      tokens: encodeFields(other, { ...EMPTY, title: ['住房', '公积金'] }),
    };
    await expect(ctx.db.transaction().execute((trx) => index.write(trx, [entry]))).rejects.toThrow(
      `search tokens encoded for ${other}`,
    );
    const row = await ctx.db
      .selectFrom('search_docs')
      .select('item_id')
      .where('item_id', '=', id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('stores PostgreSQL token vectors out of line, uncompressed (SQLite: FTS5 columns)', async () => {
    const id = await insertItem(ctx.db, orgId, {
      ref: 'w-long',
      org: 'write',
      title: '城乡居民医疗保险参保缴费通知',
      body: '城乡居民医疗保险参保缴费工作有关事项。'.repeat(300),
      published_on: '2026-03-05',
    });
    await index([id]);
    if (dialect === 'postgres') {
      const r = await sql<{ method: string | null; bytes: number; storage: string }>`
        SELECT pg_column_compression(d.tsv) AS method, pg_column_size(d.tsv) AS bytes,
          a.attstorage AS storage
        FROM search_docs d
        JOIN pg_attribute a ON a.attrelid = 'search_docs'::regclass AND a.attname = 'tsv'
        WHERE d.item_id = ${id}`.execute(ctx.db);
      expect(r.rows[0]?.storage).toBe('e');
      expect(r.rows[0]?.method).toBeNull();
      expect(Number(r.rows[0]?.bytes)).toBeGreaterThan(2000);
    } else {
      const r = await sql<{ sz: Uint8Array }>`
        SELECT sz FROM search_fts_docsize WHERE id = ${id}`.execute(ctx.db);
      expect(r.rows[0]?.sz.length).toBeGreaterThan(0);
    }
    const found = await search(ctx, { ...SEARCH_DEFAULTS, q: '参保缴费' });
    expect(found.hits.map((h) => h.ref)).toContain('w-long');
  });
});
