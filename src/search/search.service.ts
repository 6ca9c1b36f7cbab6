import type { AppContext } from '../platform/context.js';
import { limited } from './search.limit.js';
import { AppError, NotFoundError } from '../platform/errors.js';
import { itemHref } from '../portal/portal.presenter.js';
import { descendantsOf, findOrg } from '../orgs/orgs.service.js';
import { indexFor } from './search.index.js';
import {
  MAX_PAGE,
  PAGE_SIZE,
  QUERY_MAX_CHARS,
  FACET_MAX_VALUES,
  type FacetRow,
  type IndexQuery,
  type SearchFilters,
  type Sort,
} from './search.model.js';
import { attachmentStarts, facetLabels, findColumnId, resultRows } from './search.repository.js';
import { planQuery, type QueryPlan } from './search.segment.js';
import { htmlToText, highlight, markTerms, snippet, type Segment } from './search.text.js';
import { segmenterFor } from './search.vocabulary.js';

/** A search as routes, the API and the CLI ask for it (already parsed by search.schema.ts). */
export interface SearchInput {
  q: string;
  /** Org code; null = the whole platform. */
  org: string | null;
  /** Include the org's subordinate orgs (a supervising org searching its children). */
  children: boolean;
  column: string | null;
  category: string | null;
  year: string | null;
  docType: string | null;
  validity: string | null;
  sort: Sort;
  page: number;
}

/** One ranked result. */
export interface SearchHit {
  ref: string;
  indexNo: string | null;
  title: string;
  titleMarked: Segment[];
  docNumber: string | null;
  publishedOn: string | null;
  url: string;
  org: { code: string; name: string };
  snippet: Segment[];
  exact: boolean;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchResult {
  /** Items found; with `window`, the number ranked (more match). */
  total: number;
  /**
   * Null when every match was ranked and counted; else more than this many items match and the
   * hits, total and facets are of the newest this many (SEARCH_WINDOW).
   */
  window: number | null;
  page: number;
  pageSize: number;
  hasNext: boolean;
  hits: SearchHit[];
  facets: {
    org: FacetValue[];
    column: FacetValue[];
    year: FacetValue[];
    docType: FacetValue[];
    validity: FacetValue[];
  };
  /** Characters that were ignored (a lone Chinese character cannot be searched). */
  ignored: string[];
}

export const DOC_TYPE_LABELS: Record<string, string> = {
  rule: '规章',
  normative: '行政规范性文件',
  other: '其他文件',
};
export const VALIDITY_LABELS: Record<string, string> = {
  valid: '有效',
  invalid: '失效',
  abolished: '废止',
};

/** The query rules, checked the same way for the page, the API and the CLI. */
export function checkQueryText(q: string): void {
  if (q.trim() === '') throw new AppError('ERR_SEARCH_QUERY_EMPTY', 400, '请输入检索词。');
  if ([...q].length > QUERY_MAX_CHARS)
    throw new AppError(
      'ERR_SEARCH_QUERY_TOO_LONG',
      400,
      `检索词不能超过 ${QUERY_MAX_CHARS} 个字，请缩短后重试。`,
    );
}

/** A plan with nothing searchable left (a lone character) is ERR_SEARCH_QUERY_TOO_SHORT. */
export function checkPlan(plan: QueryPlan): void {
  if (plan.groups.length === 0)
    throw new AppError(
      'ERR_SEARCH_QUERY_TOO_SHORT',
      400,
      '检索词太短：请至少输入两个汉字，或一个完整的英文单词、数字（如“社保”“2022”）。',
    );
}

async function filtersOf(ctx: AppContext, input: SearchInput): Promise<SearchFilters> {
  let orgIds: number[] | null = null;
  let columnId: number | null = null;
  if (input.org !== null) {
    const org = await findOrg(ctx, input.org);
    if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
    orgIds = [org.id];
    if (input.children) orgIds.push(...(await descendantsOf(ctx, org.id)).map((o) => o.id));
    if (input.column !== null) columnId = (await findColumnId(ctx.db, org.id, input.column)) ?? -1;
  }
  return {
    orgIds,
    columnId,
    category: input.category,
    year: input.year,
    docType: input.docType,
    validity: input.validity,
  };
}

function count(rows: FacetRow[], dim: FacetRow['dim']): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) if (r.dim === dim && r.value !== null) out.set(r.value, r.n);
  return out;
}

/** The keys of the largest counts. */
function top(m: Map<string, number>): string[] {
  return [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, FACET_MAX_VALUES)
    .map(([k]) => k);
}

async function facetsOf(ctx: AppContext, rows: FacetRow[]): Promise<SearchResult['facets']> {
  const orgCounts = count(rows, 'org');
  const colCounts = count(rows, 'column');
  const orgKeys = top(orgCounts);
  const colKeys = top(colCounts);
  const labels = await facetLabels(ctx.db, orgKeys.map(Number), colKeys.map(Number));
  const orgs = new Map(labels.orgs.map((o) => [String(o.id), o]));
  const columns = new Map(labels.columns.map((c) => [String(c.id), c]));
  const byCount = (a: FacetValue, b: FacetValue) =>
    b.count - a.count || a.label.localeCompare(b.label);
  const values = (
    m: Map<string, number>,
    keys: string[],
    label: (k: string) => { value: string; label: string } | null,
  ) =>
    keys.flatMap((k) => {
      const l = label(k);
      return l ? [{ ...l, count: m.get(k) ?? 0 }] : [];
    });
  const all = (m: Map<string, number>) => [...m.keys()];
  const years = count(rows, 'year');
  const types = count(rows, 'doc_type');
  const validity = count(rows, 'validity');
  return {
    org: values(orgCounts, orgKeys, (k) => {
      const o = orgs.get(k);
      return o ? { value: o.code, label: o.name } : null;
    }).sort(byCount),
    column: values(colCounts, colKeys, (k) => {
      const c = columns.get(k);
      return c ? { value: c.code, label: c.name } : null;
    }).sort(byCount),
    year: values(years, all(years), (k) => ({ value: k, label: `${k}年` })).sort((a, b) =>
      b.value.localeCompare(a.value),
    ),
    docType: values(types, all(types), (k) => ({ value: k, label: DOC_TYPE_LABELS[k] ?? k })).sort(
      byCount,
    ),
    validity: values(validity, all(validity), (k) => ({
      value: k,
      label: VALIDITY_LABELS[k] ?? k,
    })).sort(byCount),
  };
}

/**
 * Searches the public catalogue (条例第二十四条 信息检索): ranked hits with highlighted titles and
 * snippets, facet counts and paging. Only published 主动公开 items are ever returned.
 */
export async function search(ctx: AppContext, input: SearchInput): Promise<SearchResult> {
  checkQueryText(input.q);
  const plan = planQuery(await segmenterFor(ctx.db), input.q);
  checkPlan(plan);
  const page = Math.min(Math.max(1, input.page), MAX_PAGE);
  const q: IndexQuery = {
    groups: plan.groups,
    key: plan.key,
    filters: await filtersOf(ctx, input),
  };
  const {
    hits,
    facets: facetRows,
    window,
  } = await limited(ctx.db, () =>
    indexFor(ctx.db).query(ctx.db, q, input.sort, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE),
  );
  const shown = hits.slice(0, PAGE_SIZE);
  const ids = shown.map((h) => h.id);
  const rows = new Map((await resultRows(ctx.db, ids)).map((r) => [r.id, r]));
  const attached = await attachmentStarts(ctx.db, ids);
  const terms = markTerms(plan.highlight);
  return {
    total: facetRows.find((r) => r.dim === 'total')?.n ?? 0,
    window,
    page,
    pageSize: PAGE_SIZE,
    hasNext: hits.length > PAGE_SIZE,
    hits: shown.flatMap((h) => {
      const r = rows.get(h.id);
      if (!r) return [];
      return [
        {
          ref: r.ref,
          indexNo: r.index_no,
          title: r.title,
          titleMarked: highlight(r.title, terms),
          docNumber: r.doc_number,
          publishedOn: r.published_on,
          url: itemHref(r.org_code, r.id),
          org: { code: r.org_code, name: r.org_name },
          snippet: snippet([r.summary, htmlToText(r.body_html), attached.get(r.id)], terms),
          exact: h.exact,
        },
      ];
    }),
    facets: await facetsOf(ctx, facetRows),
    ignored: plan.dropped,
  };
}
