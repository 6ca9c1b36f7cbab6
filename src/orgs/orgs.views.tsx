import type { Actor } from '../platform/authz.js';
import { Notice, SummaryList } from '../platform/views/components/misc.js';
import { AdminLayout } from '../platform/views/layouts.js';
import {
  CONTACT_FIELDS,
  CONTACT_LABELS,
  ORG_KIND_LABELS,
  type Org,
  type OrgNode,
} from './orgs.model.js';

/** Back-office pages of the orgs domain: the tree list and one org. */

function TreeList(props: { nodes: OrgNode[] }) {
  if (props.nodes.length === 0) return null;
  return (
    <ul class="org-tree">
      {props.nodes.map((n) => (
        <li key={n.org.id}>
          <a href={`/admin/orgs/${n.org.code}`}>{n.org.name}</a>{' '}
          <span class="muted">
            （{ORG_KIND_LABELS[n.org.kind]}，{n.org.code}）
          </span>
          <TreeList nodes={n.children} />
        </li>
      ))}
    </ul>
  );
}

/** /admin/orgs: every org the actor may read, as a tree. */
export function OrgListPage(props: {
  actor: Actor;
  csrf: string;
  path: string;
  tree: OrgNode[];
  canCreate: boolean;
}) {
  return (
    <AdminLayout title="组织机构" actor={props.actor} csrf={props.csrf} currentPath={props.path}>
      <h1>组织机构</h1>
      {props.canCreate ? (
        <p>
          <a href="/admin/orgs/new" class="button button--primary">
            新建单位
          </a>
        </p>
      ) : null}
      {props.tree.length ? <TreeList nodes={props.tree} /> : <p>暂无单位。</p>}
    </AdminLayout>
  );
}

/** /admin/orgs/:code: an org's data, 公开指南 contacts and 索引号 rule. */
export function OrgViewPage(props: {
  actor: Actor;
  csrf: string;
  path: string;
  org: Org;
  parent: Org | null;
  children: Org[];
  canUpdate: boolean;
  canCreateChild: boolean;
  saved: boolean;
  example: string;
}) {
  const { org } = props;
  const t = org.indexTemplate;
  return (
    <AdminLayout title={org.name} actor={props.actor} csrf={props.csrf} currentPath={props.path}>
      {props.saved ? <Notice kind="success">已保存。</Notice> : null}
      <h1>{org.name}</h1>
      <p>
        {props.canUpdate ? <a href={`/admin/orgs/${org.code}/edit`}>修改</a> : null}
        {props.canCreateChild ? (
          <>
            {' '}
            <a href={`/admin/orgs/new?parent=${encodeURIComponent(org.code)}`}>新建下级单位</a>
          </>
        ) : null}{' '}
        <a href={`/${org.code}/`}>查看门户网站</a>
      </p>
      <nav aria-label="政务公开工作">
        <h2>政务公开工作</h2>
        <ul>
          <li>
            <a href={`/admin/orgs/${org.code}/items`}>主动公开信息</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/columns`}>栏目管理</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/requests`}>依申请公开工作台</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/applications`}>依申请公开案件</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/appeals`}>行政复议、行政诉讼</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/reports`}>年度报告</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/reports/supervise`}>下级单位年度报告</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/monitoring`}>网站与内容监测</a>
          </li>
          <li>
            <a href={`/admin/orgs/${org.code}/new-media`}>政务新媒体</a>
          </li>
        </ul>
      </nav>
      <h2>基本信息</h2>
      <SummaryList
        rows={[
          ['单位代码', org.code],
          ['单位类型', ORG_KIND_LABELS[org.kind]],
          [
            '上级单位',
            props.parent ? (
              <a href={`/admin/orgs/${props.parent.code}`}>{props.parent.name}</a>
            ) : (
              '（无）'
            ),
          ],
          ['统一社会信用代码', org.uscc],
          ['网站标识码', org.siteIdCode],
        ]}
      />
      <h2>政府信息公开指南</h2>
      <SummaryList rows={CONTACT_FIELDS.map((f) => [CONTACT_LABELS[f], org.contact[f]])} />
      <h2>索引号规则</h2>
      <SummaryList
        rows={[
          [
            '前缀',
            t.prefix === 'uscc'
              ? '统一社会信用代码'
              : t.prefix === 'text'
                ? `固定文字“${t.prefixText ?? ''}”`
                : '单位代码',
          ],
          ['年度段', t.period === 'year' ? '年' : '年月'],
          [
            '类别段',
            t.category === 'none'
              ? '不含'
              : t.category === 'before-period'
                ? '年度段之前'
                : '年度段之后',
          ],
          ['流水号', `${t.serialWidth}位，${t.reset === 'yearly' ? '每年' : '每月'}从1开始`],
          ['示例', <code>{props.example}</code>],
        ]}
      />
      <h2>下级单位</h2>
      {props.children.length ? (
        <ul>
          {props.children.map((c) => (
            <li key={c.id}>
              <a href={`/admin/orgs/${c.code}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>无。</p>
      )}
    </AdminLayout>
  );
}
