import { sql } from 'kysely';
import type { SearchIndex } from './search.index.js';
import { FIELD_WEIGHTS, type FacetRow, type Hit, type IndexQuery } from './search.model.js';
import { FACET_GROUP, FACET_SELECT, publicFilters } from './search.sql.js';

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
const RANK = sql.raw(
  `bm25(search_fts, ${W.title}, ${W.numbers}, ${W.summary}, ${W.body}, ${W.attachments})`,
);

export const sqliteIndex: SearchIndex = {
  async upsert(conn, itemId, f) {
    await sql`DELETE FROM search_fts WHERE rowid = ${itemId}`.execute(conn);
    await sql`INSERT INTO search_fts (rowid, title, numbers, summary, body, attachments)
      VALUES (${itemId}, ${f.title.join(' ')}, ${f.numbers.join(' ')}, ${f.summary.join(' ')},
              ${f.body.join(' ')}, ${f.attachments.join(' ')})`.execute(conn);
  },

  async remove(conn, itemId) {
    await sql`DELETE FROM search_fts WHERE rowid = ${itemId}`.execute(conn);
  },

  async clear(conn, itemIds) {
    if (itemIds === null) await sql`DELETE FROM search_fts`.execute(conn);
    else
      for (let i = 0; i < itemIds.length; i += 500) {
        const chunk = itemIds.slice(i, i + 500).map((id) => sql`${id}`);
        await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(chunk)})`.execute(conn);
      }
  },

  async page(conn, q: IndexQuery, sort, limit, offset): Promise<Hit[]> {
    const order =
      sort === 'date'
        ? sql`i.published_on DESC, i.id DESC`
        : sql`exact DESC, round(score, 2), i.published_on DESC, i.id DESC`;
    const r = await sql<{ id: number; exact: number }>`
      SELECT i.id AS id, ${RANK} AS score,
        CASE WHEN d.doc_number_key = ${q.key} OR d.index_no_key = ${q.key} THEN 1 ELSE 0 END AS exact
      FROM search_fts
      JOIN items i ON i.id = search_fts.rowid
      LEFT JOIN search_docs d ON d.item_id = i.id
      WHERE search_fts MATCH ${fts5Expression(q.groups)} AND ${publicFilters(q.filters)}
      ORDER BY ${order}
      LIMIT ${limit} OFFSET ${offset}`.execute(conn);
    return r.rows.map((row) => ({ id: row.id, exact: row.exact === 1 }));
  },

  async facets(conn, q): Promise<FacetRow[]> {
    const r = await sql<FacetRow>`
      SELECT ${FACET_SELECT}
      FROM search_fts JOIN items i ON i.id = search_fts.rowid
      WHERE search_fts MATCH ${fts5Expression(q.groups)} AND ${publicFilters(q.filters)}
      GROUP BY ${FACET_GROUP}`.execute(conn);
    return r.rows.map((row) => ({ ...row, n: Number(row.n) }));
  },

  async bare(conn, q, limit) {
    const r = await sql<{ id: number }>`
      SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${fts5Expression(q.groups)}
      ORDER BY ${RANK} LIMIT ${limit}`.execute(conn);
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
