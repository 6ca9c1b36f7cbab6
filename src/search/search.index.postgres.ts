import { sql } from 'kysely';
import type { SearchIndex } from './search.index.js';
import { FIELD_WEIGHTS, type FacetRow, type Hit, type IndexedFields } from './search.model.js';
import { FACET_GROUP, FACET_SELECT, publicFilters } from './search.sql.js';

/**
 * PostgreSQL tsvector + GIN (the PostgreSQL half of SearchIndex). The tokens are written as a
 * tsvector literal with positions and weights (title and numbers A, summary B, body C,
 * attachments D), so no text search parser re-splits them; queries are tsquery literals of
 * quoted lexemes, never to_tsquery over user text. Ranking is ts_rank_cd with those weights.
 */

/** Largest position PostgreSQL stores, and most positions kept per lexeme. */
const MAX_POS = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;

function lexeme(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsvector literal of an item's fields. */
export function tsvectorLiteral(f: IndexedFields): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  const add = (tokens: string[], weight: 'A' | 'B' | 'C' | 'D') => {
    for (const t of tokens) {
      pos = Math.min(pos + 1, MAX_POS);
      const list = positions.get(t) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${pos}${weight}`);
      positions.set(t, list);
    }
  };
  add(f.title, 'A');
  add(f.numbers, 'A');
  add(f.summary, 'B');
  add(f.body, 'C');
  add(f.attachments, 'D');
  return [...positions].map(([t, p]) => `${lexeme(t)}:${p.join(',')}`).join(' ');
}

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

export const postgresIndex: SearchIndex = {
  async upsert(conn, itemId, f) {
    await sql`UPDATE search_docs SET tsv = CAST(${tsvectorLiteral(f)} AS tsvector)
      WHERE item_id = ${itemId}`.execute(conn);
  },

  async remove(conn, itemId) {
    await sql`UPDATE search_docs SET tsv = NULL WHERE item_id = ${itemId}`.execute(conn);
  },

  async clear(conn, itemIds) {
    if (itemIds === null) await sql`UPDATE search_docs SET tsv = NULL`.execute(conn);
    else if (itemIds.length)
      await sql`UPDATE search_docs SET tsv = NULL
        WHERE item_id = ANY(${sql.val(itemIds)}::int[])`.execute(conn);
  },

  async page(conn, q, sort, limit, offset): Promise<Hit[]> {
    const order =
      sort === 'date'
        ? sql`i.published_on DESC, i.id DESC`
        : sql`exact DESC, round(CAST(${RANK} AS numeric), 4) DESC, i.published_on DESC, i.id DESC`;
    const r = await sql<{ id: number; exact: boolean }>`
      SELECT i.id AS id, ${RANK} AS score,
        (d.doc_number_key = ${q.key} OR d.index_no_key = ${q.key}) IS TRUE AS exact
      FROM search_docs d
      JOIN items i ON i.id = d.item_id
      CROSS JOIN CAST(${tsqueryLiteral(q.groups)} AS tsquery) AS q
      WHERE d.tsv @@ q AND ${publicFilters(q.filters)}
      ORDER BY ${order}
      LIMIT ${limit} OFFSET ${offset}`.execute(conn);
    return r.rows.map((row) => ({ id: row.id, exact: row.exact }));
  },

  async facets(conn, q): Promise<FacetRow[]> {
    const r = await sql<FacetRow>`
      SELECT ${FACET_SELECT}
      FROM search_docs d JOIN items i ON i.id = d.item_id
      WHERE d.tsv @@ CAST(${tsqueryLiteral(q.groups)} AS tsquery) AND ${publicFilters(q.filters)}
      GROUP BY ${FACET_GROUP}`.execute(conn);
    return r.rows.map((row) => ({ ...row, n: Number(row.n) }));
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
