import { sql, type RawBuilder } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import { sqliteRankFunction } from '../platform/db/native.js';
import { tokensFor } from './search.encode.js';
import type { SearchIndex } from './search.index.js';
import {
  FIELD_WEIGHTS,
  SEARCH_WINDOW,
  WHOLE_TITLE_GROUPS,
  type DocEntry,
  type IndexAnswer,
  type IndexQuery,
  type Sort,
} from './search.model.js';
import {
  answerOf,
  docFilters,
  exactBelow,
  FACET_ROWS,
  hitRows,
  MATCH_COLUMNS,
  type PassRow,
} from './search.sql.js';

/**
 * SQLite FTS5 (the SQLite half of SearchIndex). A contentless FTS5 table `search_fts` whose
 * rowid is the item id holds space-joined tokens per field; the unicode61 tokenizer splits them
 * at the spaces only, because every token is letters and digits. Ranking is bm25() with column
 * weights.
 */

/** A token as an FTS5 string: always quoted, so no user text is ever FTS5 syntax. */
function quote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** The MATCH expression of a plan: AND of groups, OR of alternatives, AND of tokens. */
export function fts5Expression(groups: string[][][]): string {
  return groups
    .map((alts) => {
      const parts = alts.map((toks) =>
        toks.length === 1 ? quote(toks[0] ?? '') : `(${toks.map(quote).join(' AND ')})`,
      );
      return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' OR ')})`;
    })
    .join(' AND ');
}

const W = FIELD_WEIGHTS;
/**
 * bm25 with the column weights: `gk_bm25` (native/gk_rank.c: the same scores, each token's
 * document count remembered between queries instead of counted by reading its whole doclist in
 * every query) when it was built, else FTS5's own `bm25`.
 */
function rank(): RawBuilder<unknown> {
  return sql.raw(
    `${sqliteRankFunction()}(search_fts, ${W.title}, ${W.numbers}, ${W.summary}, ${W.body}, ${W.attachments})`,
  );
}

/** Rows per statement when writing a batch (12 columns: well under SQLite's 32,766 parameters). */
const CHUNK = 200;
/** FTS5 rows per INSERT (6 columns). */
const FTS_CHUNK = 2000;

/**
 * The items' rows in `search_docs` (insert or replace), a chunk of items per statement, and
 * which of them had FTS5 rows before.
 */
async function writeDocs(conn: Conn, entries: readonly DocEntry[]): Promise<number[]> {
  const docs = entries.map((e) => e.doc);
  // Only items that have FTS5 rows are deleted from it (a DELETE on a contentless_delete table
  // probes the segments even for a rowid that is not there): a first build deletes nothing.
  const had = await conn
    .selectFrom('search_docs')
    .select('item_id')
    .where(
      'item_id',
      'in',
      docs.map((d) => d.item_id),
    )
    .where('in_index', '=', 1)
    .execute();
  await conn
    .insertInto('search_docs')
    .values(docs)
    .onConflict((oc) =>
      oc.column('item_id').doUpdateSet((eb) => ({
        org_id: eb.ref('excluded.org_id'),
        doc_number_key: eb.ref('excluded.doc_number_key'),
        index_no_key: eb.ref('excluded.index_no_key'),
        item_updated_at: eb.ref('excluded.item_updated_at'),
        in_index: eb.ref('excluded.in_index'),
        indexed_at: eb.ref('excluded.indexed_at'),
        published_on: eb.ref('excluded.published_on'),
        column_id: eb.ref('excluded.column_id'),
        category: eb.ref('excluded.category'),
        doc_type: eb.ref('excluded.doc_type'),
        validity: eb.ref('excluded.validity'),
      })),
    )
    .execute();
  return had.map((d) => d.item_id);
}

/**
 * FTS5 writes its pending tokens to a new segment at every statement savepoint of a transaction
 * that has written to it (each statement that follows its first write). So its rows are written
 * last, after every `search_docs` row, in as few statements as possible: one DELETE of the items
 * it had, then one INSERT per FTS_CHUNK items — a rebuild batch of 1,000 items makes one segment,
 * not one per 200-item chunk.
 */
async function writeFts(conn: Conn, had: number[], entries: readonly DocEntry[]): Promise<void> {
  for (let i = 0; i < had.length; i += 5000) {
    const ids = sql.join(had.slice(i, i + 5000).map((id) => sql`${id}`));
    await sql`DELETE FROM search_fts WHERE rowid IN (${ids})`.execute(conn);
  }
  const rows = entries.flatMap(({ doc, tokens }) => {
    const t = tokensFor('fts5', tokens);
    return t
      ? [sql`(${doc.item_id}, ${t.title}, ${t.numbers}, ${t.summary}, ${t.body}, ${t.attachments})`]
      : [];
  });
  for (let i = 0; i < rows.length; i += FTS_CHUNK)
    await sql`INSERT INTO search_fts (rowid, title, numbers, summary, body, attachments)
      VALUES ${sql.join(rows.slice(i, i + FTS_CHUNK))}`.execute(conn);
}

/** FTS5's default flush threshold (pending tokens), restored after a bulk rebuild. */
const HASHSIZE = 1024 * 1024;
/**
 * During a bulk rebuild: pending tokens up to 16 MB before FTS5 flushes a segment (by default it
 * flushes every 1 MB: two or three small segments per batch of 1,000 items, each merged again
 * and again as the index grows), and a 1 GiB page cache for those merges (with SQLite's default
 * 2 MB they re-read from the OS the segment pages they merge and delete).
 */
const BULK_HASHSIZE = 16 * 1024 * 1024;
const BULK_CACHE_KIB = -1024 * 1024;
/** SQLite's default page cache (2,000 KiB). */
const DEFAULT_CACHE_KIB = -2000;

/** Sets FTS5's flush threshold (a literal: FTS5 wants an integer, a bound JS number is a REAL). */
async function setHashsize(conn: Conn, bytes: number): Promise<void> {
  await sql`INSERT INTO search_fts (search_fts, rank)
    VALUES ('hashsize', ${sql.lit(Math.trunc(bytes))})`.execute(conn);
}

/**
 * Below this many rows, an `sqlite_stat1` estimate for the FTS5 data table is taken to be a
 * leftover of an ANALYZE run while the index was (nearly) empty: 2 rows (the structure and
 * averages records) is what ANALYZE records for an empty FTS5 table.
 */
const FTS_DATA_MIN_ESTIMATE = 1000;
/** SQLite's own row estimate for a table it has no statistics of. */
const SQLITE_DEFAULT_ROWS = 1048576;

/**
 * FTS5 deletes the pages of merged segments with `DELETE FROM search_fts_data WHERE id >= ? AND
 * id <= ?`. With a row estimate of 2 (an ANALYZE of the empty index) SQLite plans that as a full
 * scan of the table, and with 3 to 9 it scans from the first key to the end: every merge step
 * of every write then reads the whole index (a 1,000,000-item rebuild took 1,357 s, reading
 * 1.7 GB/s from the page cache, instead of a few minutes). Such an estimate is replaced by
 * SQLite's default for a table without statistics and the statistics are reloaded, which
 * re-plans FTS5's statements; an estimate from an ANALYZE of a real index is kept.
 */
async function repairFtsStatistics(conn: Conn): Promise<void> {
  const stat = await sql`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'`.execute(conn);
  if (stat.rows.length === 0) return; // never analysed: SQLite assumes a large table
  const r = await sql`UPDATE sqlite_stat1 SET stat = ${String(SQLITE_DEFAULT_ROWS)}
    WHERE tbl = 'search_fts_data' AND idx IS NULL
      AND CAST(stat AS INTEGER) < ${FTS_DATA_MIN_ESTIMATE}`.execute(conn);
  if (Number(r.numAffectedRows ?? 0) > 0) await sql`ANALYZE sqlite_schema`.execute(conn);
}

/** Leaf pages merged per step of mergeSegments (negative: across all levels). */
const MERGE_STEP_PAGES = -2000;

/**
 * Merges every FTS5 segment into one, a step of MERGE_STEP_PAGES pages per statement, each its
 * own transaction (a step takes a fraction of a second, so writers are never held for long): a
 * rebuild leaves about ten segments of different sizes, and each query term then seeks in each
 * of them. On the 1,000,000-item catalogue: about 150 steps, 25–40 s, and the slowest queries
 * (whole titles) a quarter faster. A step that writes fewer than two rows had nothing to merge.
 */
async function mergeSegments(conn: Conn): Promise<void> {
  const changes = async () =>
    Number((await sql<{ n: number }>`SELECT total_changes() AS n`.execute(conn)).rows[0]?.n);
  for (let before = await changes(); ;) {
    await sql`INSERT INTO search_fts (search_fts, rank)
      VALUES ('merge', ${sql.lit(MERGE_STEP_PAGES)})`.execute(conn);
    const after = await changes();
    if (after - before < 2) return;
    before = after;
  }
}

/** A row of the one-pass query (kind 'w'): how many matches `m0` holds, the smallest id in `m`. */
const WINDOW_ROW = sql`SELECT 'w' AS kind, (SELECT min(id) FROM m) AS id, 0 AS exact,
  NULL AS dim, NULL AS value, count(*) AS n, NULL AS pos FROM m0`;

/** Most filtered items a query is driven from (see `driverOf`). */
export const DOCS_DRIVEN_MAX = 2000;
/**
 * Matches of the words per filtered item above which driving from the items is cheaper: an
 * FTS5 lookup of one item (a fresh cursor on every segment) costs about 25 steps of a walk over
 * the matches with its `search_docs` lookup (measured: 30–40 µs against 1.5 µs).
 */
const DOCS_DRIVEN_RATIO = 25;

/**
 * What drives a query's matches. 'fts': FTS5 walks the matches of the words, newest first, and
 * each is looked up in `search_docs` and filtered. 'docs': the items that pass the filters are
 * read from `search_docs` (by the org index), newest first, and each is looked up in FTS5. A
 * filter to a small org and a year with common words (镇人民政: over 100,000 matches, 122 in the
 * org and year) walks every match the first way (160 ms on the bench catalogue) and takes 16 ms
 * the second. Chosen when the filters include orgs, they pass at most DOCS_DRIVEN_MAX items,
 * and the words match more than DOCS_DRIVEN_RATIO times as many (a probe that stops there);
 * only with gk_bm25, whose token counts survive FTS5's fresh cursor per item (bm25() would
 * count every token's doclist again for each item).
 */
export async function driverOf(conn: Conn, q: IndexQuery): Promise<'fts' | 'docs'> {
  if (q.filters.orgIds === null || sqliteRankFunction() !== 'gk_bm25') return 'fts';
  const c = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_docs d
    WHERE ${docFilters(q.filters)} LIMIT ${DOCS_DRIVEN_MAX + 1})`.execute(conn);
  const candidates = Number(c.rows[0]?.n ?? 0);
  if (candidates > DOCS_DRIVEN_MAX) return 'fts';
  const probe = DOCS_DRIVEN_RATIO * Math.max(1, candidates);
  const m = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT rowid FROM search_fts
    WHERE search_fts MATCH ${fts5Expression(q.groups)} LIMIT ${probe})`.execute(conn);
  return Number(m.rows[0]?.n ?? 0) >= probe ? 'docs' : 'fts';
}

/**
 * The one-pass query over the newest `window` matches (all when null), driven by FTS5 or by the
 * filtered items (`driverOf`: the same rows either way). `more`: null when every match was
 * ranked, else the smallest id ranked (more items match).
 */
async function onePass(
  conn: Conn,
  q: IndexQuery,
  sort: Sort,
  limit: number,
  offset: number,
  window: number | null,
  driver: 'fts' | 'docs' | 'fts-forward',
): Promise<{ answer: Omit<IndexAnswer, 'window'>; more: number | null }> {
  const order =
    sort === 'date'
      ? sql`published_on DESC, id DESC`
      : sql`exact DESC, round(score, 2), published_on DESC, id DESC`;
  // CROSS JOIN: SQLite keeps the order written (the left table drives, the right by key).
  const from =
    driver === 'docs'
      ? sql`search_docs d CROSS JOIN search_fts ON search_fts.rowid = d.item_id`
      : sql`search_fts CROSS JOIN search_docs d ON d.item_id = search_fts.rowid`;
  // 'fts-forward' takes the first window + 1 matches in FTS5's own (ascending) order: all of
  // them when there are at most `window`, which is all the caller uses it for.
  const newest =
    driver === 'docs'
      ? sql`ORDER BY d.item_id DESC`
      : driver === 'fts'
        ? sql`ORDER BY search_fts.rowid DESC`
        : sql``;
  const r = await sql<PassRow>`
    WITH m0 AS MATERIALIZED (
      SELECT d.item_id AS id, ${rank()} AS score,
        CASE WHEN d.doc_number_key = ${q.key} OR d.index_no_key = ${q.key} THEN 1 ELSE 0 END
          AS exact,
        ${MATCH_COLUMNS}
      FROM ${from}
      WHERE search_fts MATCH ${fts5Expression(q.groups)} AND ${docFilters(q.filters)}
      ${window === null ? sql`` : sql`${newest} LIMIT ${window + 1}`}
    ),
    m AS MATERIALIZED (
      SELECT * FROM m0 ${window === null ? sql`` : sql`ORDER BY id DESC LIMIT ${window}`}
    )
    ${hitRows(sql`SELECT id, exact, score, published_on FROM m ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, order)}
    UNION ALL
    ${FACET_ROWS}
    UNION ALL
    ${WINDOW_ROW}`.execute(conn);
  const w = r.rows.find((x) => x.kind === 'w');
  const answer = answerOf(r.rows);
  if (window === null || Number(w?.n ?? 0) <= window) return { answer, more: null };
  return { answer, more: Number(w?.id) };
}

export const sqliteIndex: SearchIndex = {
  kind: 'fts5',

  async write(conn, entries) {
    // One entry per item: a later duplicate in the same chunk would make the upsert fail.
    const latest = [...new Map(entries.map((e) => [e.doc.item_id, e])).values()];
    const had: number[] = [];
    for (let i = 0; i < latest.length; i += CHUNK)
      had.push(...(await writeDocs(conn, latest.slice(i, i + CHUNK))));
    await writeFts(conn, had, latest);
  },

  async remove(conn, itemId) {
    await sql`DELETE FROM search_fts WHERE rowid = ${itemId}`.execute(conn);
    await conn.deleteFrom('search_docs').where('item_id', '=', itemId).execute();
  },

  async clear(conn, itemIds) {
    if (itemIds === null) await sql`DELETE FROM search_fts`.execute(conn);
    else
      for (let i = 0; i < itemIds.length; i += 500) {
        const chunk = itemIds.slice(i, i + 500).map((id) => sql`${id}`);
        await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(chunk)})`.execute(conn);
      }
  },

  /**
   * A full rebuild starts from an empty FTS5 index ('delete-all': replacing every row one by one
   * would leave a tombstone for each in the old segments, slowing the rebuild and every query
   * after it), flushes one segment per batch and works with a large page cache: the rebuild of a
   * 1,000,000-item catalogue went from slowing to under 500 items/s as the index grew to about
   * 3,500 items/s throughout (see docs/search.md). Until it ends, searches find only the items
   * rebuilt so far.
   */
  async beginBulk(conn) {
    await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(conn);
    await sql`UPDATE search_docs SET in_index = 0 WHERE in_index = 1`.execute(conn);
    await repairFtsStatistics(conn);
    await setHashsize(conn, BULK_HASHSIZE);
    await sql.raw(`PRAGMA cache_size = ${BULK_CACHE_KIB}`).execute(conn);
  },
  async endBulk(conn) {
    await setHashsize(conn, HASHSIZE);
    await repairFtsStatistics(conn);
    await mergeSegments(conn);
    await sql.raw(`PRAGMA cache_size = ${DEFAULT_CACHE_KIB}`).execute(conn);
  },

  maintain: repairFtsStatistics,

  /**
   * One statement. `m0`: the newest SEARCH_WINDOW + 1 matches (FTS5 walks its doclists from the
   * end, `search_docs` read by key for the filter and facet columns, bm25 computed only for the
   * rows taken); `m`: the newest SEARCH_WINDOW of them, which give both the page and the facet
   * counts; and the size of `m0`, which tells whether more items match than were ranked.
   */
  async query(conn, q: IndexQuery, sort, limit, offset): Promise<IndexAnswer> {
    const driver = await driverOf(conn, q);
    if (driver === 'fts' && q.groups.length >= WHOLE_TITLE_GROUPS) {
      // FTS5 walks doclists forwards faster than backwards (about 0.7×): a query of many words
      // (a whole title) usually has at most SEARCH_WINDOW matches, and one forward pass answers
      // it; when it has more, that pass stopped after SEARCH_WINDOW + 1 and the newest matches
      // are taken backwards as for any query.
      const few = await onePass(conn, q, sort, limit, offset, SEARCH_WINDOW, 'fts-forward');
      if (few.more === null) return { ...few.answer, window: null };
    }
    const windowed = await onePass(conn, q, sort, limit, offset, SEARCH_WINDOW, driver);
    if (windowed.more === null) return { ...windowed.answer, window: null };
    if (!(await exactBelow(conn, q.key, windowed.more, sql`in_index = 1`)))
      return { ...windowed.answer, window: SEARCH_WINDOW };
    const all = await onePass(conn, q, sort, limit, offset, null, driver);
    return { ...all.answer, window: null };
  },

  async bare(conn, q, limit) {
    const r = await sql<{ id: number }>`
      SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${fts5Expression(q.groups)}
      ORDER BY ${rank()} LIMIT ${limit}`.execute(conn);
    return r.rows.map((row) => row.id);
  },

  async sizeBytes(conn) {
    try {
      const r = await sql<{ bytes: number }>`
        SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_fts%'`.execute(conn);
      return r.rows[0]?.bytes ?? null;
    } catch {
      return null; // dbstat is not compiled in every SQLite build
    }
  },
};
