import { monitoringLinks } from './monitoring.nav.js';
import type { ComponentChildren } from 'preact';
import type { Actor } from '../platform/authz.js';
import { formatChinaTime } from '../platform/time.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { Notice, Pager, SummaryList } from '../platform/views/components/misc.js';
import { AdminLayout } from '../platform/views/layouts.js';
import { KIND_LABELS, MONITOR_KINDS, type FindingSeverity } from './monitor.contract.js';
import {
  ACTION_LABELS,
  FINDING_STATUSES,
  SEVERITIES,
  SEVERITY_LABELS,
  STATUS_LABELS,
  detailRows,
} from './rectification.model.js';
import type { FindingDetailView, FindingView, FindingsListView } from './rectification.service.js';
import { maskDigitRuns } from './finding-privacy.js';

/** Pages of rectification (整改): the findings list, one finding, and 我的整改任务. */

export interface PageBase {
  actor: Actor;
  csrf: string;
  path: string;
}

/**
 * A finding's title as shown: personal-data findings are stored masked; long numbers are masked
 * again here so a row written before that (development databases) never shows one either.
 */
function shownTitle(f: { kind: string; title: string }): string {
  return f.kind === 'content_personal_data' ? maskDigitRuns(f.title) : f.title;
}

/** The detail rows as shown: no digest (it means nothing to staff), personal data masked. */
function shownDetail(kind: string, detail: Record<string, unknown>): Record<string, unknown> {
  const { digest: _digest, ...rest } = detail;
  if (kind !== 'content_personal_data') return rest;
  return Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' ? maskDigitRuns(v) : v]),
  );
}

/** Messages after a redirect (`?done=`). */
export const DONE: Record<string, string> = {
  assigned: '已交办。',
  closed: '已标记整改，复核通过，问题已关闭。',
  reopened: '已标记整改，但复核仍发现该问题，任务已重新打开，请继续整改。',
  pending: '已标记整改，暂时无法复核，将在下次监测时复核。',
  ignored: '已标记为误报。',
  comment: '备注已添加。',
  created: '抽查已创建，样本已抽取。',
  recorded: '检查结果已记录。',
  raised: '已转为整改任务。',
  spot_closed: '抽查已结束。',
};

/** The admin layout with the monitoring and rectification sub-navigation. */
export function RectificationLayout(
  props: PageBase & {
    title: string;
    org: { code: string; name: string };
    children: ComponentChildren;
  },
) {
  const base = `/admin/orgs/${props.org.code}`;
  const links = monitoringLinks(props.org.code);
  return (
    <AdminLayout
      title={`${props.title} - ${props.org.name}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <p class="breadcrumbs">
        <a href={`/admin/orgs/${props.org.code}`}>{props.org.name}</a>
      </p>
      <nav aria-label="监测与整改" class="subnav">
        <ul>
          {links.map(([href, label]) => (
            <li key={href}>
              <a
                href={href}
                aria-current={
                  props.path === href ||
                  (href !== `${base}/monitoring` && props.path.startsWith(href))
                    ? 'page'
                    : undefined
                }
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
    </AdminLayout>
  );
}

/** A coloured tag for a status, severity or overdue flag (text carries the meaning). */
export function Tag(props: { kind: string; children: ComponentChildren }) {
  return <span class={`tag tag--${props.kind}`}>{props.children}</span>;
}

function StatusCell(props: { f: FindingView }) {
  return (
    <>
      <Tag kind={`finding-${props.f.status}`}>{STATUS_LABELS[props.f.status]}</Tag>
      {props.f.overdue ? (
        <>
          {' '}
          <Tag kind="late">已逾期</Tag>
        </>
      ) : null}
    </>
  );
}

/** A table of findings; `showOrg` for lists across orgs. */
export function FindingsTable(props: {
  findings: FindingView[];
  caption: string;
  showOrg?: boolean;
}) {
  const id = `findings-${props.showOrg ? 'mine' : 'org'}`;
  if (props.findings.length === 0) return <p>没有符合条件的问题。</p>;
  return (
    <div class="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table class="table">
        <caption id={id}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">问题</th>
            {props.showOrg ? <th scope="col">单位</th> : null}
            <th scope="col">类型</th>
            <th scope="col">严重程度</th>
            <th scope="col">状态</th>
            <th scope="col">承办人</th>
            <th scope="col">整改期限</th>
          </tr>
        </thead>
        <tbody>
          {props.findings.map((f) => (
            <tr key={f.id} data-finding={f.id} data-status={f.status}>
              <th scope="row">
                <a href={`/admin/orgs/${f.org.code}/monitoring/findings/${f.id}`}>
                  {shownTitle(f)}
                </a>
              </th>
              {props.showOrg ? <td>{f.org.name}</td> : null}
              <td>{KIND_LABELS[f.kind as keyof typeof KIND_LABELS] ?? f.kind}</td>
              <td>{SEVERITY_LABELS[f.severity as FindingSeverity] ?? f.severity}</td>
              <td>
                <StatusCell f={f} />
              </td>
              <td>{f.assigneeName ?? '未交办'}</td>
              <td>{f.dueOn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /admin/orgs/:code/monitoring/findings — filters, the list and paging. */
export function FindingsListPage(
  props: PageBase & { view: FindingsListView; query: string; errors?: Record<string, string> },
) {
  const v = props.view;
  const fl = v.filters;
  const base = `/admin/orgs/${v.org.code}/monitoring/findings`;
  return (
    <RectificationLayout {...props} title="问题与整改" org={v.org}>
      <h1>{v.org.name}：监测发现的问题与整改任务</h1>
      <div data-error-code={props.errors ? 'ERR_VALIDATION' : undefined}>
        <ErrorSummary errors={props.errors} />
      </div>
      <form method="get" action={base} class="filters" aria-label="筛选">
        <SelectField
          name="kind"
          label="问题类型"
          value={fl.kind}
          emptyLabel="全部"
          options={MONITOR_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
        />
        <SelectField
          name="status"
          label="状态"
          value={fl.status}
          emptyLabel="全部"
          options={FINDING_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
        <SelectField
          name="severity"
          label="严重程度"
          value={fl.severity}
          emptyLabel="全部"
          options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
        />
        <SelectField
          name="overdue"
          label="是否逾期"
          value={fl.overdue}
          emptyLabel="全部"
          options={[{ value: '1', label: '仅逾期' }]}
        />
        <SelectField
          name="assignee"
          label="承办人"
          value={fl.assignee}
          emptyLabel="全部"
          options={[
            { value: 'me', label: '我' },
            { value: 'none', label: '未交办' },
            ...v.users.map((u) => ({ value: String(u.id), label: u.name })),
          ]}
        />
        <SelectField
          name="column"
          label="栏目"
          value={fl.column}
          emptyLabel="全部"
          options={v.columns.map((c) => ({ value: String(c.id), label: c.name }))}
        />
        <Button variant="secondary">筛选</Button>
      </form>
      <FindingsTable findings={v.findings} caption={`问题清单（第 ${fl.page} 页）`} />
      <Pager
        page={fl.page}
        hasNext={v.hasNext}
        baseHref={props.query ? `${base}?${props.query}` : base}
      />
    </RectificationLayout>
  );
}

/** /admin/orgs/:code/monitoring/findings/:id — facts, history and actions. */
export function FindingDetailPage(
  props: PageBase & {
    view: FindingDetailView;
    notice?: string | null;
    errors?: Record<string, string>;
    errorCode?: string;
    form?: Record<string, string>;
  },
) {
  const { finding: f, may } = props.view;
  const action = (a: string) => `/admin/orgs/${f.org.code}/monitoring/findings/${f.id}/${a}`;
  const form = props.form ?? {};
  return (
    <RectificationLayout {...props} title={shownTitle(f)} org={f.org}>
      <h1>{shownTitle(f)}</h1>
      {props.notice ? (
        <Notice kind={props.notice.includes('重新打开') ? 'warning' : 'success'}>
          {props.notice}
        </Notice>
      ) : null}
      <div data-error-code={props.errors ? (props.errorCode ?? 'ERR_VALIDATION') : undefined}>
        <ErrorSummary errors={props.errors} />
      </div>
      <SummaryList
        caption="问题概况"
        rows={[
          ['问题类型', KIND_LABELS[f.kind as keyof typeof KIND_LABELS] ?? f.kind],
          ['严重程度', SEVERITY_LABELS[f.severity as FindingSeverity] ?? f.severity],
          ['状态', <StatusCell key="s" f={f} />],
          ['栏目', f.columnName],
          ['承办人', f.assigneeName ?? '未交办'],
          ['整改期限', f.dueOn],
          ['首次发现', formatChinaTime(f.firstSeenAt)],
          ['最近发现', formatChinaTime(f.lastSeenAt)],
          ['关闭时间', f.closedAt ? formatChinaTime(f.closedAt) : null],
        ]}
      />
      <h2>问题详情</h2>
      <SummaryList caption="问题详情" rows={detailRows(shownDetail(f.kind, props.view.detail))} />
      <h2>处理记录</h2>
      <ol class="finding-history">
        {props.view.events.map((e, i) => (
          <li key={i} data-action={e.action}>
            <span class="muted">{formatChinaTime(e.at)}</span> {ACTION_LABELS[e.action] ?? e.action}
            {e.actorName ? `（${e.actorName}）` : ''}
            {e.note ? `：${e.note}` : ''}
          </li>
        ))}
      </ol>
      {may.assign ? (
        <form method="post" action={action('assign')} class="finding-action">
          <h2>交办整改</h2>
          <CsrfField token={props.csrf} />
          <SelectField
            name="assignee_id"
            label="承办人"
            required
            value={form.assignee_id ?? f.assigneeId}
            emptyLabel="请选择"
            error={props.errors?.assignee_id}
            options={props.view.users.map((u) => ({ value: String(u.id), label: u.name }))}
          />
          <TextField
            name="due_on"
            label="整改期限"
            hint="格式：YYYY-MM-DD"
            required
            width="medium"
            value={form.due_on ?? f.dueOn}
            error={props.errors?.due_on}
          />
          <TextField
            name="note"
            label="交办说明（可选）"
            value={form.note}
            error={props.errors?.note}
          />
          <Button>交办</Button>
        </form>
      ) : null}
      {may.fix ? (
        <form method="post" action={action('fix')} class="finding-action">
          <h2>标记已整改</h2>
          <p>提交后系统立即复核：问题消失则关闭，仍存在则重新打开。</p>
          <CsrfField token={props.csrf} />
          <TextArea
            name="fix_note"
            label="整改说明（可选）"
            rows={3}
            value={form.fix_note}
            error={props.errors?.note}
          />
          <Button>标记已整改并复核</Button>
        </form>
      ) : null}
      {may.ignore ? (
        <form method="post" action={action('ignore')} class="finding-action">
          <h2>标记为误报</h2>
          <CsrfField token={props.csrf} />
          <TextArea
            name="reason"
            label="忽略理由"
            required
            rows={3}
            value={form.reason}
            error={props.errors?.reason}
          />
          <Button variant="secondary">标记为误报</Button>
        </form>
      ) : null}
      {may.comment ? (
        <form method="post" action={action('comment')} class="finding-action">
          <h2>添加备注</h2>
          <CsrfField token={props.csrf} />
          <TextArea
            name="comment"
            label="备注"
            required
            rows={3}
            value={form.comment}
            error={props.errors?.comment}
          />
          <Button variant="secondary">添加备注</Button>
        </form>
      ) : null}
    </RectificationLayout>
  );
}

/** /admin/tasks — 我的整改任务 across orgs. */
export function MyTasksPage(props: PageBase & { findings: FindingView[] }) {
  return (
    <AdminLayout
      title="我的整改任务"
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>我的整改任务</h1>
      <p>
        交办给您、尚未关闭的监测问题（共 {props.findings.length} 项，已逾期{' '}
        {props.findings.filter((f) => f.overdue).length} 项）。
      </p>
      <FindingsTable findings={props.findings} caption="我的整改任务" showOrg />
    </AdminLayout>
  );
}
