import { sql, type RawBuilder } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import {
  FACET_MAX_VALUES,
  type FacetDim,
  type FacetRow,
  type Hit,
  type IndexAnswer,
  type SearchFilters,
} from './search.model.js';

/** SQL fragments shared by both index dialects. */

/**
 * The filter conditions on `search_docs d`. Visibility needs no condition: only published
 * 主动公开 items have tokens in the index (the catalogue re-indexes an item in the transaction
 * that publishes, edits or withdraws it), and the filter columns are copied into `search_docs`
 * when the item is indexed, so a query never joins `items` for its matches.
 */
export function docFilters(f: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`d.published_on IS NOT NULL`];
  if (f.orgIds) {
    parts.push(
      f.orgIds.length
        ? sql`d.org_id IN (${sql.join(f.orgIds.map((id) => sql`${id}`))})`
        : sql`1 = 0`,
    );
  }
  if (f.columnId !== null) parts.push(sql`d.column_id = ${f.columnId}`);
  if (f.category !== null) parts.push(sql`d.category = ${f.category}`);
  if (f.year !== null) parts.push(sql`substr(d.published_on, 1, 4) = ${f.year}`);
  if (f.docType !== null) parts.push(sql`d.doc_type = ${f.docType}`);
  if (f.validity !== null) parts.push(sql`d.validity = ${f.validity}`);
  return sql.join(parts, sql` AND `);
}

/** Columns the matches CTE `m` carries for the facet counts (besides item_id and exact). */
export const MATCH_COLUMNS = sql`d.org_id AS org_id, d.column_id AS column_id,
  substr(d.published_on, 1, 4) AS year, d.doc_type AS doc_type, d.validity AS validity,
  d.published_on AS published_on`;

/**
 * The facet half of the one-pass query: per dimension, the number of matches with each value
 * (five small GROUP BYs over the materialised matches `m`, the FACET_MAX_VALUES largest of
 * each) and the total.
 */
export const FACET_ROWS = sql.join(
  [
    sql`SELECT 'f' AS kind, NULL AS id, 0 AS exact, 'total' AS dim, NULL AS value,
      count(*) AS n, NULL AS pos FROM m`,
    ...[
      ['org', 'org_id'],
      ['column', 'column_id'],
      ['year', 'year'],
      ['doc_type', 'doc_type'],
      ['validity', 'validity'],
    ].map(
      // Typed NULLs: PostgreSQL makes an untyped NULL of a subquery text.
      ([dim, col]) => sql`SELECT * FROM (SELECT 'f' AS kind, CAST(NULL AS integer) AS id,
        0 AS exact, ${sql.lit(dim)} AS dim, CAST(${sql.ref(col ?? '')} AS text) AS value,
        count(*) AS n, CAST(NULL AS integer) AS pos
        FROM m GROUP BY ${sql.ref(col ?? '')} ORDER BY count(*) DESC
        LIMIT ${sql.lit(FACET_MAX_VALUES)}) AS ${sql.ref(`f_${dim}`)}`,
    ),
  ],
  sql` UNION ALL `,
);

/**
 * The hit half: the page `t` (already ordered and limited by `order`) numbered in that order,
 * with the same columns as FACET_ROWS.
 */
export function hitRows(
  page: RawBuilder<unknown>,
  order: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`SELECT 'h' AS kind, t.id AS id, t.exact AS exact, NULL AS dim, NULL AS value,
    NULL AS n, row_number() OVER (ORDER BY ${order}) AS pos
    FROM (${page}) AS t`;
}

/** A row of the one-pass query: kind 'h' (a hit, in rank order) or 'f' (a facet count). */
export interface PassRow {
  kind: string;
  id: number | null;
  exact: number | boolean | null;
  dim: FacetDim | null;
  value: string | null;
  n: number | string | null;
  pos?: number | string | null;
}

/** Splits the one-pass rows into hits (in `pos` order) and facet rows. */
export function answerOf(rows: PassRow[]): IndexAnswer {
  const hits: (Hit & { pos: number })[] = [];
  const facets: FacetRow[] = [];
  for (const r of rows) {
    if (r.kind === 'h' && r.id !== null)
      hits.push({ id: Number(r.id), exact: r.exact === true || r.exact === 1, pos: Number(r.pos) });
    else if (r.kind === 'f' && r.dim !== null)
      facets.push({ dim: r.dim, value: r.value, n: Number(r.n) });
  }
  hits.sort((a, b) => a.pos - b.pos);
  return { hits: hits.map(({ id, exact }) => ({ id, exact })), facets, window: null };
}

/**
 * Whether an indexed item (`indexed`: the dialect's condition for having tokens) whose 文号 or
 * 索引号 is `key` has an id below `floor`, i.e. lies outside a query's window of the newest
 * matches: it must still come first, so then every match is ranked.
 */
export async function exactBelow(
  conn: Conn,
  key: string,
  floor: number,
  indexed: RawBuilder<unknown>,
): Promise<boolean> {
  const r = await sql`SELECT 1 FROM search_docs
    WHERE (doc_number_key = ${key} OR index_no_key = ${key}) AND ${indexed}
      AND item_id < ${floor} LIMIT 1`.execute(conn);
  return r.rows.length > 0;
}
