/** Types shared by the search index, service and presenters (issue 6). */

import type { IndexTokens } from './search.encode.js';

/** Pre-segmented tokens of one item, by field (weights fall from title to attachments). */
export interface IndexedFields {
  title: string[];
  /** 文号 and 索引号. */
  numbers: string[];
  summary: string[];
  body: string[];
  attachments: string[];
}

export const SORTS = ['relevance', 'date'] as const;
export type Sort = (typeof SORTS)[number];

/** Filters applied to the public items a query matches. */
export interface SearchFilters {
  /** null: the whole platform. */
  orgIds: number[] | null;
  columnId: number | null;
  category: string | null;
  year: string | null;
  docType: string | null;
  validity: string | null;
}

/** A query as the index runs it. */
export interface IndexQuery {
  groups: string[][][];
  /** 文号/索引号 key: an item with exactly this number comes first. */
  key: string;
  filters: SearchFilters;
}

/** The `search_docs` row of an item: what was indexed, and its filter and facet columns. */
export interface DocRow {
  item_id: number;
  org_id: number;
  doc_number_key: string | null;
  index_no_key: string | null;
  item_updated_at: string;
  in_index: number;
  indexed_at: string;
  published_on: string | null;
  column_id: number | null;
  category: string | null;
  doc_type: string | null;
  validity: string | null;
}

/** An item to (re)index: its row, and its tokens when it may be found (null: out of the index). */
export interface DocEntry {
  doc: DocRow;
  tokens: IndexTokens | null;
}

/** One query's answer from the index: a page of hits and the facet counts of every match. */
export interface IndexAnswer {
  hits: Hit[];
  facets: FacetRow[];
  /**
   * Null when every match was ranked and counted. Otherwise more than this many items match
   * (SEARCH_WINDOW): the hits are ranked, and the total and facets counted, over the newest
   * SEARCH_WINDOW of them (by item id, i.e. the most recently added).
   */
  window: number | null;
}

/**
 * Most matches one query ranks and counts. A two-character query such as 通知 or 工作 matches
 * most of a large catalogue; ranking and counting hundreds of thousands of matches takes seconds
 * on either database, and a reader can page through at most MAX_PAGE × PAGE_SIZE (1,000) of them.
 * Beyond this many, the newest SEARCH_WINDOW matches are ranked (title matches first, as always)
 * and the page says that there are more than SEARCH_WINDOW results.
 */
export const SEARCH_WINDOW = 2000;

/**
 * Words (query groups) from which a query is taken for a whole title: it usually matches a few
 * hundred items, so both indexes look for all its matches at once instead of the newest first.
 * Fewer words match more often than SEARCH_WINDOW items, and then that search is wasted.
 */
export const WHOLE_TITLE_GROUPS = 5;

/** One ranked hit: the item id and whether its 文号 or 索引号 equals the query. */
export interface Hit {
  id: number;
  exact: boolean;
}

export const FACET_DIMS = ['total', 'org', 'column', 'year', 'doc_type', 'validity'] as const;
/** Most values counted per facet (what a platform-wide search shows of its org and column facets). */
export const FACET_MAX_VALUES = 50;
export type FacetDim = (typeof FACET_DIMS)[number];

/** The number of matching items with one value of one facet dimension (value null: none). */
export interface FacetRow {
  dim: FacetDim;
  value: string | null;
  n: number;
}

/** Column weights: title well above 文号/索引号, summary, body and attachment text. */
export const FIELD_WEIGHTS = {
  title: 10,
  numbers: 8,
  summary: 3,
  body: 1,
  attachments: 0.6,
} as const;

/** Limits of what is indexed per item (characters), to keep rows and the index bounded. */
export const INDEX_LIMITS = { body: 30000, attachments: 60000 } as const;

/** Limits of a query. */
export const QUERY_MAX_CHARS = 100;
export const PAGE_SIZE = 20;
export const MAX_PAGE = 50;

/**
 * PostgreSQL ranks a bounded candidate set with the full relevance (see search.index.postgres.ts):
 * at least this many, and always every row up to the page asked for.
 */
export const RERANK_CANDIDATES = 200;
