import { dialectOf, type Conn } from '../platform/db/database.js';
import type { IndexKind } from './search.encode.js';
import type { DocEntry, IndexAnswer, IndexQuery, Sort } from './search.model.js';
import { postgresIndex } from './search.index.postgres.js';
import { sqliteIndex } from './search.index.sqlite.js';

/**
 * The full-text index behind one interface; each dialect's SQL lives in one file
 * (search.index.sqlite.ts: FTS5, search.index.postgres.ts: tsvector + GIN). Only published
 * 主动公开 items have tokens in the index; the catalogue re-indexes an item in the transaction
 * that publishes, edits or withdraws it (search.indexer.ts), so the index never lags.
 */
export interface SearchIndex {
  /** How `write` wants an item's tokens (encodeFields in search.encode.ts). */
  kind: IndexKind;
  /**
   * Writes items' `search_docs` rows and their tokens (entries with null fields are taken out
   * of the index but keep their row, which records the version seen).
   */
  write(conn: Conn, entries: DocEntry[]): Promise<void>;
  /** Removes an item's row and tokens (the item is gone). */
  remove(conn: Conn, itemId: number): Promise<void>;
  /** Removes every item's tokens, or those of the given items. */
  clear(conn: Conn, itemIds: number[] | null): Promise<void>;
  /** Before and after a full rebuild (PostgreSQL builds its GIN index once, after the load). */
  beginBulk(conn: Conn): Promise<void>;
  endBulk(conn: Conn): Promise<void>;
  /**
   * Repairs what would make index writes slow (SQLite: the row estimate an ANALYZE of a nearly
   * empty FTS5 table leaves behind); run by every rebuild and by the `search.sync` job.
   */
  maintain(conn: Conn): Promise<void>;
  /** One page of ranked hits and the facet counts of all matches, in one pass. */
  query(conn: Conn, q: IndexQuery, sort: Sort, limit: number, offset: number): Promise<IndexAnswer>;
  /** The bare index query (match and rank only): the benchmark's floor. */
  bare(conn: Conn, q: IndexQuery, limit: number): Promise<number[]>;
  /** Bytes the index takes on disk, when the database can tell. */
  sizeBytes(conn: Conn): Promise<number | null>;
}

/** The index of the connection's dialect. */
export function indexFor(conn: Conn): SearchIndex {
  return dialectOf(conn) === 'postgres' ? postgresIndex : sqliteIndex;
}
