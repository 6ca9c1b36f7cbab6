import { Pager } from '../platform/views/components/misc.js';
import { PortalLayout } from '../platform/views/layouts.js';
import type { Org } from '../orgs/orgs.model.js';
import { Breadcrumbs, ItemList } from './portal.components.js';
import { toPortalOrg, type PublicItemSummary } from './portal.presenter.js';

type Link = { href: string; name: string };

/** GET /:org/columns/:code: a column (栏目) with its sub-columns and a page of its items. */
export function ColumnPage(props: {
  org: Org;
  nav: Array<{ href: string; label: string }>;
  column: { code: string; name: string };
  parent: Link | null;
  children: Link[];
  items: PublicItemSummary[];
  page: number;
  hasNext: boolean;
  elderMode: boolean;
  path: string;
}) {
  const { org, column } = props;
  const base = `/${org.code}/columns/${column.code}`;
  return (
    <PortalLayout
      org={toPortalOrg(org)}
      title={props.page > 1 ? `${column.name}（第${props.page}页）` : column.name}
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
      meta={{ ColumnName: column.name }}
    >
      <Breadcrumbs
        trail={[
          { href: `/${org.code}/`, label: '首页' },
          ...(props.parent ? [{ href: props.parent.href, label: props.parent.name }] : []),
          { label: column.name },
        ]}
      />
      <h1>{column.name}</h1>
      <p class="feed-link">
        <a href={`${base}/feed.xml`} type="application/rss+xml">
          订阅本栏目（RSS）
        </a>
      </p>
      {column.code === 'on-request' ? (
        <p>
          公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息。申请方式、受理机构和办理时限见
          <a href={`/${org.code}/guide`}>政府信息公开指南</a>。
        </p>
      ) : null}
      {props.children.length ? (
        <nav aria-label={`${column.name}子栏目`}>
          <ul class="quick-links">
            {props.children.map((c) => (
              <li key={c.href}>
                <a href={c.href}>{c.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <h2>信息列表</h2>
      <ItemList items={props.items} empty="本栏目暂无信息。" />
      <Pager page={props.page} hasNext={props.hasNext} baseHref={base} />
    </PortalLayout>
  );
}
