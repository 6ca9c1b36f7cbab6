import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { DB } from '../platform/db/schema.js';
import { lexeme, tokensFor } from './search.encode.js';
import type { SearchIndex } from './search.index.js';
import {
  FIELD_WEIGHTS,
  RERANK_CANDIDATES,
  SEARCH_WINDOW,
  WHOLE_TITLE_GROUPS,
  type IndexAnswer,
  type IndexQuery,
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
 * PostgreSQL tsvector + GIN (the PostgreSQL half of SearchIndex). The tokens are written as a
 * tsvector literal with positions and weights (title and numbers A, summary B, body C,
 * attachments D), so no text search parser re-splits them; queries are tsquery literals of
 * quoted lexemes, never to_tsquery over user text. Ranking is ts_rank_cd with those weights.
 */

/** The tsquery literal of a plan: & of groups, | of alternatives, & of lexemes. */
export function tsqueryLiteral(groups: string[][][]): string {
  return groups
    .map((alts) => {
      const parts = alts.map((toks) =>
        toks.length === 1 ? lexeme(toks[0] ?? '') : `(${toks.map(lexeme).join(' & ')})`,
      );
      return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' | ')})`;
    })
    .join(' & ');
}

const W = FIELD_WEIGHTS;
// ts_rank_cd weights are {D, C, B, A}, each at most 1: scaled from the title's weight.
const WEIGHTS = `{${[W.attachments, W.body, W.summary, W.title].map((w) => w / W.title).join(',')}}`;
// Normalisation 1: divide by 1 + log(length), so a long body does not outrank a title.
const RANK = sql`ts_rank_cd(CAST(${WEIGHTS} AS float4[]), d.tsv, q, 1)`;

const DOC_COLUMNS = [
  ['item_id', 'int'],
  ['org_id', 'int'],
  ['doc_number_key', 'text'],
  ['index_no_key', 'text'],
  ['item_updated_at', 'text'],
  ['in_index', 'int'],
  ['indexed_at', 'text'],
  ['published_on', 'text'],
  ['column_id', 'int'],
  ['category', 'text'],
  ['doc_type', 'text'],
  ['validity', 'text'],
] as const;

/** Separates the literals of `literalArray`, and stands for a null one. */
const SEPARATOR = '\x1f';
const NULL_LITERAL = '\x1e';

/**
 * A text[] of tsvector literals as one text parameter split by PostgreSQL: the literals of a
 * batch are 10–20 MB, which as an array parameter the driver escapes and PostgreSQL's array
 * parser reads again character by character. A literal holds only quoted letters and digits,
 * positions and weights, never these control characters. Every literal is followed by a
 * separator and the trailing empty element is cut off, so that a single empty literal (an item
 * without tokens) stays one element.
 */
function literalArray(literals: (string | null)[]): RawBuilder<unknown> {
  let joined = '';
  for (const l of literals) joined += `${l ?? NULL_LITERAL}${SEPARATOR}`;
  return sql`(string_to_array(${joined}, ${SEPARATOR}, ${NULL_LITERAL}))[1:${sql.lit(literals.length)}]`;
}

/** Rows written per statement (one array parameter per column, COPY-like). */
const WRITE_CHUNK = 1000;

const GIN = 'search_docs_tsv_idx';

/**
 * Items per id bucket in the GIN index (migration 20261128_0920): `ARRAY[item_id / BUCKET]` is
 * its second column, so "the newest buckets" is a condition the index answers.
 */
const BUCKET = 4096;
/** Buckets searched first for the newest SEARCH_WINDOW matches (about 20,000 items). */
const FIRST_BUCKETS = 5;
/** Most probes: then everything is searched. */
const MAX_PROBES = 4;

/** `ARRAY[item_id / BUCKET]` overlaps the buckets from `first` to `last`: the index expression. */
function inBuckets(first: number, last: number): RawBuilder<unknown> {
  const list = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return sql`ARRAY[d.item_id / ${sql.lit(BUCKET)}] && CAST(${`{${list.join(',')}}`} AS int[])`;
}

/**
 * Which matches a query ranks. 'newest': more than SEARCH_WINDOW items match; the newest
 * SEARCH_WINDOW, from item id `floor` (in `buckets`). 'all': every match, already found
 * (`ids`), so the query reads them by id instead of matching again. null: match and rank them
 * all in the query itself.
 */
type Scope =
  | { kind: 'newest'; floor: number; buckets: RawBuilder<unknown> }
  | { kind: 'all'; ids: number[] }
  | null;

/**
 * Whether the orgs filtered hold at most SEARCH_WINDOW items (one small org): then at most that
 * many match and no window is needed. Counted by the org index alone (an index-only scan, under
 * a millisecond); the other filters would read every row.
 */
async function smallScope(conn: Conn, q: IndexQuery): Promise<boolean> {
  const orgIds = q.filters.orgIds;
  if (orgIds === null) return false;
  if (orgIds.length === 0) return true;
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_docs
    WHERE org_id = ANY(${sql.val(orgIds)}::int[]) LIMIT ${SEARCH_WINDOW + 1}) AS s`.execute(conn);
  return Number(r.rows[0]?.n ?? 0) <= SEARCH_WINDOW;
}

/**
 * The newest SEARCH_WINDOW matches when more than SEARCH_WINDOW items match. The newest
 * FIRST_BUCKETS buckets are searched first; when they hold too few matches, the next probe
 * takes as many buckets as that density says are needed (with a margin), and the last one
 * everything: when that finds at most SEARCH_WINDOW, they are all the matches ('all'). A whole
 * title (WHOLE_TITLE_GROUPS words or more) usually matches a few hundred items, so it is
 * searched everywhere at once; a query whose filters pass at most SEARCH_WINDOW items needs no
 * probe at all (null). Also null when an item whose 文号 or 索引号 is the query lies below the
 * window (it must come first).
 */
async function scopeOf(conn: Conn, q: IndexQuery, tsq: string): Promise<Scope> {
  if (await smallScope(conn, q)) return null;
  const everywhere = q.groups.length >= WHOLE_TITLE_GROUPS;
  let topBucket = 0;
  if (!everywhere) {
    const top = await sql<{ id: number | null }>`
      SELECT max(item_id) AS id FROM search_docs`.execute(conn);
    topBucket = Math.floor(Number(top.rows[0]?.id ?? 0) / BUCKET);
  }
  let n = FIRST_BUCKETS;
  for (let probe = 1; ; probe++) {
    const first = everywhere || n > topBucket || probe === MAX_PROBES ? null : topBucket - n + 1;
    const rows = (
      await sql<{ id: number }>`
        SELECT d.item_id AS id FROM search_docs d CROSS JOIN CAST(${tsq} AS tsquery) AS q
        WHERE d.tsv @@ q AND ${docFilters(q.filters)}
          ${first === null ? sql`` : sql`AND ${inBuckets(first, topBucket)}`}
        ORDER BY d.item_id DESC LIMIT ${SEARCH_WINDOW + 1}`.execute(conn)
    ).rows;
    if (rows.length > SEARCH_WINDOW) {
      const floor = Number(rows[SEARCH_WINDOW - 1]?.id);
      if (await exactBelow(conn, q.key, floor, sql`tsv IS NOT NULL`)) return null;
      const last = Math.floor(Number(rows[0]?.id) / BUCKET);
      return { kind: 'newest', floor, buckets: inBuckets(Math.floor(floor / BUCKET), last) };
    }
    if (first === null) return { kind: 'all', ids: rows.map((r) => Number(r.id)) };
    // Too few in n buckets: as many as their density says (×1.5), at least ten times more if none.
    n = rows.length
      ? Math.max(n + 1, Math.ceil((n * (SEARCH_WINDOW + 1) * 1.5) / rows.length))
      : n * 10;
  }
}

/** The matches `m` reads: by id when they were found already, else by the GIN index. */
function matchesOf(scope: Scope): RawBuilder<unknown> {
  if (scope === null) return sql`d.tsv @@ q`;
  if (scope.kind === 'all')
    // Still in the index (not withdrawn since): the test reads no TOASTed vector.
    return sql`d.item_id = ANY(${sql.val(scope.ids)}::int[]) AND d.tsv IS NOT NULL`;
  return sql`d.tsv @@ q AND ${scope.buckets} AND d.item_id >= ${scope.floor}`;
}

async function inTransaction(conn: Conn, f: (trx: Conn) => Promise<void>): Promise<void> {
  if (conn.isTransaction) await f(conn);
  else await (conn as Kysely<DB>).transaction().execute(f);
}

export const postgresIndex: SearchIndex = {
  kind: 'tsvector',

  /** Many rows per statement: `INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE`. */
  async write(conn, entries) {
    for (let i = 0; i < entries.length; i += WRITE_CHUNK) {
      const chunk = entries.slice(i, i + WRITE_CHUNK);
      const arrays = DOC_COLUMNS.map(
        ([name, type]) => sql`${sql.val(chunk.map((e) => e.doc[name]))}::${sql.raw(type)}[]`,
      );
      const tokens = chunk.map((e) => tokensFor('tsvector', e.tokens));
      const tsv = tokens.map((t) => t?.tsv ?? null);
      const head = tokens.map((t) => t?.head ?? null);
      const names = [...DOC_COLUMNS.map(([n]) => n), 'tsv', 'head'];
      await sql`INSERT INTO search_docs (${sql.join(names.map((n) => sql.ref(n)))})
        SELECT * FROM unnest(${sql.join(arrays)}, ${literalArray(tsv)}::tsvector[],
          ${literalArray(head)}::tsvector[])
        ON CONFLICT (item_id) DO UPDATE SET ${sql.join(
          names.slice(1).map((n) => sql`${sql.ref(n)} = excluded.${sql.ref(n)}`),
        )}`.execute(conn);
    }
  },

  async remove(conn, itemId) {
    await sql`DELETE FROM search_docs WHERE item_id = ${itemId}`.execute(conn);
  },

  async clear(conn, itemIds) {
    if (itemIds === null) await sql`UPDATE search_docs SET tsv = NULL, head = NULL`.execute(conn);
    else if (itemIds.length)
      await sql`UPDATE search_docs SET tsv = NULL, head = NULL
        WHERE item_id = ANY(${sql.val(itemIds)}::int[])`.execute(conn);
  },

  /** A full rebuild loads the rows first and builds the GIN index once at the end. */
  async beginBulk(conn) {
    await sql`DROP INDEX IF EXISTS ${sql.raw(GIN)}`.execute(conn);
  },

  async maintain() {
    // Nothing to repair: autovacuum keeps the statistics of search_docs current.
  },

  async endBulk(conn) {
    await inTransaction(conn, async (trx) => {
      await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(trx);
      await sql`CREATE INDEX IF NOT EXISTS ${sql.raw(GIN)} ON search_docs
        USING gin (tsv, (ARRAY[item_id / ${sql.lit(BUCKET)}]))`.execute(trx);
    });
    // A rebuild over an existing index updated every row: VACUUM makes the old versions' space
    // reusable at once (the file keeps its size), where a transaction cannot, only ANALYZE.
    if (conn.isTransaction) await sql`ANALYZE search_docs`.execute(conn);
    else await sql`VACUUM (ANALYZE) search_docs`.execute(conn);
  },

  /**
   * One statement. `m`: every match (GIN over `tsv`) with its filter and facet columns and a
   * cheap rank over the small `head` tsvector (title, 文号, 索引号) — the full `tsv` stays in
   * TOAST and is not read. `c`: the best RERANK_CANDIDATES of them by exact number, head rank
   * and date. Only those are ranked with ts_rank_cd over the full tsv; the facet counts come from
   * `m`. Title matches weigh ten times body matches, so a body-only match that is not among the
   * candidates could not have outranked them.
   */
  async query(conn, q, sort, limit, offset): Promise<IndexAnswer> {
    const tsq = tsqueryLiteral(q.groups);
    const scope = await scopeOf(conn, q, tsq);
    const k = Math.max(RERANK_CANDIDATES, offset + limit);
    const order =
      sort === 'date'
        ? sql`published_on DESC, id DESC`
        : sql`exact DESC, score DESC, published_on DESC, id DESC`;
    const page =
      sort === 'date'
        ? sql`SELECT id, exact, 0 AS score, published_on FROM m
            ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`
        : sql`SELECT c.id, c.exact, c.published_on,
              round(CAST(${RANK} AS numeric), 4) AS score
            FROM (SELECT id, exact, published_on FROM m
                  ORDER BY exact DESC, head_rank DESC, published_on DESC, id DESC
                  LIMIT ${k}) AS c
            JOIN search_docs d ON d.item_id = c.id
            CROSS JOIN CAST(${tsq} AS tsquery) AS q
            ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
    const r = await sql<PassRow>`
      WITH m AS MATERIALIZED (
        SELECT d.item_id AS id,
          CASE WHEN d.doc_number_key = ${q.key} OR d.index_no_key = ${q.key} THEN 1 ELSE 0 END
            AS exact,
          ts_rank(coalesce(d.head, ''::tsvector), q) AS head_rank,
          ${MATCH_COLUMNS}
        FROM search_docs d CROSS JOIN CAST(${tsq} AS tsquery) AS q
        WHERE ${matchesOf(scope)} AND ${docFilters(q.filters)}
      )
      ${hitRows(page, order)}
      UNION ALL
      ${FACET_ROWS}`.execute(conn);
    return { ...answerOf(r.rows), window: scope?.kind === 'newest' ? SEARCH_WINDOW : null };
  },
  async bare(conn, q, limit) {
    const r = await sql<{ id: number }>`
      SELECT d.item_id AS id FROM search_docs d
      CROSS JOIN CAST(${tsqueryLiteral(q.groups)} AS tsquery) AS q
      WHERE d.tsv @@ q ORDER BY ${RANK} DESC LIMIT ${limit}`.execute(conn);
    return r.rows.map((row) => row.id);
  },

  async sizeBytes(conn) {
    const r = await sql<{ bytes: string }>`
      SELECT pg_total_relation_size('search_docs')::text AS bytes`.execute(conn);
    return r.rows[0] ? Number(r.rows[0].bytes) : null;
  },
};
