import {
  Button,
  CsrfField,
  PostButton,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { OUTPUT_FORMATS } from './report.outputs.js';
import { ackKey, type ReportView } from './reports.service.js';
import type { ActionError, PageBase } from './reports.views.js';

/** Parts of the staff report page: deadline, findings with acknowledgements, workflow actions. */

const base = (code: string, year: number) => `/admin/orgs/${code}/reports/${year}`;

/** The 条例第四十九条 deadline and the days left (or overdue). */
export function Countdown(props: { view: ReportView }) {
  const { view } = props;
  if (view.state === 'published' || view.state === 'amended')
    return (
      <p>
        已于 {view.publishedOn} 公开（公布期限 {view.deadline}）。
      </p>
    );
  const kind =
    view.org.kind === 'government' ? '各级人民政府于次年3月31日前' : '政府部门等于次年1月31日前';
  return (
    <p class={view.daysLeft < 0 ? 'field__error' : undefined}>
      公布期限：{view.deadline}（条例第四十九条，{kind}公布）。
      {view.daysLeft >= 0
        ? `距公布期限还有 ${view.daysLeft} 天。`
        : `已超过公布期限 ${-view.daysLeft} 天。`}
    </p>
  );
}

/** The validation findings; each warning with its acknowledgement or the form to give one. */
export function Findings(props: PageBase & { view: ReportView }) {
  const { view } = props;
  const errors = view.findings.filter((f) => f.severity === 'error');
  const warnings = view.findings.filter((f) => f.severity === 'warning');
  const acks = new Map(view.acknowledgements.map((a) => [ackKey(a), a]));
  const editable = view.state === 'draft' || view.state === 'submitted';
  return (
    <section aria-labelledby="findings-title">
      <h2 id="findings-title">校验结果</h2>
      {view.findings.length === 0 ? <p>未发现问题。</p> : null}
      {errors.length > 0 ? (
        <>
          <p>以下错误须在相关记录中更正后重新生成，否则不能报送或公开：</p>
          <ul>
            {errors.map((f) => (
              <li key={ackKey(f)} data-finding={f.code}>
                <strong>错误 {f.code}</strong> {f.path}：{f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.map((f, i) => {
        const ack = acks.get(ackKey(f));
        return (
          <div key={ackKey(f)} class="field" data-finding={f.code}>
            <p>
              <strong>警告 {f.code}</strong> {f.path}：{f.message}
            </p>
            {ack ? (
              <p>
                已确认（{ack.by}）：{ack.reason}
              </p>
            ) : editable ? (
              <form method="post" action={`${base(view.org.code, view.year)}/acknowledge`}>
                <CsrfField token={props.csrf} />
                <input type="hidden" name="code" value={f.code} />
                <input type="hidden" name="path" value={f.path} />
                <TextField
                  name={`reason-${i}`}
                  label="确认理由"
                  hint="说明为什么这项警告可以接受（至少4个字）。"
                />
                <Button variant="secondary">确认此警告</Button>
              </form>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

/** The workflow buttons of the report's state, and the downloads. */
export function Actions(props: PageBase & { view: ReportView; error?: ActionError }) {
  const { view } = props;
  const b = base(view.org.code, view.year);
  const e = props.error?.fields ?? {};
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">办理</h2>
      {view.state === 'draft' ? (
        <div class="button-row">
          <PostButton action={`${b}/generate`} csrf={props.csrf}>
            重新生成表格数据
          </PostButton>
          <PostButton action={`${b}/submit`} csrf={props.csrf} variant="primary">
            报送上级主管部门
          </PostButton>
        </div>
      ) : null}
      {view.state === 'submitted' ? (
        <div class="button-row">
          <PostButton action={`${b}/publish`} csrf={props.csrf} variant="primary">
            在门户网站公开
          </PostButton>
          <PostButton action={`${b}/reopen`} csrf={props.csrf}>
            退回修改
          </PostButton>
        </div>
      ) : null}
      {view.state === 'published' ? (
        <form method="post" action={`${b}/amend`} novalidate>
          <CsrfField token={props.csrf} />
          <TextArea
            name="change_note"
            label="更正说明"
            hint="说明更正的内容和原因；原版本仍可查阅。"
            error={e.change_note}
            rows={3}
          />
          <Button variant="secondary">发布更正版本</Button>
        </form>
      ) : null}
      <p>
        下载：
        {OUTPUT_FORMATS.map((f) => (
          <a
            key={f}
            href={`${b}/download?format=${f}&revision=${view.revision}`}
            class="download-link"
          >
            {f.toUpperCase()}
          </a>
        )).reduce<unknown[]>((acc, el, i) => (i ? [...acc, '、', el] : [el]), [])}
      </p>
    </section>
  );
}
