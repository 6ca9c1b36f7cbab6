import { formatChinaTime } from '../platform/time.js';
import type { GateResult } from './content-gate.service.js';
import { GatePanel } from './content-gate.views.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  PostButton,
  SelectField,
} from '../platform/views/components/form.js';
import { Notice, Pager, SummaryList } from '../platform/views/components/misc.js';
import { formatSize } from './attachments.model.js';
import {
  ATTRIBUTE_LABELS,
  ATTRIBUTE_REASONS,
  CHANNEL_LABELS,
  DOC_TYPE_LABELS,
  ITEM_STATUSES,
  reviewStage,
  STATUS_LABELS,
  VALIDITY_LABELS,
  type Attribute,
  type Channel,
  type DocType,
  type Validity,
} from './catalogue.model.js';
import { CataloguePage, StatusTag, type PageBase } from './catalogue.views.js';
import type { Column } from './columns.model.js';
import { channelsOf } from './items.model.js';
import type { ItemRow } from './items.repository.js';
import { History } from './workflow.views.js';
import type { ItemDetails } from './queries.service.js';

/** The item list (with filters, 我的草稿, 待我审核) and the item page with its actions. */

export function ItemListPage(
  props: PageBase & {
    items: ItemRow[];
    columns: Column[];
    view: string;
    status: string | null;
    column: number | null;
    page: number;
    hasNext: boolean;
  },
) {
  const base = `/admin/orgs/${props.org.code}/items`;
  const names = new Map(props.columns.map((c) => [c.id, c.name]));
  const title =
    props.view === 'mine' ? '我的草稿' : props.view === 'review' ? '待我审核' : '信息列表';
  const query = new URLSearchParams({
    view: props.view,
    ...(props.status ? { status: props.status } : {}),
    ...(props.column ? { column: String(props.column) } : {}),
  });
  return (
    <CataloguePage {...props} title={title}>
      <h1>{title}</h1>
      {props.view === 'all' ? (
        <form method="get" action={base} class="filters">
          <SelectField
            name="status"
            label="状态"
            value={props.status}
            emptyLabel="全部"
            options={ITEM_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <SelectField
            name="column"
            label="栏目"
            value={props.column}
            emptyLabel="全部"
            options={props.columns.map((c) => ({ value: String(c.id), label: c.name }))}
          />
          <Button variant="secondary">筛选</Button>
        </form>
      ) : null}
      {props.items.length === 0 ? (
        <p>暂无信息。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">栏目</th>
                <th scope="col">状态</th>
                <th scope="col">成文日期</th>
                <th scope="col">发布日期</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`${base}/${i.id}`}>{i.title}</a>
                  </td>
                  <td>{i.column_id ? names.get(i.column_id) : '—'}</td>
                  <td>
                    <StatusTag status={i.status} />
                  </td>
                  <td>{i.formed_on}</td>
                  <td>{i.published_on ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={props.page} hasNext={props.hasNext} baseHref={`${base}?${query.toString()}`} />
    </CataloguePage>
  );
}

const label = <K extends string>(labels: Record<K, string>, v: string | null) =>
  v ? (labels[v as K] ?? v) : null;

function Metadata(props: { d: ItemDetails; orgName: string }) {
  const i = props.d.item;
  return (
    <SummaryList
      caption="信息元数据"
      rows={[
        ['索引号', i.index_no],
        ['发布机构', props.orgName],
        ['栏目', props.d.column?.name],
        ['成文日期', i.formed_on],
        ['发布日期', i.published_on],
        [
          '应公开日期（条例第二十六条）',
          <>
            {props.d.due}
            {props.d.late ? <strong class="tag tag--late"> 超期</strong> : null}
          </>,
        ],
        ['文号', i.doc_number],
        ['主题分类', i.topic],
        ['体裁', i.genre],
        ['主题词', i.keywords],
        ['文件类型', label<DocType>(DOC_TYPE_LABELS, i.doc_type)],
        ['有效性', label<Validity>(VALIDITY_LABELS, i.validity)],
        ['废止日期', i.abolished_on],
        ['公开方式', i.disclosure_mode],
        ['公开属性', label<Attribute>(ATTRIBUTE_LABELS, i.attribute)],
        [
          '公开属性依据',
          i.attribute_reason ? (ATTRIBUTE_REASONS[i.attribute_reason] ?? i.attribute_reason) : null,
        ],
        ['下次审查日期', i.rereview_on],
        [
          '发布渠道',
          channelsOf(i)
            .map((c) => CHANNEL_LABELS[c as Channel] ?? c)
            .join('、'),
        ],
        ['版本', String(i.version)],
      ]}
    />
  );
}

export function ItemViewPage(
  props: PageBase & {
    d: ItemDetails;
    /** The pre-publication content check (issue 7), for items not yet published. */
    gate?: GateResult | null;
    notice: string | null;
    warnings: string[];
    errors?: Record<string, string>;
  },
) {
  const { d } = props;
  const i = d.item;
  const base = `/admin/orgs/${props.org.code}/items/${i.id}`;
  const stage = reviewStage(i.review_level, d.levels);
  const editable = i.status === 'draft' || i.status === 'returned' || i.status === 'published';
  const approved = i.status === 'in_review' && stage.kind === 'approved';
  return (
    <CataloguePage {...props} title={i.title}>
      <h1>{i.title}</h1>
      <p>
        <StatusTag status={i.status} />
        {i.status === 'in_review'
          ? stage.kind === 'approved'
            ? ' 审核已全部通过，待发布'
            : ` 待第 ${stage.level} 级审核（共 ${d.levels} 级）`
          : null}
        {i.status === 'scheduled' && i.scheduled_at
          ? ` 定时发布：${formatChinaTime(i.scheduled_at)}`
          : null}
      </p>
      <ErrorSummary errors={props.errors} />
      {i.status === 'withdrawn' ? (
        <Notice kind="info">
          已于 {i.withdrawn_on} 撤回。撤回原因：{i.withdrawal_reason}
        </Notice>
      ) : null}
      {i.change_note ? <p>最近修改说明：{i.change_note}</p> : null}
      <div class="actions">
        {d.may.draft && editable ? (
          <a class="button button--secondary" href={`${base}/edit`}>
            编辑
          </a>
        ) : null}
        {d.may.draft && (i.status === 'draft' || i.status === 'returned') ? (
          <PostButton action={`${base}/submit`} csrf={props.csrf} variant="primary">
            送审
          </PostButton>
        ) : null}
        {d.may.review && i.status === 'in_review' && stage.kind === 'awaiting' ? (
          <a class="button" href={`${base}/review`}>
            审核
          </a>
        ) : null}
        {d.may.publish && (approved || i.status === 'scheduled') ? (
          <a class="button" href={`${base}/publish`}>
            发布
          </a>
        ) : null}
        {d.may.withdraw && (i.status === 'published' || i.status === 'scheduled') ? (
          <a class="button button--danger" href={`${base}/withdraw`}>
            撤回
          </a>
        ) : null}
      </div>
      {props.gate ? (
        <GatePanel
          gate={props.gate}
          base={base}
          csrf={props.csrf}
          mayClear={d.may.review && i.author_id !== props.actor.userId && i.status !== 'draft'}
        />
      ) : null}
      <Metadata d={d} orgName={props.org.name} />
      {d.interprets ? (
        <p>
          本文解读：
          <a href={`/admin/orgs/${props.org.code}/items/${d.interprets.id}`}>
            {d.interprets.title}
          </a>
        </p>
      ) : null}
      {d.interpretations.length > 0 ? (
        <p>
          相关解读：
          {d.interpretations.map((x) => (
            <a key={x.id} href={`/admin/orgs/${props.org.code}/items/${x.id}`}>
              {x.title}{' '}
            </a>
          ))}
        </p>
      ) : null}
      <h2>正文</h2>
      {/* body_html is sanitised on save by the allowlist (sanitize.ts) */}
      <div class="article-body" dangerouslySetInnerHTML={{ __html: i.body_html ?? '' }} />
      <h2>附件</h2>
      {d.attachments.length === 0 ? (
        <p>无附件。</p>
      ) : (
        <ul>
          {d.attachments.map((a) => (
            <li key={a.id}>
              <a href={`${base}/attachments/${a.id}`}>{a.filename}</a>（{a.media_type}，
              {formatSize(a.size)}）
              {d.may.draft && editable ? (
                <PostButton action={`${base}/attachments/${a.id}/delete`} csrf={props.csrf}>
                  删除
                </PostButton>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {d.may.draft && editable ? (
        <form method="post" action={`${base}/attachments`} enctype="multipart/form-data">
          <CsrfField token={props.csrf} />
          <div class="field">
            <label class="field__label" for="f-file">
              上传附件
            </label>
            <p class="field__hint" id="f-file-hint">
              PDF、Word、Excel、OFD、图片、音视频；按文件内容识别类型
            </p>
            <input id="f-file" type="file" name="file" aria-describedby="f-file-hint" />
          </div>
          <Button variant="secondary">上传</Button>
        </form>
      ) : null}
      <History d={d} base={base} />
    </CataloguePage>
  );
}
