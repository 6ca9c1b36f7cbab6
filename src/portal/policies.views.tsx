import { Button, SelectField, TextField } from '../platform/views/components/form.js';
import { Pager } from '../platform/views/components/misc.js';
import { PortalLayout } from '../platform/views/layouts.js';
import type { Org } from '../orgs/orgs.model.js';
import { Breadcrumbs } from './portal.components.js';
import { toPortalOrg, type PublicItemSummary } from './portal.presenter.js';
import type { PolicyFilters } from './portal.repository.js';

/** The query string of the filters (for paging links), without empty values. */
export function filterQuery(f: PolicyFilters): string {
  const p = new URLSearchParams();
  if (f.year !== undefined) p.set('year', String(f.year));
  if (f.docType) p.set('doc_type', f.docType);
  if (f.validity) p.set('validity', f.validity);
  if (f.topic) p.set('topic', f.topic);
  if (f.docNumber) p.set('doc_number', f.docNumber);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function PolicyList(props: { items: PublicItemSummary[] }) {
  if (props.items.length === 0) return <p>没有符合条件的政策文件，请调整筛选条件。</p>;
  return (
    <ul class="item-list">
      {props.items.map((i) => (
        <li key={i.href} class="item-list__item">
          <a href={i.href}>{i.title}</a>
          <span class="item-list__meta">
            {i.docNumber ? <span>文号：{i.docNumber}</span> : null}
            <span>
              成文日期：<time dateTime={i.formedOn}>{i.formedOn}</time>
            </span>
            {i.validity ? <span>有效性：{i.validity}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * GET /:org/policies: the 政策文件 library (统一主动公开公文库) with filters by year, doc type,
 * validity, 主题分类 and 文号, as a plain GET form that works without JavaScript.
 */
export function PolicyLibraryPage(props: {
  org: Org;
  nav: Array<{ href: string; label: string }>;
  filters: PolicyFilters;
  facets: { years: number[]; topics: string[] };
  items: PublicItemSummary[];
  page: number;
  hasNext: boolean;
  elderMode: boolean;
  path: string;
}) {
  const { org, filters: f } = props;
  const base = `/${org.code}/policies`;
  return (
    <PortalLayout
      org={toPortalOrg(org)}
      title="政策文件"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
      meta={{ ColumnName: '政策文件', ColumnType: '政策文件' }}
    >
      <Breadcrumbs trail={[{ href: `/${org.code}/`, label: '首页' }, { label: '政策文件' }]} />
      <h1>政策文件</h1>
      <p>本栏目集中公开本机关制发的规章、行政规范性文件和其他政策文件。</p>
      <form method="get" action={base} class="filters" role="search" aria-label="筛选政策文件">
        <SelectField
          name="year"
          label="成文年份"
          value={f.year}
          emptyLabel="全部年份"
          options={props.facets.years.map((y) => ({ value: String(y), label: `${y}年` }))}
        />
        <SelectField
          name="doc_type"
          label="文件类型"
          value={f.docType}
          emptyLabel="全部类型"
          options={[
            { value: 'rule', label: '规章' },
            { value: 'normative', label: '行政规范性文件' },
            { value: 'other', label: '其他文件' },
          ]}
        />
        <SelectField
          name="validity"
          label="有效性"
          value={f.validity}
          emptyLabel="全部"
          options={[
            { value: 'valid', label: '有效' },
            { value: 'invalid', label: '失效' },
            { value: 'abolished', label: '废止' },
          ]}
        />
        <SelectField
          name="topic"
          label="主题分类"
          value={f.topic}
          emptyLabel="全部主题"
          options={props.facets.topics.map((t) => ({ value: t, label: t }))}
        />
        <TextField
          name="doc_number"
          label="文号"
          hint="可输入文号的一部分，如：温高管〔2022〕"
          value={f.docNumber}
          width="medium"
          maxLength={50}
        />
        <div class="field">
          <Button>筛选</Button>
        </div>
      </form>
      <h2>文件列表</h2>
      <PolicyList items={props.items} />
      <Pager page={props.page} hasNext={props.hasNext} baseHref={`${base}${filterQuery(f)}`} />
    </PortalLayout>
  );
}
