import { sql, type RawBuilder } from 'kysely';
import type { SearchFilters } from './search.model.js';

/** SQL fragments shared by both index dialects. */

/**
 * The portable WHERE conditions on `items i`: public (published and 主动公开) and the filters.
 * Shared by both dialects so the visibility rule lives in one place.
 */
export function publicFilters(f: SearchFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [
    sql`i.status = 'published'`,
    sql`i.attribute = 'active'`,
    sql`i.published_on IS NOT NULL`,
  ];
  if (f.orgIds) {
    parts.push(
      f.orgIds.length
        ? sql`i.org_id IN (${sql.join(f.orgIds.map((id) => sql`${id}`))})`
        : sql`1 = 0`,
    );
  }
  if (f.columnId !== null) parts.push(sql`i.column_id = ${f.columnId}`);
  if (f.category !== null) parts.push(sql`i.category = ${f.category}`);
  if (f.year !== null) parts.push(sql`substr(i.published_on, 1, 4) = ${f.year}`);
  if (f.docType !== null) parts.push(sql`i.doc_type = ${f.docType}`);
  if (f.validity !== null) parts.push(sql`i.validity = ${f.validity}`);
  return sql.join(parts, sql` AND `);
}

/** The facet columns selected from `items i`, the same on both dialects. */
export const FACET_SELECT = sql`i.org_id AS org_id, i.column_id AS column_id,
  substr(i.published_on, 1, 4) AS year, i.doc_type AS doc_type, i.validity AS validity,
  count(*) AS n`;

/** The GROUP BY matching FACET_SELECT. */
export const FACET_GROUP = sql`i.org_id, i.column_id, substr(i.published_on, 1, 4), i.doc_type, i.validity`;
