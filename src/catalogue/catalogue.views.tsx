import type { ComponentChildren } from 'preact';
import type { Actor } from '../platform/authz.js';
import { AdminLayout } from '../platform/views/layouts.js';
import { Notice } from '../platform/views/components/misc.js';
import { STATUS_LABELS, type ItemStatus } from './catalogue.model.js';

/** Shared pieces of the catalogue's back-office pages. */

/** What every catalogue page needs from the request. */
export interface PageBase {
  actor: Actor;
  csrf: string;
  path: string;
  org: { code: string; name: string };
  /** Success notice after a redirect. */
  notice?: string | null;
}

/** The admin layout with the catalogue's sub-navigation (the 2FA warning comes from the layout). */
export function CataloguePage(
  props: PageBase & {
    title: string;
    notice?: string | null;
    warnings?: string[];
    children: ComponentChildren;
  },
) {
  const base = `/admin/orgs/${props.org.code}`;
  const links: Array<[string, string]> = [
    [`${base}/items`, '信息列表'],
    [`${base}/items?view=mine`, '我的草稿'],
    [`${base}/items?view=review`, '待我审核'],
    [`${base}/items/new`, '新建信息'],
    [`${base}/columns`, '栏目管理'],
    [`${base}/rereview`, '不予公开定期审查'],
    [`${base}/interpretations-missing`, '未解读的规范性文件'],
  ];
  return (
    <AdminLayout
      title={`${props.title} - ${props.org.name}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <p class="breadcrumbs">
        <a href={base}>{props.org.name}</a> › 主动公开
      </p>
      <nav aria-label="主动公开" class="subnav">
        <ul>
          {links.map(([href, label]) => (
            <li key={href}>
              <a href={href}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.warnings && props.warnings.length > 0 ? (
        <Notice kind="warning">
          <ul>
            {props.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {props.children}
    </AdminLayout>
  );
}

/** A status tag. */
export function StatusTag(props: { status: string }) {
  return (
    <span class={`tag tag--${props.status}`}>
      {STATUS_LABELS[props.status as ItemStatus] ?? props.status}
    </span>
  );
}

/** Notices shown after a redirect (?done=…), by key. */
export const DONE_MESSAGES: Record<string, string> = {
  created: '信息已保存为草稿。',
  saved: '修改已保存。',
  submitted: '已送审。',
  approved: '已审核通过。',
  approved_final: '已审核通过，可以发布。',
  returned: '已退回修改。',
  published: '信息已发布。',
  scheduled: '已设置定时发布。',
  withdrawn: '信息已撤回，原网址将显示撤回说明。',
  attached: '附件已上传。',
  detached: '附件已删除。',
  column_saved: '栏目已保存。',
  rereviewed: '审查结果已记录。',
  cleared: '已确认该检查问题，确认理由已记录。',
};
