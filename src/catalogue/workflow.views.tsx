import { formatChinaTime } from '../platform/time.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { CataloguePage, type PageBase } from './catalogue.views.js';
import type { ItemRow } from './items.repository.js';
import type { ItemDetails } from './queries.service.js';
import type { GateResult } from './content-gate.service.js';
import { GatePanel } from './content-gate.views.js';

/** Workflow views: the item's version and review history, and the review/publish/withdraw forms. */

export function History(props: { d: ItemDetails; base: string }) {
  const { d } = props;
  const who = (id: number | null) => (id ? (d.names.get(id) ?? `#${id}`) : '系统');
  const latest = d.versions[d.versions.length - 1]?.version ?? 1;
  return (
    <>
      <h2>版本</h2>
      <ul>
        {d.versions.map((v) => (
          <li key={v.version}>
            第 {v.version} 版，{formatChinaTime(v.created_at)}，{who(v.author_id)}
            {v.change_note ? `：${v.change_note}` : ''}
            {v.version < latest ? (
              <>
                {' '}
                <a href={`${props.base}/versions?a=${v.version}&b=${latest}`}>与最新版比较</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <h2>审核记录</h2>
      {d.reviews.length === 0 ? (
        <p>暂无审核记录。</p>
      ) : (
        <ul>
          {d.reviews.map((r) => (
            <li key={r.id}>
              {formatChinaTime(r.at)}，{who(r.reviewer_id)}，
              {r.level > 0 ? `第 ${r.level} 级` : '定期审查'}：
              {REVIEW_LABELS[r.decision] ?? r.decision}
              {r.comment ? `（${r.comment}）` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const REVIEW_LABELS: Record<string, string> = {
  approve: '通过',
  return: '退回修改',
  rereview_keep: '继续不予公开',
  rereview_release: '转为主动公开',
  gate_blocked: '定时发布未执行（内容检查未通过）',
};

/** Form pages of one action on an item: review, publish, withdraw. */
export function ActionPage(
  props: PageBase & {
    item: ItemRow;
    kind: 'review' | 'publish' | 'withdraw';
    values: Record<string, string>;
    errors?: Record<string, string>;
    finalLevel?: boolean;
    gate?: GateResult | null;
    gateError?: string | null;
    mayClear?: boolean;
  },
) {
  const base = `/admin/orgs/${props.org.code}/items/${props.item.id}`;
  const e = props.errors ?? {};
  const titles = { review: '审核', publish: '发布', withdraw: '撤回' } as const;
  return (
    <CataloguePage {...props} title={`${titles[props.kind]}：${props.item.title}`}>
      <h1>
        {titles[props.kind]}：{props.item.title}
      </h1>
      <p>
        <a href={base}>查看信息详情</a>
      </p>
      <ErrorSummary errors={props.errors} />
      {props.gate ? (
        <GatePanel
          gate={props.gate}
          base={base}
          csrf={props.csrf}
          mayClear={props.mayClear ?? false}
          error={props.gateError}
        />
      ) : null}
      <form
        method="post"
        action={`${base}/${props.kind}`}
        novalidate
        data-error-code={props.errors ? 'ERR_VALIDATION' : undefined}
      >
        <CsrfField token={props.csrf} />
        {props.kind === 'review' ? (
          <>
            <SelectField
              name="decision"
              label="审核意见"
              required
              value={props.values.decision ?? 'approve'}
              options={[
                {
                  value: 'approve',
                  label: props.finalLevel ? '通过（可发布）' : '通过，送下一级审核',
                },
                { value: 'return', label: '退回修改' },
              ]}
              error={e.decision}
            />
            <TextArea
              name="comment"
              label="意见说明"
              hint="退回时必填"
              value={props.values.comment}
              error={e.comment}
            />
          </>
        ) : props.kind === 'publish' ? (
          <>
            <SelectField
              name="mode"
              label="发布方式"
              required
              value={props.values.mode ?? 'now'}
              options={[
                { value: 'now', label: '立即发布' },
                { value: 'schedule', label: '定时发布' },
              ]}
              error={e.mode}
            />
            <TextField
              name="scheduled_at"
              label="定时发布时间（北京时间）"
              type="datetime-local"
              value={props.values.scheduled_at}
              error={e.scheduled_at}
              width="medium"
            />
          </>
        ) : (
          <TextArea
            name="reason"
            label="撤回原因"
            hint="将在原网址公开显示"
            required
            value={props.values.reason}
            error={e.reason}
          />
        )}
        <Button variant={props.kind === 'withdraw' ? 'danger' : 'primary'}>确定</Button>
      </form>
    </CataloguePage>
  );
}
