import { PortalLayout } from '../platform/views/layouts.js';
import { ORG_KIND_LABELS, type Org, type OrgNode } from '../orgs/orgs.model.js';
import { ItemList } from './portal.components.js';
import { toPortalOrg, type PublicItemSummary } from './portal.presenter.js';

/** Public pages of the platform: the platform home and an org's home. */

function OrgTree(props: { nodes: OrgNode[] }) {
  if (props.nodes.length === 0) return null;
  return (
    <ul class="org-tree">
      {props.nodes.map((n) => (
        <li key={n.org.id}>
          <a href={`/${n.org.code}/`}>{n.org.name}</a>
          <OrgTree nodes={n.children} />
        </li>
      ))}
    </ul>
  );
}

/** GET /: every hosted org, grouped by hierarchy (集约化 platform home). */
export function PlatformHomePage(props: { tree: OrgNode[]; elderMode: boolean; path: string }) {
  return (
    <PortalLayout
      org={null}
      title="政务公开平台"
      elderMode={props.elderMode}
      currentPath={props.path}
    >
      <h1>政务公开平台</h1>
      <p>本平台集中发布以下各单位的政府信息。请选择单位进入其政府信息公开专栏。</p>
      <h2>本平台单位</h2>
      {props.tree.length ? <OrgTree nodes={props.tree} /> : <p>暂无单位。</p>}
    </PortalLayout>
  );
}

/** What an org's home lists (portal.service orgHomeData). */
export interface OrgHomeData {
  latest: PublicItemSummary[];
  notices: PublicItemSummary[];
  noticeHref: string | null;
  columns: Array<{ href: string; name: string }>;
}

/** GET /:org/: an org's home: quick links to the 专栏, the latest items and notices. */
export function OrgHomePage(props: {
  org: Org;
  parent: Org | null;
  children: Org[];
  home: OrgHomeData;
  nav: Array<{ href: string; label: string }>;
  elderMode: boolean;
  path: string;
}) {
  const { org, home } = props;
  const quick = [
    { href: `/${org.code}/guide`, name: '政府信息公开指南' },
    { href: `/${org.code}/policies`, name: '政策文件库' },
    ...home.columns.filter((c) => !c.href.endsWith('/guide') && !c.href.endsWith('/policies')),
  ];
  return (
    <PortalLayout
      org={toPortalOrg(org)}
      title="政府信息公开"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
    >
      <h1>{org.name}政府信息公开</h1>
      <p class="muted">{ORG_KIND_LABELS[org.kind]}</p>
      <section aria-labelledby="quick-links">
        <h2 id="quick-links">政府信息公开专栏</h2>
        <ul class="quick-links">
          {quick.map((q) => (
            <li key={q.href}>
              <a href={q.href}>{q.name}</a>
            </li>
          ))}
        </ul>
      </section>
      <div class="home-lists">
        <section aria-labelledby="latest">
          <h2 id="latest">最新信息</h2>
          <ItemList items={home.latest} />
        </section>
        {home.noticeHref ? (
          <section aria-labelledby="notices">
            <h2 id="notices">通知公告</h2>
            <ItemList items={home.notices} />
            <p>
              <a href={home.noticeHref}>更多通知公告</a>
            </p>
          </section>
        ) : null}
      </div>
      {props.parent ? (
        <p>
          上级单位：<a href={`/${props.parent.code}/`}>{props.parent.name}</a>
        </p>
      ) : null}
      {props.children.length ? (
        <>
          <h2>下级单位</h2>
          <ul>
            {props.children.map((c) => (
              <li key={c.id}>
                <a href={`/${c.code}/`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </PortalLayout>
  );
}
