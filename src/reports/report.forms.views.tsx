import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import type { Finding } from './findings.model.js';
import type { DrillView } from './report.drill.js';
import {
  APPEAL_KIND_LABELS,
  COLUMN_LABELS,
  ROW_LABELS,
  type AppealKind,
  type ApplicantType,
  type RowKey,
} from './reports.model.js';
import type { PageBase } from './reports.views.js';

/** Staff forms beside the report: table 二's figures from other systems, earlier reports, drill-down. */

const FIGURE_FIELDS = [
  ['licensing', '第二十条第（五）项 行政许可 本年处理决定数量', '件'],
  ['penalty', '第二十条第（六）项 行政处罚 本年处理决定数量', '件'],
  ['enforcement', '第二十条第（六）项 行政强制 本年处理决定数量', '件'],
  ['fees_10k_yuan', '第二十条第（八）项 行政事业性收费 本年收费金额', '万元，可有小数'],
] as const;

/** /admin/orgs/:code/reports/:year/figures: the form of table 二 第（五）（六）（八）项. */
export function FiguresPage(
  props: PageBase & {
    org: { code: string; name: string };
    year: number;
    values: Record<string, string | number | undefined>;
    errors?: Record<string, string>;
    code?: string;
    saved?: boolean;
  },
) {
  const e = props.errors ?? {};
  return (
    <AdminLayout
      title={`表二数据 - ${props.year}年度报告`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>
        {props.org.name}
        {props.year}年度报告：表二中来自其他系统的数据
      </h1>
      <p>
        <a href={`/admin/orgs/${props.org.code}/reports/${props.year}`}>返回年度报告</a>
      </p>
      {props.saved ? (
        <Notice kind="success">已保存。请回到年度报告重新生成表格数据。</Notice>
      ) : null}
      <p class="field__hint">
        行政许可、行政处罚、行政强制的处理决定数量和行政事业性收费金额来自相关业务系统，由本单位填写；没有的填
        0。
      </p>
      <ErrorSummary errors={e} />
      <form
        method="post"
        action={`/admin/orgs/${props.org.code}/reports/${props.year}/figures`}
        novalidate
        data-error-code={props.code}
      >
        <CsrfField token={props.csrf} />
        {FIGURE_FIELDS.map(([name, label, unit]) => (
          <TextField
            key={name}
            name={name}
            label={label}
            hint={`单位：${unit}`}
            value={props.values[name]}
            error={e[name]}
            width="short"
            inputmode="decimal"
            required
          />
        ))}
        <Button>保存</Button>
      </form>
    </AdminLayout>
  );
}

/** /admin/orgs/:code/reports/import: an earlier published report (gongkai-annual-report JSON). */
export function ImportPage(
  props: PageBase & {
    org: { code: string; name: string };
    errors?: Record<string, string>;
    code?: string;
    result?: { year: number; result: string; findings: Finding[] };
  },
) {
  const r = props.result;
  return (
    <AdminLayout
      title={`导入往年年度报告 - ${props.org.name}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>{props.org.name}：导入往年已公开的年度报告</h1>
      <p>
        <a href={`/admin/orgs/${props.org.code}/reports`}>返回年度报告列表</a>
      </p>
      <p>
        使用平台之前已公开的年度报告，导入后用于跨年度核对（上年结转、现行有效件数、尚未审结案件）。文件格式为
        gongkai-annual-report（JSON）；缺少的部分不导入，也不当作0。2019、2020年度报告（试行格式）的表二不导入，表三（六）其他处理计入“其他”。
      </p>
      {r ? (
        <Notice kind="success">
          已导入 {r.year} 年度报告（
          {{ created: '新增', updated: '已更新', unchanged: '内容未变' }[r.result] ?? r.result}）。
          {r.findings.length > 0 ? `校验发现 ${r.findings.length} 个问题：` : '校验未发现问题。'}
          {r.findings.length > 0 ? (
            <ul>
              {r.findings.map((f) => (
                <li key={`${f.code}${f.path}`}>
                  {f.code} {f.path}：{f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <form
        method="post"
        action={`/admin/orgs/${props.org.code}/reports/import`}
        encType="multipart/form-data"
        novalidate
        data-error-code={props.code}
      >
        <CsrfField token={props.csrf} />
        <div class="field">
          <label class="field__label" for="f-file">
            年度报告数据文件（JSON）
          </label>
          <input
            id="f-file"
            name="file"
            type="file"
            accept="application/json,.json"
            class="input"
          />
        </div>
        <TextArea name="json" label="或粘贴文件内容" rows={6} error={props.errors?.json} />
        <Button>导入</Button>
      </form>
    </AdminLayout>
  );
}

/** /admin/orgs/:code/reports/:year/drill?path=…: the records counted in one figure. */
export function DrillPage(props: PageBase & { view: DrillView }) {
  const v = props.view;
  const back = `/admin/orgs/${v.org.code}/reports/${v.year}`;
  return (
    <AdminLayout
      title={`数据明细 - ${v.year}年度报告`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>
        {v.year}年度报告数据明细：{v.label}
      </h1>
      <p>
        <a href={back}>返回年度报告</a>
      </p>
      <p>
        按现有记录统计，该数字为 <strong data-count>{v.count}</strong>，包括以下记录（{v.path}）。
      </p>
      {v.applications.length > 0 ? (
        <table class="table">
          <caption>政府信息公开申请</caption>
          <thead>
            <tr>
              <th scope="col">受理编号</th>
              <th scope="col">申请人类型</th>
              <th scope="col">收到申请日期</th>
              <th scope="col">办结日期</th>
              <th scope="col">办理结果</th>
            </tr>
          </thead>
          <tbody>
            {v.applications.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <a href={`/admin/orgs/${v.org.code}/applications/${a.ref}`}>{a.ref}</a>
                </th>
                <td>{COLUMN_LABELS[a.applicant_type as ApplicantType] ?? a.applicant_type}</td>
                <td>{a.received_on}</td>
                <td>{a.concluded_on ?? '未办结'}</td>
                <td>{a.outcome ? (ROW_LABELS[a.outcome as RowKey] ?? a.outcome) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {v.items.length > 0 ? (
        <table class="table">
          <caption>政府信息</caption>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">文号</th>
              <th scope="col">成文日期</th>
              <th scope="col">发布日期</th>
            </tr>
          </thead>
          <tbody>
            {v.items.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <a href={`/admin/orgs/${v.org.code}/items/${i.id}`}>{i.title}</a>
                </th>
                <td>{i.doc_number ?? '—'}</td>
                <td>{i.formed_on}</td>
                <td>{i.published_on ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {v.appeals.length > 0 ? (
        <table class="table">
          <caption>行政复议、行政诉讼案件</caption>
          <thead>
            <tr>
              <th scope="col">案号</th>
              <th scope="col">类型</th>
              <th scope="col">立案日期</th>
              <th scope="col">审结日期</th>
            </tr>
          </thead>
          <tbody>
            {v.appeals.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.ref}</th>
                <td>{APPEAL_KIND_LABELS[a.kind as AppealKind] ?? a.kind}</td>
                <td>{a.filed_on}</td>
                <td>{a.decided_on ?? '尚未审结'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {v.count === 0 ? <p>没有记录。</p> : null}
    </AdminLayout>
  );
}
