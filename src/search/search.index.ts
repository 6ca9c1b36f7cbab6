import { dialectOf, type Conn } from '../platform/db/database.js';
import type { FacetRow, Hit, IndexedFields, IndexQuery, Sort } from './search.model.js';
import { postgresIndex } from './search.index.postgres.js';
import { sqliteIndex } from './search.index.sqlite.js';

/**
 * The full-text index behind one interface; each dialect's SQL lives in one file
 * (search.index.sqlite.ts: FTS5, search.index.postgres.ts: tsvector + GIN). The index holds
 * tokens only: whether an item may be shown is decided at query time from `items` itself
 * (published and 主动公开), so a withdrawn item is never found even before it is re-indexed.
 */
export interface SearchIndex {
  /** Adds or replaces an item's tokens. */
  upsert(conn: Conn, itemId: number, fields: IndexedFields): Promise<void>;
  /** Removes an item's tokens (no-op when absent). */
  remove(conn: Conn, itemId: number): Promise<void>;
  /** Removes every item's tokens, or those of the given items. */
  clear(conn: Conn, itemIds: number[] | null): Promise<void>;
  /** One page of ranked hits. */
  page(conn: Conn, q: IndexQuery, sort: Sort, limit: number, offset: number): Promise<Hit[]>;
  /** Match counts grouped by every facet dimension. */
  facets(conn: Conn, q: IndexQuery): Promise<FacetRow[]>;
  /** The bare index query (match and rank only): the benchmark's floor. */
  bare(conn: Conn, q: IndexQuery, limit: number): Promise<number[]>;
  /** Bytes the index takes on disk, when the database can tell. */
  sizeBytes(conn: Conn): Promise<number | null>;
}

/** The index of the connection's dialect. */
export function indexFor(conn: Conn): SearchIndex {
  return dialectOf(conn) === 'postgres' ? postgresIndex : sqliteIndex;
}
