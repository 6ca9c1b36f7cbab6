import { Button, Checkbox, SelectField, TextField } from '../platform/views/components/form.js';
import { Notice, Pager } from '../platform/views/components/misc.js';
import { PortalLayout, type PortalOrg } from '../platform/views/layouts.js';
import type { SearchQuery } from './search.schema.js';
import type { FacetValue, SearchHit, SearchResult } from './search.service.js';
import { DOC_TYPE_LABELS, VALIDITY_LABELS } from './search.service.js';
import type { Segment } from './search.text.js';

/** The portal search page: a GET form (works without JavaScript), facets, results, pager. */

const FILTER_LABELS: Record<string, string> = {
  org: '发布机构',
  column: '栏目',
  year: '年份',
  doc_type: '文件类型',
  validity: '有效性',
  children: '包括下级单位',
};

/** The page URL for a query with some parameters changed (null removes one); page resets. */
export function searchHref(
  action: string,
  query: SearchQuery,
  change: Record<string, string | null>,
): string {
  const p = new URLSearchParams();
  const current: Record<string, string | undefined> = {
    q: query.q,
    org: query.org,
    children: query.children ? '1' : undefined,
    column: query.column,
    category: query.category,
    year: query.year,
    doc_type: query.doc_type,
    validity: query.validity,
    sort: query.sort,
  };
  for (const [k, v] of Object.entries({ ...current, ...change }))
    if (v !== undefined && v !== null && v !== '') p.set(k, v);
  return `${action}?${p.toString()}`;
}

function Marked(props: { segments: Segment[] }) {
  return <>{props.segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

function Hit(props: { hit: SearchHit; showOrg: boolean }) {
  const h = props.hit;
  return (
    <li class="search-result">
      <h2 class="search-result__title">
        <a href={h.url}>
          <Marked segments={h.titleMarked} />
        </a>
      </h2>
      {h.snippet.length ? (
        <p class="search-result__snippet">
          <Marked segments={h.snippet} />
        </p>
      ) : null}
      <p class="search-result__meta muted">
        {props.showOrg ? <span>发布机构：{h.org.name}　</span> : null}
        {h.docNumber ? <span>文号：{h.docNumber}　</span> : null}
        {h.indexNo ? <span>索引号：{h.indexNo}　</span> : null}
        {h.publishedOn ? <span>发布日期：{h.publishedOn}</span> : null}
      </p>
    </li>
  );
}

function Facet(props: {
  name: string;
  title: string;
  values: FacetValue[];
  action: string;
  query: SearchQuery;
}) {
  if (props.values.length === 0) return null;
  return (
    <section class="facet" aria-labelledby={`facet-${props.name}`}>
      <h3 id={`facet-${props.name}`}>{props.title}</h3>
      <ul>
        {props.values.slice(0, 12).map((v) => (
          <li key={v.value}>
            <a href={searchHref(props.action, props.query, { [props.name]: v.value })}>
              {v.label}（{v.count}）
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Filters in force, each with a link that drops it (the empty-result suggestions too). */
function activeFilters(
  query: SearchQuery,
  fixedOrg: boolean,
): Array<{ name: string; label: string }> {
  const out: Array<{ name: string; label: string }> = [];
  if (query.org && !fixedOrg)
    out.push({ name: 'org', label: `${FILTER_LABELS.org}：${query.org}` });
  if (query.column) out.push({ name: 'column', label: `${FILTER_LABELS.column}：${query.column}` });
  if (query.year) out.push({ name: 'year', label: `${FILTER_LABELS.year}：${query.year}` });
  if (query.doc_type)
    out.push({
      name: 'doc_type',
      label: `${FILTER_LABELS.doc_type}：${DOC_TYPE_LABELS[query.doc_type] ?? query.doc_type}`,
    });
  if (query.validity)
    out.push({
      name: 'validity',
      label: `${FILTER_LABELS.validity}：${VALIDITY_LABELS[query.validity] ?? query.validity}`,
    });
  return out;
}

export interface SearchPageProps {
  org: PortalOrg | null;
  nav?: Array<{ href: string; label: string }>;
  action: string;
  query: SearchQuery;
  result: SearchResult | null;
  /** A clear message for a query that cannot be searched (too short, too long, bad filter). */
  message: { code: string; text: string } | null;
  elderMode: boolean;
  path: string;
}

function SearchForm(props: SearchPageProps) {
  const q = props.query;
  const options = (labels: Record<string, string>) =>
    Object.entries(labels).map(([value, label]) => ({ value, label }));
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => String(thisYear - i)).map((y) => ({
    value: y,
    label: `${y}年`,
  }));
  return (
    <form method="get" action={props.action} class="search-form" role="search">
      <TextField
        name="q"
        label="检索词"
        value={q.q}
        hint="可输入标题中的词语、文号（如 温高管〔2022〕1号）或索引号"
        error={props.message?.text}
      />
      {props.org ? (
        <Checkbox name="children" value="1" label="包括下级单位发布的信息" checked={q.children} />
      ) : null}
      <details
        class="search-form__more"
        open={!!(q.year || q.doc_type || q.validity || q.sort === 'date')}
      >
        <summary>更多条件</summary>
        <SelectField
          name="year"
          label="发布年份"
          value={q.year}
          options={years}
          emptyLabel="不限"
        />
        <SelectField
          name="doc_type"
          label="文件类型"
          value={q.doc_type}
          options={options(DOC_TYPE_LABELS)}
          emptyLabel="不限"
        />
        <SelectField
          name="validity"
          label="有效性"
          value={q.validity}
          options={options(VALIDITY_LABELS)}
          emptyLabel="不限"
        />
        <SelectField
          name="sort"
          label="排序"
          value={q.sort ?? 'relevance'}
          options={[
            { value: 'relevance', label: '按相关度' },
            { value: 'date', label: '按发布日期' },
          ]}
        />
      </details>
      {q.org && !props.org ? <input type="hidden" name="org" value={q.org} /> : null}
      {q.column ? <input type="hidden" name="column" value={q.column} /> : null}
      <Button>检索</Button>
    </form>
  );
}

function Results(props: SearchPageProps & { result: SearchResult }) {
  const { result, query, action } = props;
  const filters = activeFilters(query, props.org !== null);
  if (result.total === 0)
    return (
      <div class="search-empty" data-result-count="0">
        <h2>未找到与“{query.q}”相关的信息</h2>
        <ul>
          {filters.map((f) => (
            <li key={f.name}>
              <a href={searchHref(action, query, { [f.name]: null })}>
                去掉条件“{f.label}”后重新检索
              </a>
            </li>
          ))}
          {props.org && !query.children ? (
            <li>
              <a href={searchHref(action, query, { children: '1' })}>包括下级单位重新检索</a>
            </li>
          ) : null}
          {props.org ? (
            <li>
              <a href={searchHref('/search', query, { org: null, children: null })}>
                在全平台检索“{query.q}”
              </a>
            </li>
          ) : null}
          <li>换用更短或更常用的词语，或检查文号、索引号是否输入正确。</li>
        </ul>
      </div>
    );
  const showOrg = !props.org || query.children;
  return (
    <div class="search-layout">
      <aside class="search-facets" aria-label="筛选检索结果">
        <h2>筛选</h2>
        {filters.length ? (
          <ul class="search-filters">
            {filters.map((f) => (
              <li key={f.name}>
                <a href={searchHref(action, query, { [f.name]: null })}>{f.label}（去掉）</a>
              </li>
            ))}
          </ul>
        ) : null}
        {showOrg ? (
          <Facet
            name="org"
            title="发布机构"
            values={result.facets.org}
            action={action}
            query={query}
          />
        ) : null}
        {props.org && !query.children ? (
          <Facet
            name="column"
            title="栏目"
            values={result.facets.column}
            action={action}
            query={query}
          />
        ) : null}
        <Facet name="year" title="年份" values={result.facets.year} action={action} query={query} />
        <Facet
          name="doc_type"
          title="文件类型"
          values={result.facets.docType}
          action={action}
          query={query}
        />
        <Facet
          name="validity"
          title="有效性"
          values={result.facets.validity}
          action={action}
          query={query}
        />
      </aside>
      <div class="search-results">
        <p role="status" data-result-count={result.total}>
          {result.window === null
            ? `共找到 ${result.total} 条结果`
            : `找到超过 ${result.window} 条结果，以下按相关度列出最新的 ${result.window} 条（分类统计也基于这些结果）；可输入更具体的检索词或选择筛选条件缩小范围`}
          {result.ignored.length ? `（已忽略单字：${result.ignored.join('、')}）` : ''}
        </p>
        <ol class="search-result-list" start={(result.page - 1) * result.pageSize + 1}>
          {result.hits.map((h) => (
            <Hit key={h.url} hit={h} showOrg={showOrg} />
          ))}
        </ol>
        <Pager
          page={result.page}
          hasNext={result.hasNext}
          baseHref={searchHref(action, query, {})}
        />
      </div>
    </div>
  );
}

/** 信息检索 page of an org site or of the whole platform (条例第二十四条). */
export function SearchPage(props: SearchPageProps) {
  const title = props.query.q ? `检索：${props.query.q}` : '信息检索';
  return (
    <PortalLayout
      org={props.org}
      title={title}
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
    >
      <h1>{props.org ? '信息检索' : '全平台信息检索'}</h1>
      {props.message ? (
        <div data-error-code={props.message.code}>
          <Notice kind="warning">{props.message.text}</Notice>
        </div>
      ) : null}
      <SearchForm {...props} />
      {props.result ? <Results {...props} result={props.result} /> : null}
    </PortalLayout>
  );
}
