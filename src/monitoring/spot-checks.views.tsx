import { formatChinaTime } from '../platform/time.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import type { OrgRow } from '../orgs/orgs.repository.js';
import type { SpotCheckRow } from './spot-checks.repository.js';
import type { SpotCheckView } from './spot-checks.service.js';
import { CHECKLIST } from './spot-checks.model.js';
import { RectificationLayout, Tag, type PageBase } from './rectification.views.js';

/** Pages of spot checks (抽查): the list with the creation form, and one check. */

type Errors = {
  errors?: Record<string, string>;
  errorCode?: string;
  form?: Record<string, string>;
};

/** /admin/orgs/:code/spot-checks */
export function SpotChecksPage(
  props: PageBase & Errors & { org: OrgRow; checks: SpotCheckRow[]; mayCreate: boolean },
) {
  const form = props.form ?? {};
  const e = props.errors ?? {};
  return (
    <RectificationLayout {...props} title="抽查" org={props.org}>
      <h1>{props.org.name}：抽查</h1>
      {props.checks.length ? (
        <div class="table-wrap" role="region" aria-labelledby="spot-list" tabIndex={0}>
          <table class="table">
            <caption id="spot-list">抽查记录</caption>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">期间</th>
                <th scope="col">抽取条数</th>
                <th scope="col">状态</th>
                <th scope="col">创建时间</th>
              </tr>
            </thead>
            <tbody>
              {props.checks.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={`/admin/orgs/${props.org.code}/spot-checks/${c.id}`}>{c.title}</a>
                  </th>
                  <td>
                    {c.period_from} 至 {c.period_to}
                  </td>
                  <td>{c.sample_size}</td>
                  <td>{c.status === 'done' ? '已结束' : '进行中'}</td>
                  <td>{formatChinaTime(c.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>尚未开展抽查。</p>
      )}
      {props.mayCreate ? (
        <form method="post" action={`/admin/orgs/${props.org.code}/spot-checks`}>
          <h2>新建抽查</h2>
          <p>
            从期间内已公开的信息中按栏目分层随机抽取，每个有信息的栏目至少抽取一条（条数允许时）。
          </p>
          <div data-error-code={props.errors ? (props.errorCode ?? 'ERR_VALIDATION') : undefined}>
            <ErrorSummary errors={props.errors} />
          </div>
          <CsrfField token={props.csrf} />
          <TextField name="title" label="抽查名称" required value={form.title} error={e.title} />
          <TextField
            name="period_from"
            label="起始日期"
            hint="格式：YYYY-MM-DD"
            required
            width="medium"
            value={form.period_from}
            error={e.period_from}
          />
          <TextField
            name="period_to"
            label="截止日期"
            hint="格式：YYYY-MM-DD"
            required
            width="medium"
            value={form.period_to}
            error={e.period_to}
          />
          <TextField
            name="sample_size"
            label="抽查条数"
            required
            width="short"
            inputmode="numeric"
            value={form.sample_size}
            error={e.sample_size}
          />
          <TextField
            name="seed"
            label="随机种子（可选）"
            hint="填写相同的种子可重现同一样本；不填由系统生成"
            width="medium"
            value={form.seed}
            error={e.seed}
          />
          <Button>抽取样本</Button>
        </form>
      ) : null}
    </RectificationLayout>
  );
}

/** /admin/orgs/:code/spot-checks/:id */
export function SpotCheckPage(
  props: PageBase & Errors & { view: SpotCheckView; notice?: string | null; itemId?: number },
) {
  const v = props.view;
  const base = `/admin/orgs/${v.org.code}/spot-checks/${v.check.id}`;
  return (
    <RectificationLayout {...props} title={v.check.title} org={v.org}>
      <h1>{v.check.title}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      <p>
        期间：{v.check.period_from} 至 {v.check.period_to}；抽取 {v.items.length} 条（要求{' '}
        {v.check.sample_size} 条）；随机种子：
        <code>{v.check.seed}</code>；状态：{v.check.status === 'done' ? '已结束' : '进行中'}
      </p>
      <div data-error-code={props.errors ? (props.errorCode ?? 'ERR_VALIDATION') : undefined}>
        <ErrorSummary errors={props.errors} />
      </div>
      <h2>各栏目合格率</h2>
      <div class="table-wrap" role="region" aria-labelledby="spot-rates" tabIndex={0}>
        <table class="table">
          <caption id="spot-rates">按栏目统计</caption>
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">已检查</th>
              <th scope="col">合格</th>
              <th scope="col">合格率</th>
            </tr>
          </thead>
          <tbody>
            {v.rates.map((r) => (
              <tr key={r.column}>
                <th scope="row">{r.column}</th>
                <td>{r.checked}</td>
                <td>{r.passed}</td>
                <td data-rate={r.column}>{r.rate === null ? '—' : `${r.rate}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>抽取的信息</h2>
      <ol class="spot-items">
        {v.items.map((item) => {
          const errors = props.itemId === item.id ? props.errors : undefined;
          const form = props.itemId === item.id ? (props.form ?? {}) : {};
          const prefix = `i${item.id}`;
          return (
            <li
              key={item.id}
              id={`item-${item.id}`}
              class="spot-item"
              data-result={item.result ?? 'pending'}
            >
              <h3>
                {item.title}{' '}
                {item.result ? (
                  <Tag kind={item.result === 'pass' ? 'published' : 'late'}>
                    {item.result === 'pass' ? '合格' : '不合格'}
                  </Tag>
                ) : (
                  <Tag kind="draft">未检查</Tag>
                )}
              </h3>
              <p class="muted">
                {item.columnName}；发布日期 {item.publishedOn ?? '—'}；编号 {item.ref}
              </p>
              {item.note ? <p>说明：{item.note}</p> : null}
              {v.mayEdit ? (
                <form method="post" action={`${base}/items/${item.id}`}>
                  <CsrfField token={props.csrf} />
                  {CHECKLIST.map((c) => {
                    const name = `p_${c.key}`;
                    const current =
                      form[name] ??
                      (item.checklist ? (item.checklist[c.key] ? 'pass' : 'fail') : '');
                    const err = errors?.[name];
                    return (
                      <fieldset
                        key={c.key}
                        class={`fieldset checklist-point${err ? ' field--error' : ''}`}
                        aria-describedby={err ? `${prefix}-${c.key}-error` : undefined}
                      >
                        <legend>
                          {c.label}
                          <span class="muted">（{c.hint}）</span>
                        </legend>
                        {err ? (
                          <p id={`${prefix}-${c.key}-error`} class="field__error">
                            {err}
                          </p>
                        ) : null}
                        <span class="radio">
                          <input
                            type="radio"
                            id={`${prefix}-${c.key}-pass`}
                            name={name}
                            value="pass"
                            checked={current === 'pass'}
                          />
                          <label for={`${prefix}-${c.key}-pass`}>合格</label>
                        </span>
                        <span class="radio">
                          <input
                            type="radio"
                            id={`${prefix}-${c.key}-fail`}
                            name={name}
                            value="fail"
                            checked={current === 'fail'}
                          />
                          <label for={`${prefix}-${c.key}-fail`}>不合格</label>
                        </span>
                      </fieldset>
                    );
                  })}
                  <div class="field">
                    <label class="field__label" for={`${prefix}-note`}>
                      说明（可选）
                    </label>
                    <textarea id={`${prefix}-note`} name="note" rows={2} class="input input--full">
                      {form.note ?? item.note ?? ''}
                    </textarea>
                  </div>
                  <Button variant="secondary">记录检查结果</Button>
                </form>
              ) : null}
              {v.mayEdit && item.checklist
                ? CHECKLIST.filter((c) => item.checklist?.[c.key] === false).map((c) => (
                    <form
                      key={c.key}
                      method="post"
                      action={`${base}/items/${item.id}/finding`}
                      class="inline-form"
                    >
                      <CsrfField token={props.csrf} />
                      <input type="hidden" name="point" value={c.key} />
                      <Button variant="secondary">将“{c.label}”转为整改任务</Button>
                    </form>
                  ))
                : null}
            </li>
          );
        })}
      </ol>
      {v.mayEdit ? (
        <form method="post" action={`${base}/close`}>
          <CsrfField token={props.csrf} />
          <TextArea name="summary" label="抽查小结（可选，记入审计日志）" rows={2} />
          <Button>结束抽查</Button>
        </form>
      ) : null}
    </RectificationLayout>
  );
}
