import { PortalLayout } from '../platform/views/layouts.js';
import { ORG_KIND_LABELS, type Org, type OrgNode } from '../orgs/orgs.model.js';
import { toPortalOrg } from './portal.presenter.js';

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

/** GET /:org/: an org's home (items are added by the catalogue). */
export function OrgHomePage(props: {
  org: Org;
  parent: Org | null;
  children: Org[];
  elderMode: boolean;
  path: string;
}) {
  const { org } = props;
  return (
    <PortalLayout
      org={toPortalOrg(org)}
      title="政府信息公开"
      elderMode={props.elderMode}
      currentPath={props.path}
    >
      <h1>{org.name}政府信息公开</h1>
      <p class="muted">{ORG_KIND_LABELS[org.kind]}</p>
      <ul>
        <li>
          <a href={`/${org.code}/guide`}>政府信息公开指南</a>
        </li>
      </ul>
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
