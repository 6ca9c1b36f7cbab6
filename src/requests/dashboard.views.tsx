import { AdminLayout } from '../platform/views/layouts.js';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './applications.model.js';
import type { CaseListItem } from './applications.query.js';
import type { StaffBase } from './applications.views.js';
import type { Dashboard } from './dashboard.service.js';
import { OUTCOMES, type OutcomeCode } from './requests.model.js';

/** The case workers' dashboard (REGULATIONS.md §4.8: 即将逾期、逾期 lists and reminders). */

function Cases(props: { id: string; title: string; items: CaseListItem[]; base: string }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>
        {props.title}（{props.items.length}）
      </h2>
      {props.items.length === 0 ? (
        <p>暂无。</p>
      ) : (
        <ul>
          {props.items.map((i) => (
            <li key={i.ref}>
              <a href={`${props.base}/${i.ref}`}>{i.ref}</a> {i.applicantName}{' '}
              {APPLICATION_STATUS_LABELS[i.status]}
              {i.reply_due_on ? `，答复期限 ${i.reply_due_on}` : ''}
              {i.overdue ? '（已逾期）' : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const statusLabel = (k: string) => APPLICATION_STATUS_LABELS[k as ApplicationStatus] ?? k;
const outcomeLabel = (k: string) => OUTCOMES[k as OutcomeCode]?.row ?? k;

export function DashboardPage(props: StaffBase & { d: Dashboard }) {
  const d = props.d;
  const base = `/admin/orgs/${props.orgCode}/applications`;
  return (
    <AdminLayout
      title={`办理看板 - ${props.orgName}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>{props.orgName}：依申请公开办理看板</h1>
      <p>
        统计日期 {d.today}。<a href={base}>全部申请</a>
      </p>
      <section aria-labelledby="dash-reminders">
        <h2 id="dash-reminders">今日提醒（{d.reminders.length}）</h2>
        {d.reminders.length === 0 ? (
          <p>暂无。</p>
        ) : (
          <ul>
            {d.reminders.map((r) => (
              <li key={`${r.ref}-${r.kind}`}>
                <a href={`${base}/${r.ref}`}>{r.ref}</a>{' '}
                {r.kind === 'overdue' ? '已逾期' : '即将到期'}，答复期限 {r.due_on}
              </li>
            ))}
          </ul>
        )}
      </section>
      {d.frequent.length > 0 ? (
        <section aria-labelledby="dash-frequent">
          <h2 id="dash-frequent">大量、频繁申请（条例第三十五条）</h2>
          <ul>
            {d.frequent.map((f) => (
              <li key={f.name + f.count}>
                {f.name}：{f.month} 已申请 {f.count} 件，超过10件（第11件起可按件收费）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Cases id="dash-mine" title="我的案件" items={d.mine} base={base} />
      <Cases id="dash-soon" title="3个工作日内到期" items={d.dueSoon} base={base} />
      <Cases id="dash-overdue" title="已逾期" items={d.overdue} base={base} />
      <Cases id="dash-paused" title="暂停计算（征求意见、待缴费）" items={d.paused} base={base} />
      <table class="table">
        <caption>按状态</caption>
        <thead>
          <tr>
            <th scope="col">状态</th>
            <th scope="col">件数</th>
          </tr>
        </thead>
        <tbody>
          {d.byStatus.map((r) => (
            <tr key={r.key}>
              <td>{statusLabel(r.key)}</td>
              <td>{r.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="table">
        <caption>按处理结果</caption>
        <thead>
          <tr>
            <th scope="col">处理结果</th>
            <th scope="col">件数</th>
          </tr>
        </thead>
        <tbody>
          {d.byOutcome.map((r) => (
            <tr key={r.key}>
              <td>{outcomeLabel(r.key)}</td>
              <td>{r.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
