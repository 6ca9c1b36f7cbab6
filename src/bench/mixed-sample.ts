import type { Db } from '../platform/db/database.js';

/**
 * The URLs and queries of the mixed benchmark (issue 8), drawn from the bench dataset with a
 * seeded generator (the same sample on every run of a scale): public item pages, column pages
 * (pages 1–3) and org home pages across all orgs, and search queries cut from the sampled items'
 * own titles (short, word, long, year + word, 文号, and filtered by org and year).
 */

export interface SearchSample {
  kind: 'short' | 'word' | 'long' | 'multi' | 'docnum' | 'filtered';
  q: string;
  /** The org of the item the query came from: its portal search page, or the API filter. */
  org: string;
  year: string | null;
}

export interface MixSample {
  items: string[];
  columns: string[];
  homes: string[];
  searches: SearchSample[];
  orgs: string[];
}

/** A seeded generator in [0, 1) (a plain LCG: enough to spread a sample). */
export function seededRandom(seed: number): () => number {
  let s = seed % 2147483648;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const HAN_RUN = /[\u4e00-\u9fff]{4,}/g;

function queryOf(
  kind: SearchSample['kind'],
  row: { title: string; doc_number: string | null; published_on: string | null },
  rand: () => number,
): { q: string; year: string | null } | null {
  const runs = row.title.match(HAN_RUN) ?? [];
  if (!runs.length || !row.published_on) return null;
  const run = runs[Math.floor(rand() * runs.length)] as string;
  const sub = (len: number) => {
    const at = Math.floor(rand() * (run.length - len + 1));
    return run.slice(at, at + len);
  };
  const year = row.published_on.slice(0, 4);
  switch (kind) {
    case 'short':
      return { q: sub(2), year: null };
    case 'word':
      return { q: sub(4), year: null };
    case 'long':
      return { q: [...row.title].slice(0, 60).join(''), year: null };
    case 'multi':
      return { q: `${year}年 ${sub(4)}`, year: null };
    case 'docnum':
      return row.doc_number ? { q: row.doc_number, year: null } : null;
    case 'filtered':
      return { q: sub(4), year };
  }
}

const KINDS: readonly SearchSample['kind'][] = [
  'short',
  'short',
  'word',
  'long',
  'multi',
  'docnum',
  'filtered',
];

/** Samples `opts.items` public items (and queries from their titles), columns and homes. */
export async function sampleMix(
  db: Db,
  opts: { items: number; columns: number; queries: number; seed?: number },
): Promise<MixSample> {
  const rand = seededRandom(opts.seed ?? 20261128);
  const orgRows = await db.selectFrom('orgs').select(['id', 'code']).orderBy('id').execute();
  const codeOf = new Map(orgRows.map((o) => [o.id, o.code]));
  const maxId = Number(
    (
      await db
        .selectFrom('items')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst()
    )?.m ?? 0,
  );
  const rows: Array<{
    id: number;
    org_id: number;
    title: string;
    doc_number: string | null;
    published_on: string | null;
  }> = [];
  const seen = new Set<number>();
  for (let tries = 0; rows.length < opts.items && tries < 20 && maxId > 0; tries++) {
    const ids = Array.from({ length: 1000 }, () => 1 + Math.floor(rand() * maxId)).filter(
      (id) => !seen.has(id),
    );
    for (const id of ids) seen.add(id);
    const found = await db
      .selectFrom('items')
      .select(['id', 'org_id', 'title', 'doc_number', 'published_on'])
      .where('id', 'in', ids)
      .where('status', '=', 'published')
      .where('attribute', '=', 'active')
      .where('published_on', 'is not', null)
      .execute();
    rows.push(...found.slice(0, opts.items - rows.length));
  }
  const items = rows.map((r) => `/${codeOf.get(r.org_id)}/items/${r.id}`);

  // The 公开指南 and 政策文件 columns have pages of their own (not column lists).
  const cols = await db
    .selectFrom('columns')
    .select(['org_id', 'code'])
    .where('code', 'not in', ['guide', 'policy'])
    .orderBy('id')
    .execute();
  const columns = Array.from({ length: Math.min(opts.columns, cols.length) }, () => {
    const c = cols[Math.floor(rand() * cols.length)] as (typeof cols)[number];
    return `/${codeOf.get(c.org_id)}/columns/${c.code}?page=${1 + Math.floor(rand() * 3)}`;
  });
  const homes = orgRows.map((o) => `/${o.code}/`);

  const searches: SearchSample[] = [];
  for (let i = 0; searches.length < opts.queries && i < rows.length * 3; i++) {
    const row = rows[Math.floor(rand() * rows.length)];
    if (!row) break;
    const kind = KINDS[searches.length % KINDS.length] as SearchSample['kind'];
    const q = queryOf(kind, row, rand);
    if (q) searches.push({ kind, q: q.q, org: codeOf.get(row.org_id) ?? '', year: q.year });
  }
  return { items, columns, homes, searches, orgs: orgRows.map((o) => o.code) };
}

/** The portal search page of the query's org. */
export function portalSearchPath(s: SearchSample): string {
  return `/${s.org}/search?q=${encodeURIComponent(s.q)}`;
}

/** The search API: across all orgs, or filtered by org and year for the `filtered` queries. */
export function apiSearchPath(s: SearchSample): string {
  const p = new URLSearchParams({ q: s.q });
  if (s.kind === 'filtered') {
    p.set('org', s.org);
    if (s.year) p.set('year', s.year);
  }
  return `/api/v1/search?${p.toString()}`;
}
