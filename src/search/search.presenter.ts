import type { SearchQuery } from './search.schema.js';
import type { SearchInput, SearchResult } from './search.service.js';
import { segmentsToHtml } from './search.text.js';

/** What the API and the CLI show of a search: public catalogue fields only. */

/** The service input of a parsed query string; `orgFromPath` wins over `?org=`. */
export function toSearchInput(query: SearchQuery, orgFromPath: string | null = null): SearchInput {
  return {
    q: query.q,
    org: orgFromPath ?? query.org ?? null,
    children: query.children,
    column: query.column ?? null,
    category: query.category ?? null,
    year: query.year ?? null,
    docType: query.doc_type ?? null,
    validity: query.validity ?? null,
    sort: query.sort ?? 'relevance',
    page: query.page,
  };
}

/** One result as the API and `gongkai search --format json` give it. */
export interface ApiSearchHit {
  ref: string;
  index_no: string | null;
  title: string;
  doc_number: string | null;
  published_on: string | null;
  url: string;
  org: { code: string; name: string };
  /** Title as HTML: escaped, matches in <mark>. */
  title_html: string;
  /** Snippet as HTML: escaped, matches in <mark>. */
  snippet: string;
}

/** Absolute URL when the public address is configured, the path otherwise. */
export function absoluteUrl(publicUrl: string | undefined, path: string): string {
  return publicUrl ? new URL(path, publicUrl).toString() : path;
}

export function toApiHits(result: SearchResult, publicUrl?: string): ApiSearchHit[] {
  return result.hits.map((h) => ({
    ref: h.ref,
    index_no: h.indexNo,
    title: h.title,
    doc_number: h.docNumber,
    published_on: h.publishedOn,
    url: absoluteUrl(publicUrl, h.url),
    org: h.org,
    title_html: segmentsToHtml(h.titleMarked),
    snippet: segmentsToHtml(h.snippet),
  }));
}

/** The JSON body of GET /api/v1/search. */
export function toApiResult(input: SearchInput, result: SearchResult, publicUrl?: string) {
  return {
    query: input.q,
    sort: input.sort,
    total: result.total,
    // More than `total` items match; hits, total and facets are of the newest `total` of them.
    total_is_lower_bound: result.window !== null,
    page: result.page,
    page_size: result.pageSize,
    has_next: result.hasNext,
    results: toApiHits(result, publicUrl),
    facets: {
      org: result.facets.org,
      column: result.facets.column,
      year: result.facets.year,
      doc_type: result.facets.docType,
      validity: result.facets.validity,
    },
    ignored: result.ignored,
  };
}
