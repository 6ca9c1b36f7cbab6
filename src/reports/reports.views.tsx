import type { Actor } from '../platform/authz.js';
import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  PostButton,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import type { Finding } from './findings.model.js';
import { isDrillablePath } from './report.drilldown.model.js';
import { Actions, Countdown, Findings } from './report.page.views.js';
import { AnnualReportBody } from './render.html.js';
import { STATE_LABELS, ackKey, type ReportView } from './reports.service.js';

/** Staff pages of the annual report: the list of years and one report with its workflow. */

export interface PageBase {
  actor: Actor;
  csrf: string;
  path: string;
}

/** A failed action shown on the report page: its code, message and the findings behind it. */
export interface ActionError {
  code: string;
  message: string;
  findings?: Finding[];
  fields?: Record<string, string>;
}

/** Renderer paths (`applications.rows.new.6`) as JSON paths (`applications.rows.new[6]`). */
export const jsonPath = (path: string) => path.replace(/\.(\d+)/g, '[$1]');

const base = (code: string, year: number) => `/admin/orgs/${code}/reports/${year}`;

/** /admin/orgs/:code/reports: the years, their state, and generating a new one. */
export function ReportsIndexPage(
  props: PageBase & {
    org: { code: string; name: string };
    reports: Array<{ year: number; revision: number; state: keyof typeof STATE_LABELS }>;
    defaultYear: number;
    errors?: Record<string, string>;
    code?: string;
  },
) {
  return (
    <AdminLayout
      title={`年度报告 - ${props.org.name}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>{props.org.name}：政府信息公开工作年度报告</h1>
      <p>
        <a href={`/admin/orgs/${props.org.code}/reports/supervise?year=${props.defaultYear}`}>
          下级单位年度报告监督
        </a>
        {'　'}
        <a href={`/admin/orgs/${props.org.code}/reports/import`}>导入往年已公开的年度报告</a>
      </p>
      <table class="table">
        <caption>各年度报告</caption>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">版本</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {props.reports.map((r) => (
            <tr key={r.year}>
              <th scope="row">
                <a href={base(props.org.code, r.year)}>{r.year}年度</a>
              </th>
              <td>第{r.revision}版</td>
              <td>{STATE_LABELS[r.state]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>生成年度报告</h2>
      <ErrorSummary errors={props.errors} />
      <form
        method="post"
        action={`/admin/orgs/${props.org.code}/reports`}
        novalidate
        data-error-code={props.code}
      >
        <CsrfField token={props.csrf} />
        <TextField
          name="year"
          label="年度"
          hint="统计期限为该年1月1日至12月31日。"
          value={props.defaultYear}
          width="short"
          error={props.errors?.year}
          inputmode="numeric"
        />
        <Button>根据记录生成</Button>
      </form>
    </AdminLayout>
  );
}

/** /admin/orgs/:code/reports/:year: a report, its checks, its workflow and its text. */
export function ReportPage(props: PageBase & { view: ReportView; error?: ActionError }) {
  const { view, error } = props;
  const b = base(view.org.code, view.year);
  const links = (p: string) => {
    const path = jsonPath(p);
    return isDrillablePath(path) ? `${b}/drill?path=${encodeURIComponent(path)}` : null;
  };
  const n = error?.fields ?? {};
  return (
    <AdminLayout
      title={`${view.year}年度报告 - ${view.org.name}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>
        {view.org.name}
        {view.year}年度报告
      </h1>
      <p>
        <a href={`/admin/orgs/${view.org.code}/reports`}>返回年度报告列表</a>
      </p>
      {error ? (
        <div data-error-code={error.code}>
          <Notice kind="warning">
            {error.message}
            {error.findings?.length ? (
              <ul>
                {error.findings.map((f) => (
                  <li key={ackKey(f)}>
                    {f.code} {f.path}：{f.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </Notice>
        </div>
      ) : null}
      <p>
        状态：<strong>{STATE_LABELS[view.state]}</strong>（第{view.revision}版）
        {view.changeNote ? `　更正说明：${view.changeNote}` : ''}
      </p>
      <Countdown view={view} />
      {view.missingFigures.length > 0 ? (
        <Notice kind="info">
          表二中行政许可、行政处罚、行政强制和行政事业性收费的数据来自其他系统，尚未填写。
          <a href={`${b}/figures`}>填写表二数据</a>
        </Notice>
      ) : (
        <p>
          <a href={`${b}/figures`}>表二中来自其他系统的数据</a>
        </p>
      )}
      <p class="field__hint">
        表格数据由平台根据政府信息、依申请公开和行政复议、行政诉讼记录自动统计，不能手工修改；数据有误的，请到相应记录中更正后重新生成。点击表格中的数字可查看统计到该数字的记录。
      </p>
      <Findings {...props} />
      <Actions {...props} />
      {view.state === 'draft' ? (
        <section aria-labelledby="text-title">
          <h2 id="text-title">文字部分</h2>
          <ErrorSummary errors={error?.fields} />
          <form method="post" action={`${b}/narrative`} novalidate>
            <CsrfField token={props.csrf} />
            <TextArea
              name="overview"
              label="一、总体情况"
              hint="含（一）主动公开（二）依申请公开（三）政府信息管理（四）平台建设（五）监督保障；每段一行。带【请填写】的内容须补充。"
              value={view.doc.narrative.overview}
              rows={16}
              error={n.overview}
            />
            <TextArea
              name="problems"
              label="五、存在的主要问题及改进情况"
              value={view.doc.narrative.problems}
              rows={8}
              error={n.problems}
            />
            <TextArea
              name="other"
              label="六、其他需要报告的事项"
              value={view.doc.narrative.other}
              rows={4}
              error={n.other}
            />
            <div class="button-row">
              <Button>保存文字</Button>
            </div>
          </form>
          <PostButton action={`${b}/redraft`} csrf={props.csrf}>
            按最新数据重新起草文字
          </PostButton>
        </section>
      ) : null}
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">报告预览</h2>
        <AnnualReportBody
          doc={view.doc}
          org={{ name: view.org.name }}
          links={links}
          headingLevel={3}
          idPrefix="staff"
          revision={{ number: view.revision, date: view.publishedOn, note: view.changeNote }}
        />
      </section>
      {view.revisions.length > 1 ? (
        <section aria-labelledby="revisions-title">
          <h2 id="revisions-title">历史版本</h2>
          <ul>
            {view.revisions.map((r) => (
              <li key={r.revision}>
                <a href={`${b}?revision=${r.revision}`}>第{r.revision}版</a>：
                {STATE_LABELS[r.state]}
                {r.publishedOn ? `，${r.publishedOn}公开` : ''}
                {r.changeNote ? `，更正说明：${r.changeNote}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AdminLayout>
  );
}
