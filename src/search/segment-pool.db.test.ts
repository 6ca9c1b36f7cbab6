import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { dialectOf } from '../platform/db/database.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { AppError } from '../platform/errors.js';
import { encodeFields, type IndexTokens } from './search.encode.js';
import { fieldsOf, type FieldsInput } from './search.fields.js';
import { indexFor } from './search.index.js';
import { PARALLEL_MIN_ITEMS, reindex } from './search.indexer.js';
import { attachmentTextsOf, findItemsForIndex } from './search.repository.js';
import { segmenterFor, staticSegmenter } from './search.vocabulary.js';
import { insertItem, type CorpusItem } from './search.test-support.js';
import { SegmentPool } from './segment-pool.js';

/** Words only the database vocabulary knows: an administrator's word and an org's name. */
const ADMIN_WORD = '瓯越数智通';
const ORG_NAME = '鹿城瓯浦区管理署';

const WEIGHTS = { title: 'A', summary: 'B', attachments: 'D' } as const;

/** Whether a field of encoded tokens holds `word` as a token (FTS5 columns, tsvector weights). */
function fieldHas(t: IndexTokens | null, field: keyof typeof WEIGHTS, word: string): boolean {
  if (t === null) return false;
  if (t.kind === 'fts5') return t[field].split(' ').includes(word);
  const positions = new RegExp(`(?:^| )'${word}':([0-9A-D,]+)`).exec(t.tsv)?.[1] ?? '';
  return positions.split(',').some((p) => p.endsWith(WEIGHTS[field]));
}

const SAMPLE: Omit<CorpusItem, 'ref' | 'org' | 'published_on'>[] = [
  {
    title: `关于推广${ADMIN_WORD}平台的通知`,
    doc_number: '温高管〔2022〕1号',
    index_no: '11330300MB1234567X/2022-00001',
    summary: `${ORG_NAME}负责住房公积金的政务公开工作。`,
    body: '符合条件的企业可申请社会保险补贴&amp;稳岗补贴&nbsp;，详见<b>附件</b>。',
    attachment_text: `附件一：${ADMIN_WORD}操作手册\n第二章 ＡＢＣ１２３ 全角字母与数字`,
  },
  { title: 'Ｇｏｎｇｋａｉ 2.0 release notes', body: '<script>x()</script>English only text.' },
  { title: '单', summary: null, body: null, doc_number: null },
  {
    title: '关于印发温州高新区最低生活保障实施细则的通知',
    body: '<p>第一条</p><p>为规范最低生活保障工作……</p><br/>第二条&#x4E00;&#19968;',
    attachment_text: '附表：低保对象名单（略）',
  },
  { title: '已撤回的信息', status: 'withdrawn', body: '不应被索引' },
];

describeEachDb('search segmentation workers', (get) => {
  let ctx: AppContext;
  let orgId: number;
  let pool: SegmentPool;
  const ids: number[] = [];

  beforeAll(async () => {
    ctx = get();
    orgId = (await createTestOrg(ctx, { code: 'ou', name: ORG_NAME })).id;
    await ctx.db
      .insertInto('search_words')
      .values({ word: ADMIN_WORD, created_by: null, created_at: '2026-01-01T00:00:00.000Z' })
      .execute();
    for (let i = 0; i < PARALLEL_MIN_ITEMS + 20; i++) {
      const s = SAMPLE[i % SAMPLE.length] ?? { title: '' };
      const id = await insertItem(ctx.db, orgId, {
        ...s,
        ref: `r${i}`,
        org: 'ou',
        title: `${s.title}（第${i}号）`,
        index_no: s.index_no ? `${s.index_no}-${i}` : null,
        published_on: '2024-05-01',
      });
      ids.push(id);
    }
    pool = await SegmentPool.open(ctx.db, 2);
  });

  afterAll(async () => {
    await pool.close();
  });

  it('gives exactly the tokens fieldsOf gives in this thread, encoded, attachments included', async () => {
    const items = await findItemsForIndex(ctx.db, ids.slice(0, 12));
    const texts = await attachmentTextsOf(
      ctx.db,
      items.map((i) => i.id),
    );
    const seg = await segmenterFor(ctx.db, true);
    const attachments = items.map((i) => texts.get(i.id) ?? []);
    const inWorkers = await pool.tokens(items, attachments);
    const { kind } = indexFor(ctx.db);
    expect(inWorkers).toEqual(
      items.map((item, k) => encodeFields(kind, fieldsOf(seg, item, attachments[k] ?? []))),
    );
    expect(attachments.flat().length).toBeGreaterThan(0);
    // The database vocabulary reached the workers: jieba alone would not keep these words.
    const first = inWorkers[0] ?? null;
    expect(fieldHas(first, 'title', ADMIN_WORD)).toBe(true);
    expect(fieldHas(first, 'attachments', ADMIN_WORD)).toBe(true);
    expect(fieldHas(first, 'summary', ORG_NAME)).toBe(true);
    expect(fieldHas(first, 'summary', ADMIN_WORD)).toBe(false);
    expect(fieldsOf(staticSegmenter(), items[0] as FieldsInput, []).title).not.toContain(
      ADMIN_WORD,
    );
  });

  it('keeps the order of a batch spread over several workers', async () => {
    const items = await findItemsForIndex(ctx.db, ids.slice(0, 6));
    const seg = await segmenterFor(ctx.db);
    const batches = [items.slice(0, 2), items.slice(2, 4), items.slice(4)];
    const out = await Promise.all(
      batches.map((b) =>
        pool.tokens(
          b,
          b.map(() => []),
        ),
      ),
    );
    const { kind } = indexFor(ctx.db);
    expect(out).toEqual(
      batches.map((b) => b.map((item) => encodeFields(kind, fieldsOf(seg, item, [])))),
    );
  });

  it('writes the same index with workers as in this thread', async () => {
    const snapshot = async () => {
      const docs = await ctx.db
        .selectFrom('search_docs')
        .selectAll()
        .orderBy('item_id')
        .execute()
        .then((rows) => rows.map(({ indexed_at: _at, ...rest }) => rest));
      if (dialectOf(ctx.db) === 'postgres') return docs;
      // Token counts per field of each row (contentless FTS5 keeps no text).
      const fts = await sql`SELECT id, sz FROM search_fts_docsize ORDER BY id`.execute(ctx.db);
      return { docs, fts: fts.rows };
    };
    expect(await reindex(ctx, null, () => {}, { workers: 0 })).toBe(PARALLEL_MIN_ITEMS + 20);
    const inThread = await snapshot();
    await ctx.db.deleteFrom('search_docs').execute();
    expect(await reindex(ctx, null, () => {}, { workers: 1, batch: 50 })).toBe(
      PARALLEL_MIN_ITEMS + 20,
    );
    expect(await snapshot()).toEqual(inThread);
  });

  it('fails every job with ERR_SEARCH_WORKER_FAILED when a worker throws', async () => {
    const bad = { title: 42 } as unknown as FieldsInput;
    const failing = await SegmentPool.open(ctx.db, 1);
    try {
      const first = failing.tokens([bad], [[]]).catch((e: unknown) => e);
      expect(((await first) as AppError).code).toBe('ERR_SEARCH_WORKER_FAILED');
      const later = await failing.tokens([], []).catch((e: unknown) => e);
      expect(later).toBeInstanceOf(AppError);
      expect((later as AppError).code).toBe('ERR_SEARCH_WORKER_FAILED');
    } finally {
      await failing.close();
    }
  });

  it('fails jobs in flight when a worker exits or cannot start', async () => {
    for (const script of ['setTimeout(() => process.exit(3), 50)', 'throw new Error("boom")']) {
      const dying = await SegmentPool.open(ctx.db, 1, { script, eval: true });
      try {
        const e = await dying.tokens([], []).catch((err: unknown) => err);
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('ERR_SEARCH_WORKER_FAILED');
      } finally {
        await dying.close();
      }
    }
  });
});
