import type { Actor } from '../authz.js';
import { Button, ErrorSummary, SelectField, TextField } from '../views/components/form.js';
import { Pager } from '../views/components/misc.js';
import { AdminLayout } from '../views/layouts.js';
import type { AuditEntryView, DiffRow } from './audit.presenter.js';

/** Values of the filter form as typed (strings), for re-display. */
export interface AuditFilterValues {
  org?: string;
  actor?: string;
  action?: string;
  targetType?: string;
  from?: string;
  to?: string;
}

const LABELS: Record<keyof AuditFilterValues, string> = {
  org: '单位',
  actor: '操作人',
  action: '操作',
  targetType: '对象类型',
  from: '开始日期',
  to: '结束日期',
};

/** The before → after table of one entry's changed fields. */
export function DiffTable(props: { rows: DiffRow[]; seq: number }) {
  if (props.rows.length === 0) return <span>（无字段变更）</span>;
  return (
    <table class="diff-table">
      <caption class="visually-hidden">第 {props.seq} 条记录的变更</caption>
      <thead>
        <tr>
          <th scope="col">字段</th>
          <th scope="col">修改前</th>
          <th scope="col">修改后</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.field}>
            <th scope="row">
              <code>{r.field}</code>
            </th>
            <td>{r.before === '' ? '—' : r.before}</td>
            <td>{r.after === '' ? '—' : r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The audit log page: filter form (GET), entries newest first, pager. */
export function AuditListPage(props: {
  actor: Actor;
  csrf: string;
  entries: AuditEntryView[];
  orgs: Array<{ id: number; name: string }>;
  values: AuditFilterValues;
  errors?: Record<string, string> | undefined;
  page: number;
  hasNext: boolean;
  pagerHref: string;
}) {
  const v = props.values;
  const err = props.errors ?? {};
  return (
    <AdminLayout title="审计日志" actor={props.actor} csrf={props.csrf} currentPath="/admin/audit">
      <h1>审计日志</h1>
      <p>
        记录每一次对数据的修改：谁、何时、在哪个单位、改了什么。记录以国密 SM3
        哈希链相连，任何篡改都能被 <code>gongkai audit verify</code> 发现。
      </p>
      <ErrorSummary errors={props.errors} labels={LABELS} />
      <form
        method="get"
        action="/admin/audit"
        class="filters"
        role="search"
        aria-label="筛选审计日志"
      >
        <SelectField
          name="org"
          label={LABELS.org}
          value={v.org}
          error={err.org}
          emptyLabel="全部单位"
          options={props.orgs.map((o) => ({ value: String(o.id), label: o.name }))}
        />
        <TextField
          name="actor"
          label={LABELS.actor}
          value={v.actor}
          error={err.actor}
          width="medium"
          hint="用户名"
        />
        <TextField
          name="action"
          label={LABELS.action}
          value={v.action}
          error={err.action}
          width="medium"
          hint="如 user.update"
        />
        <TextField
          name="targetType"
          label={LABELS.targetType}
          value={v.targetType}
          error={err.targetType}
          width="medium"
        />
        <TextField
          name="from"
          label={LABELS.from}
          value={v.from}
          error={err.from}
          type="date"
          width="medium"
        />
        <TextField
          name="to"
          label={LABELS.to}
          value={v.to}
          error={err.to}
          type="date"
          width="medium"
        />
        <div class="button-row">
          <Button variant="secondary">筛选</Button>
          <a href="/admin/audit">清除筛选</a>
        </div>
      </form>
      {props.entries.length === 0 ? (
        <p>没有符合条件的记录。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption class="visually-hidden">审计记录，最新的在前</caption>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">单位</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
                <th scope="col">变更（修改前 → 修改后）</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>
                    <time>{e.when}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td>{e.org}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target}</td>
                  <td>
                    <DiffTable rows={e.changes} seq={e.seq} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={props.page} hasNext={props.hasNext} baseHref={props.pagerHref} />
    </AdminLayout>
  );
}
