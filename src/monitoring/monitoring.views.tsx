import { monitoringLinks } from './monitoring.nav.js';
import type { ComponentChildren } from 'preact';
import type { Actor } from '../platform/authz.js';
import { formatChinaTime } from '../platform/time.js';
import { Button, CsrfField, ErrorSummary, TextField } from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import { AdminLayout } from '../platform/views/layouts.js';
import { describeStatus, type LinkStatus } from './links/links.model.js';
import type { LinkCheckFindingRow } from './links/links.repository.js';
import { KIND_LABELS, MONITOR_KINDS, type FindingSeverity } from './monitor.contract.js';
import type { LinkRunView, Overview } from './monitoring.service.js';
import { THRESHOLD_FIELDS, type ThresholdField } from './monitoring.settings.js';

/** Pages of the monitoring overview, link checks and thresholds (REGULATIONS.md §7). */

export interface MonitoringBase {
  actor: Actor;
  csrf: string;
  path: string;
  org: { code: string; name: string };
  notice?: string | null;
}

/** Messages shown after a redirect (`?done=`). */
export const DONE_MESSAGES: Record<string, string> = {
  scan_queued: '已加入检查队列，稍后刷新本页查看结果。',
  links_queued: '链接检查已加入队列，稍后刷新本页查看进度。',
  thresholds_saved: '监测阈值已保存，下次检查时生效。',
  account_saved: '政务新媒体账号已保存。',
  account_closed: '账号已标记为关停。',
};

const SEVERITY_LABELS: Record<FindingSeverity, string> = {
  veto: '单项否决',
  major: '较重',
  minor: '一般',
};
const SEVERITIES: readonly FindingSeverity[] = ['veto', 'major', 'minor'];

const SCAN_STATUS: Record<string, string> = { running: '进行中', done: '已完成', failed: '失败' };

/** The admin layout with the monitoring sub-navigation. */
export function MonitoringPage(
  props: MonitoringBase & { title: string; section: string; children: ComponentChildren },
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
        <a href={base}>{props.org.name}</a> › 网站与内容监测
      </p>
      <nav aria-label="网站与内容监测" class="subnav">
        <ul>
          {links.map(([href, label]) => (
            <li key={href}>
              <a href={href} aria-current={href === props.section ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.children}
    </AdminLayout>
  );
}

function ScanLine(props: { scan: Overview['scans'][number] }) {
  const s = props.scan;
  const pct = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 0;
  return (
    <tr>
      <td>{formatChinaTime(s.started_at)}</td>
      <td>{s.org_id === null ? '全平台' : '本单位'}</td>
      <td>
        {SCAN_STATUS[s.status] ?? s.status}
        {s.status === 'running' ? `（${s.done}/${s.total}，${pct}%）` : ''}
        {s.error ? `：${s.error}` : ''}
      </td>
      <td>{s.opened}</td>
      <td>{s.closed}</td>
    </tr>
  );
}

/** `/admin/orgs/:code/monitoring`: 单项否决 summary, counts, latest scans, 「立即检查」. */
export function OverviewPage(props: MonitoringBase & { data: Overview }) {
  const d = props.data;
  const base = `/admin/orgs/${props.org.code}/monitoring`;
  const count = (kind: string, sev?: string) =>
    d.counts
      .filter((c) => c.kind === kind && (sev === undefined || c.severity === sev))
      .reduce((n, c) => n + c.n, 0);
  const kinds = MONITOR_KINDS.filter((k) => count(k) > 0);
  const running = d.scans.find((s) => s.status === 'running');
  return (
    <MonitoringPage {...props} title="网站与内容监测" section={base}>
      <h1>网站与内容监测</h1>
      <h2>单项否决指标</h2>
      <p>
        {d.summary.vetoed ? (
          <strong class="monitor-bad">当前触发单项否决，请立即整改。</strong>
        ) : (
          <span class="monitor-ok">当前未触发栏目、首页更新类单项否决指标。</span>
        )}{' '}
        首页最近更新：{d.lastPortal ?? '无'}
      </p>
      <div class="table-wrap" tabIndex={0}>
        <table class="table">
          <caption class="visually-hidden">单项否决指标</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">当前数量</th>
              <th scope="col">否决阈值（达到即否决）</th>
              <th scope="col">结果</th>
            </tr>
          </thead>
          <tbody>
            {d.summary.checks.map((c) => (
              <tr key={c.id}>
                <td>{c.label}</td>
                <td>{c.count}</td>
                <td>{c.threshold}</td>
                <td class={c.triggered ? 'monitor-bad' : 'monitor-ok'}>
                  {c.triggered ? '✗ 否决' : '✓ 未触发'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>待整改问题</h2>
      {kinds.length === 0 ? (
        <p>没有待整改的问题。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption class="visually-hidden">按类型统计的待整改问题</caption>
            <thead>
              <tr>
                <th scope="col">问题类型</th>
                {SEVERITIES.map((s) => (
                  <th scope="col" key={s}>
                    {SEVERITY_LABELS[s]}
                  </th>
                ))}
                <th scope="col">合计</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((k) => (
                <tr key={k}>
                  <th scope="row">
                    <a href={`${base}/findings?kind=${k}`}>{KIND_LABELS[k]}</a>
                  </th>
                  {SEVERITIES.map((s) => (
                    <td key={s}>{count(k, s)}</td>
                  ))}
                  <td>{count(k)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>检查记录</h2>
      {running ? (
        <p role="status">
          正在检查：已完成 {running.done}/{running.total} 项。<a href={base}>刷新进度</a>
        </p>
      ) : d.queued ? (
        <p role="status">
          检查已排队，等待后台任务执行。<a href={base}>刷新</a>
        </p>
      ) : null}
      {d.scans.length === 0 ? (
        <p>尚未检查。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption class="visually-hidden">最近的检查</caption>
            <thead>
              <tr>
                <th scope="col">开始时间</th>
                <th scope="col">范围</th>
                <th scope="col">状态</th>
                <th scope="col">新发现/重新打开</th>
                <th scope="col">已解决</th>
              </tr>
            </thead>
            <tbody>
              {d.scans.map((s) => (
                <ScanLine key={s.id} scan={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.may.scan ? (
        <form method="post" action={`${base}/scan`} class="inline-form">
          <CsrfField token={props.csrf} />
          <Button>立即检查</Button>
        </form>
      ) : null}
    </MonitoringPage>
  );
}

function RunProgress(props: { view: LinkRunView }) {
  const { run, progress: p } = props.view;
  if (run.status !== 'running')
    return (
      <>
        {SCAN_STATUS[run.status] ?? run.status}
        {run.error ? `：${run.error}` : ''}
      </>
    );
  if (!p) return <>进行中（已检查页面 {run.pages} 个）</>;
  const eta = p.estimateMs === null ? '' : `，预计还需 ${Math.ceil(p.estimateMs / 1000)} 秒`;
  return (
    <>
      进行中：已检查页面 {p.pagesDone} 个，待检查 {p.pagesQueued} 个，链接 {p.linksChecked} 个{eta}
    </>
  );
}

/** `/admin/orgs/:code/monitoring/links`: the org's link-check runs and a start button. */
export function LinkRunsPage(
  props: MonitoringBase & { runs: LinkRunView[]; mayStart: boolean; publicUrl: boolean },
) {
  const base = `/admin/orgs/${props.org.code}/monitoring/links`;
  return (
    <MonitoringPage {...props} title="链接检查" section={base}>
      <h1>链接检查</h1>
      <p>每日自动检查门户网站所有页面上的链接；首页与其他页面的失效链接分别统计。</p>
      {props.mayStart ? (
        props.publicUrl ? (
          <form method="post" action={base} class="inline-form">
            <CsrfField token={props.csrf} />
            <Button>开始检查链接</Button>
          </form>
        ) : (
          <p class="muted">未配置门户网站地址（PUBLIC_URL），无法检查链接。</p>
        )
      ) : null}
      {props.runs.length === 0 ? (
        <p>尚无检查记录。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption class="visually-hidden">链接检查记录</caption>
            <thead>
              <tr>
                <th scope="col">开始时间</th>
                <th scope="col">状态与进度</th>
                <th scope="col">页面</th>
                <th scope="col">链接</th>
                <th scope="col">首页失效</th>
                <th scope="col">其他页面失效</th>
                <th scope="col">详情</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((v) => (
                <tr key={v.run.id}>
                  <td>{formatChinaTime(v.run.started_at)}</td>
                  <td>
                    <RunProgress view={v} />
                  </td>
                  <td>{v.run.pages}</td>
                  <td>{v.run.links}</td>
                  <td>{v.run.broken_on_home}</td>
                  <td>{v.run.broken_on_other_pages}</td>
                  <td>
                    <a href={`${base}/${v.run.id}`}>
                      查看
                      <span class="visually-hidden">{formatChinaTime(v.run.started_at)}的检查</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </MonitoringPage>
  );
}

/** The stored status (an HTTP status or an error kind, as text) in Chinese. */
function statusLabel(s: string): string {
  if (/^\d+$/.test(s)) return describeStatus(Number(s));
  return describeStatus(s as LinkStatus) || s;
}

function BrokenTable(props: { caption: string; rows: LinkCheckFindingRow[] }) {
  if (props.rows.length === 0) return <p>没有失效链接。</p>;
  return (
    <div class="table-wrap" tabIndex={0}>
      <table class="table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">所在页面</th>
            <th scope="col">链接文字</th>
            <th scope="col">链接地址</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((b) => (
            <tr key={b.id}>
              <td class="monitor-url">{b.page}</td>
              <td>{b.text || '—'}</td>
              <td class="monitor-url">{b.url}</td>
              <td>{statusLabel(b.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One run with its broken links: 首页 and 其他页面 apart (§7.3). */
export function LinkRunPage(
  props: MonitoringBase & { view: LinkRunView; broken: LinkCheckFindingRow[] },
) {
  const { run } = props.view;
  const base = `/admin/orgs/${props.org.code}/monitoring/links`;
  const home = props.broken.filter((b) => b.on_home === 1);
  const other = props.broken.filter((b) => b.on_home !== 1);
  return (
    <MonitoringPage {...props} title="链接检查结果" section={base}>
      <h1>链接检查结果</h1>
      <p>
        {formatChinaTime(run.started_at)} 开始，起始页{' '}
        <span class="monitor-url">{run.start_url}</span>
        。状态：
        <RunProgress view={props.view} />
        。页面 {run.pages} 个，链接 {run.links} 个。
      </p>
      <h2>首页失效链接（{run.broken_on_home}）</h2>
      <BrokenTable caption="首页失效链接" rows={home} />
      <h2>其他页面失效链接（{run.broken_on_other_pages}）</h2>
      <BrokenTable caption="其他页面失效链接" rows={other} />
      <p>
        <a href={base}>返回检查记录</a>
      </p>
    </MonitoringPage>
  );
}

/** `/admin/orgs/:code/monitoring/settings`: the thresholds form (read-only without rights). */
export function SettingsPage(
  props: MonitoringBase & {
    values: Record<string, string>;
    mayEdit: boolean;
    errors?: Record<string, string>;
  },
) {
  const base = `/admin/orgs/${props.org.code}/monitoring/settings`;
  const fields = Object.keys(THRESHOLD_FIELDS) as ThresholdField[];
  const labels = Object.fromEntries(fields.map((f) => [f, THRESHOLD_FIELDS[f][0]]));
  return (
    <MonitoringPage {...props} title="监测设置" section={base}>
      <h1>监测设置</h1>
      <p>
        默认值取自国办秘函〔2019〕19号检查指标（栏目不更新、空白栏目、首页不更新）和本平台规则；修改后在下次检查时生效。
      </p>
      {props.mayEdit ? (
        <form method="post" action={base} novalidate>
          <div data-error-code={props.errors ? 'ERR_VALIDATION' : undefined}>
            <ErrorSummary errors={props.errors} labels={labels} />
          </div>
          <CsrfField token={props.csrf} />
          {fields.map((f) => (
            <TextField
              key={f}
              name={f}
              label={THRESHOLD_FIELDS[f][0]}
              hint={`${THRESHOLD_FIELDS[f][1]}–${THRESHOLD_FIELDS[f][2]}，默认 ${THRESHOLD_FIELDS[f][3]}`}
              value={props.values[f]}
              error={props.errors?.[f]}
              inputmode="numeric"
              width="short"
              required
            />
          ))}
          <Button>保存</Button>
        </form>
      ) : (
        <dl class="summary-list">
          {fields.map((f) => (
            <div class="summary-list__row" key={f}>
              <dt>{THRESHOLD_FIELDS[f][0]}</dt>
              <dd>{props.values[f]}</dd>
            </div>
          ))}
        </dl>
      )}
    </MonitoringPage>
  );
}
