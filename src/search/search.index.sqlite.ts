import { sql } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { SearchIndex } from './search.index.js';
import { FIELD_WEIGHTS, type DocEntry, type IndexAnswer, type IndexQuery } from './search.model.js';
import {
  answerOf,
  docFilters,
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
const RANK = sql.raw(
  `bm25(search_fts, ${W.title}, ${W.numbers}, ${W.summary}, ${W.body}, ${W.attachments})`,
);

/** Rows per statement when writing a batch (12 columns: well under SQLite's 32,766 parameters). */
const CHUNK = 200;

/**
 * The items' rows in `search_docs` (insert or replace) and their FTS5 rows, a chunk of items per
 * statement: three statements per chunk instead of three per item (the bulk rebuild of a large
 * catalogue spends most of its main-thread time in statements otherwise).
 */
async function writeChunk(conn: Conn, entries: readonly DocEntry[]): Promise<void> {
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
  if (had.length) {
    const ids = sql.join(had.map((d) => sql`${d.item_id}`));
    await sql`DELETE FROM search_fts WHERE rowid IN (${ids})`.execute(conn);
  }
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
  const rows = entries.flatMap(({ doc, fields }) =>
    fields
      ? [
          sql`(${doc.item_id}, ${fields.title.join(' ')}, ${fields.numbers.join(' ')},
            ${fields.summary.join(' ')}, ${fields.body.join(' ')}, ${fields.attachments.join(' ')})`,
        ]
      : [],
  );
  if (rows.length)
    await sql`INSERT INTO search_fts (rowid, title, numbers, summary, body, attachments)
      VALUES ${sql.join(rows)}`.execute(conn);
}

export const sqliteIndex: SearchIndex = {
  async write(conn, entries) {
    // One entry per item: a later duplicate in the same chunk would make the upsert fail.
    const latest = [...new Map(entries.map((e) => [e.doc.item_id, e])).values()];
    for (let i = 0; i < latest.length; i += CHUNK)
      await writeChunk(conn, latest.slice(i, i + CHUNK));
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

  async beginBulk() {},
  async endBulk() {},

  /**
   * One statement: the matches `m` (FTS5 MATCH, bm25, the filter and facet columns from
   * `search_docs`) are materialised once, then give both the page and the facet counts.
   */
  async query(conn, q: IndexQuery, sort, limit, offset): Promise<IndexAnswer> {
    const order =
      sort === 'date'
        ? sql`published_on DESC, id DESC`
        : sql`exact DESC, round(score, 2), published_on DESC, id DESC`;
    const r = await sql<PassRow>`
      WITH m AS MATERIALIZED (
        SELECT d.item_id AS id, ${RANK} AS score,
          CASE WHEN d.doc_number_key = ${q.key} OR d.index_no_key = ${q.key} THEN 1 ELSE 0 END
            AS exact,
          ${MATCH_COLUMNS}
        -- CROSS JOIN: SQLite keeps this order (the FTS5 match drives, search_docs by key).
        FROM search_fts CROSS JOIN search_docs d ON d.item_id = search_fts.rowid
        WHERE search_fts MATCH ${fts5Expression(q.groups)} AND ${docFilters(q.filters)}
      )
      ${hitRows(sql`SELECT id, exact, score, published_on FROM m ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, order)}
      UNION ALL
      ${FACET_ROWS}`.execute(conn);
    return answerOf(r.rows);
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
