import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { createTestOrg } from '../../test/factories.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { reindex } from './search.indexer.js';
import { search } from './search.service.js';
import { insertItem, type CorpusItem } from './search.test-support.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'relevance');

interface RelevanceQuery {
  id: string;
  kind: string;
  q: string;
  filters?: {
    org?: string;
    children?: boolean;
    year?: string;
    doc_type?: string;
    validity?: string;
  };
  expected: string[];
  exclude?: string[];
}

const corpus: CorpusItem[] = fs
  .readFileSync(path.join(dir, 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as CorpusItem);
const set = JSON.parse(fs.readFileSync(path.join(dir, 'queries.json'), 'utf8')) as {
  orgs: Array<{ code: string; name: string; parent: string | null }>;
  queries: RelevanceQuery[];
};

describeEachDb('search relevance set', (get, dialect) => {
  let ctx: AppContext;

  beforeAll(async () => {
    ctx = get();
    const ids = new Map<string, number>();
    for (const o of set.orgs) {
      const parentId = o.parent ? (ids.get(o.parent) ?? null) : null;
      ids.set(o.code, (await createTestOrg(ctx, { code: o.code, name: o.name, parentId })).id);
    }
    await ctx.db.transaction().execute(async (trx) => {
      for (const item of corpus) await insertItem(trx, ids.get(item.org) ?? 0, item);
    });
    await reindex(ctx, null);
  });

  it('holds at least 500 items and 60 queries of every kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(set.queries.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(set.queries.map((q) => q.kind));
    for (const k of [
      '2-char',
      '4-char',
      'multi-word',
      'doc-number',
      'index-no',
      'attachment',
      'filtered',
    ])
      expect(kinds).toContain(k);
  });

  it('finds every expected item in the top 10 (recall@10 ≥ 0.98) and reports MRR', async () => {
    const misses: string[] = [];
    const byKind = new Map<string, { n: number; found: number; expected: number; rr: number }>();
    for (const q of set.queries) {
      const f = q.filters ?? {};
      const r = await search(ctx, {
        q: q.q,
        org: f.org ?? null,
        children: f.children ?? false,
        column: null,
        category: null,
        year: f.year ?? null,
        docType: f.doc_type ?? null,
        validity: f.validity ?? null,
        sort: 'relevance',
        page: 1,
      });
      const top = r.hits.slice(0, 10).map((h) => h.ref);
      const found = q.expected.filter((ref) => top.includes(ref));
      const firstRank = top.findIndex((ref) => q.expected.includes(ref));
      const k = byKind.get(q.kind) ?? { n: 0, found: 0, expected: 0, rr: 0 };
      k.n++;
      k.found += found.length;
      k.expected += q.expected.length;
      k.rr += firstRank >= 0 ? 1 / (firstRank + 1) : 0;
      byKind.set(q.kind, k);
      for (const ref of q.expected)
        if (!top.includes(ref))
          misses.push(`${q.id} ${q.q} → ${ref} missing (top: ${top.join(',')})`);
      for (const ref of q.exclude ?? [])
        if (r.hits.some((h) => h.ref === ref))
          misses.push(`${q.id} ${q.q} → ${ref} must not be found`);
    }
    const all = [...byKind.values()].reduce(
      (a, k) => ({
        n: a.n + k.n,
        found: a.found + k.found,
        expected: a.expected + k.expected,
        rr: a.rr + k.rr,
      }),
      { n: 0, found: 0, expected: 0, rr: 0 },
    );
    const rows = [...byKind].map(([kind, k]) => ({
      kind,
      queries: k.n,
      'recall@10': +(k.found / k.expected).toFixed(3),
      MRR: +(k.rr / k.n).toFixed(3),
    }));
    rows.push({
      kind: 'ALL',
      queries: all.n,
      'recall@10': +(all.found / all.expected).toFixed(3),
      MRR: +(all.rr / all.n).toFixed(3),
    });
    console.log(`search relevance [${dialect}]: ${corpus.length} items`);
    console.table(rows);
    expect(misses).toEqual([]);
    expect(all.found / all.expected).toBeGreaterThanOrEqual(0.98);
  });
});
