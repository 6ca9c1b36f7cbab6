/** Types shared by the search index, service and presenters (issue 6). */

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

/** One ranked hit: the item id and whether its 文号 or 索引号 equals the query. */
export interface Hit {
  id: number;
  exact: boolean;
}

/** Counts of matching items per combination of facet values (summed by the service). */
export interface FacetRow {
  org_id: number;
  column_id: number | null;
  year: string | null;
  doc_type: string;
  validity: string | null;
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
