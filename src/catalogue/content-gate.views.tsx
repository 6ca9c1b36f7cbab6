import { formatChinaTime } from '../platform/time.js';
import { Button, CsrfField } from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import type { GateResult } from './content-gate.service.js';

/** The pre-publication content check of an item (issue 7): findings and reviewers' clearances. */

const CATEGORY_LABELS: Record<string, string> = {
  personal_data: '个人信息',
  secrecy: '涉密标志',
  expression: '严重表述错误',
  typo: '错别字与格式',
};

/**
 * Every finding (category, rule, context, suggestion), 个人信息 and 涉密标志 first; personal data
 * arrives masked. With `mayClear`, a form per open blocking finding asks the reviewer for the
 * reason and posts the finding's match key (a keyed digest for personal data, never the number).
 */
export function GatePanel(props: {
  gate: GateResult;
  base: string;
  csrf: string;
  mayClear: boolean;
  error?: string | null;
}) {
  const { findings, open } = props.gate;
  return (
    <section class="content-gate" aria-labelledby="content-gate-title">
      <h2 id="content-gate-title">发布前内容检查</h2>
      {props.error ? (
        <Notice kind="warning">
          <span data-error-code="ERR_CONTENT_BLOCKED">{props.error}</span>
        </Notice>
      ) : null}
      {findings.length === 0 ? (
        <p>未发现个人信息、涉密标志、表述错误或错别字问题。</p>
      ) : (
        <>
          <p>
            共发现 {findings.length} 处问题
            {open.length
              ? `，其中 ${open.length} 处须审核人（非起草人）确认并填写理由后才能发布。`
              : '；提示类问题不影响发布，请酌情修改。'}
          </p>
          <ol class="content-gate__list">
            {findings.map((f, i) => (
              <li key={i} class={f.blocking && !f.clearance ? 'content-gate__blocking' : undefined}>
                <p>
                  <strong>
                    {CATEGORY_LABELS[f.category] ?? f.category}
                    {f.blocking ? (f.clearance ? '（已确认）' : '（阻止发布）') : '（提示）'}
                  </strong>{' '}
                  {f.label}，规则 <code>{f.rule}</code>：「{f.text}」
                </p>
                <p>上下文：…{f.context}…</p>
                <p>建议：{f.suggestion}</p>
                {f.clearance ? (
                  <p>
                    第 {f.clearance.version} 版已于 {formatChinaTime(f.clearance.clearedAt)}
                    确认，理由：{f.clearance.reason}
                  </p>
                ) : null}
                {f.blocking && !f.clearance && props.mayClear ? (
                  <form
                    method="post"
                    action={`${props.base}/clearances`}
                    class="content-gate__form"
                  >
                    <CsrfField token={props.csrf} />
                    <input type="hidden" name="rule" value={f.rule} />
                    <input type="hidden" name="text" value={f.matchKey} />
                    <div class="field">
                      <label for={`clear-reason-${i}`} class="field__label">
                        确认理由（必填）
                      </label>
                      <textarea
                        id={`clear-reason-${i}`}
                        name="reason"
                        rows={2}
                        required
                        class="input input--full"
                      />
                    </div>
                    <Button variant="secondary">确认可以发布</Button>
                  </form>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
