import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import {
  ATTRIBUTE_LABELS,
  ATTRIBUTE_REASONS,
  ATTRIBUTES,
  CHANNEL_LABELS,
  CHANNELS,
  DOC_TYPE_LABELS,
  DOC_TYPES,
  VALIDITIES,
  VALIDITY_LABELS,
} from './catalogue.model.js';
import { CataloguePage, type PageBase } from './catalogue.views.js';
import type { Column } from './columns.model.js';

/** The item form: metadata, body (plain textarea; a rich editor enhances it) and 公开属性. */

/** Form values as strings, re-shown after an error. */
export type ItemFormValues = Record<string, string | string[] | undefined>;

export const ITEM_FIELD_LABELS: Record<string, string> = {
  column_id: '栏目',
  title: '标题',
  summary: '内容概述',
  body_html: '正文',
  doc_number: '文号',
  formed_on: '成文日期',
  published_on: '发布日期',
  topic: '主题分类',
  genre: '体裁',
  keywords: '主题词',
  doc_type: '文件类型',
  validity: '有效性',
  abolished_on: '废止日期',
  disclosure_mode: '公开方式',
  attribute: '公开属性',
  attribute_reason: '公开属性依据',
  channels: '发布渠道',
  interprets_ref: '解读的政策',
  change_note: '修改说明',
};

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

export function ItemFormPage(
  props: PageBase & {
    mode: 'new' | 'edit';
    itemId?: number;
    published?: boolean;
    values: ItemFormValues;
    errors?: Record<string, string>;
    columns: Column[];
    policies: Array<{ ref: string; title: string }>;
  },
) {
  const v = props.values;
  const e = props.errors ?? {};
  const base = `/admin/orgs/${props.org.code}/items`;
  const action = props.mode === 'new' ? `${base}/new` : `${base}/${props.itemId}/edit`;
  const channels = Array.isArray(v.channels) ? v.channels : v.channels ? [v.channels] : [];
  const reasonCode = str(v.attribute_reason_code);
  return (
    <CataloguePage {...props} title={props.mode === 'new' ? '新建信息' : '编辑信息'}>
      <h1>{props.mode === 'new' ? '新建信息' : '编辑信息'}</h1>
      <ErrorSummary errors={e} labels={ITEM_FIELD_LABELS} />
      <form
        method="post"
        action={action}
        novalidate
        data-error-code={props.errors ? 'ERR_VALIDATION' : undefined}
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={str(v.version)} />
        {props.published ? (
          <TextArea
            name="change_note"
            label="修改说明"
            hint="已发布信息的修改将形成新版本，修改说明在网站页面显示"
            required
            value={str(v.change_note)}
            error={e.change_note}
            rows={2}
          />
        ) : null}
        <SelectField
          name="column_id"
          label="栏目"
          required
          value={str(v.column_id)}
          emptyLabel="请选择"
          options={props.columns.map((c) => ({
            value: String(c.id),
            label: c.parentId ? `　${c.name}` : c.name,
          }))}
          error={e.column_id}
        />
        <TextField name="title" label="标题" required value={str(v.title)} error={e.title} />
        <TextArea
          name="summary"
          label="内容概述"
          value={str(v.summary)}
          error={e.summary}
          rows={2}
        />
        <div class="field" data-module="rich-editor">
          <TextArea
            name="body_html"
            label="正文"
            hint="可直接输入文字（空行分段），或从 Word/WPS 粘贴；保存时仅保留标题、段落、列表、表格、链接等结构，样式和脚本会被清除"
            value={str(v.body_html)}
            error={e.body_html}
            rows={14}
          />
        </div>
        <fieldset class="fieldset">
          <legend>元数据</legend>
          <TextField
            name="doc_number"
            label="文号"
            hint="格式：机关代字〔年份〕序号号，如 温高管〔2022〕1号"
            value={str(v.doc_number)}
            error={e.doc_number}
            width="medium"
          />
          <TextField
            name="formed_on"
            label="成文日期"
            type="date"
            required
            value={str(v.formed_on)}
            error={e.formed_on}
            width="short"
          />
          <TextField
            name="published_on"
            label="发布日期"
            type="date"
            hint="留空则为实际发布当日；不得早于成文日期"
            value={str(v.published_on)}
            error={e.published_on}
            width="short"
          />
          <TextField
            name="topic"
            label="主题分类"
            hint="如：综合政务\政务公开"
            value={str(v.topic)}
            error={e.topic}
            width="medium"
          />
          <TextField
            name="genre"
            label="体裁"
            hint="如：通知、意见、公告"
            value={str(v.genre)}
            error={e.genre}
            width="short"
          />
          <TextField
            name="keywords"
            label="主题词"
            value={str(v.keywords)}
            error={e.keywords}
            width="medium"
          />
          <SelectField
            name="doc_type"
            label="文件类型"
            required
            value={str(v.doc_type) || 'other'}
            options={DOC_TYPES.map((d) => ({ value: d, label: DOC_TYPE_LABELS[d] }))}
            error={e.doc_type}
          />
          <SelectField
            name="validity"
            label="有效性"
            value={str(v.validity)}
            emptyLabel="不适用"
            options={VALIDITIES.map((d) => ({ value: d, label: VALIDITY_LABELS[d] }))}
            error={e.validity}
          />
          <TextField
            name="abolished_on"
            label="废止日期"
            type="date"
            value={str(v.abolished_on)}
            error={e.abolished_on}
            width="short"
          />
          <TextField
            name="disclosure_mode"
            label="公开方式"
            hint="如：政府网站、政府公报"
            value={str(v.disclosure_mode)}
            error={e.disclosure_mode}
            width="medium"
          />
          {props.policies.length > 0 ? (
            <SelectField
              name="interprets_ref"
              label="解读的政策"
              hint="仅政策解读栏目的信息需要选择"
              value={str(v.interprets_ref)}
              emptyLabel="无"
              options={props.policies.map((p) => ({ value: p.ref, label: p.title }))}
              error={e.interprets_ref}
            />
          ) : null}
        </fieldset>
        <fieldset class="fieldset">
          <legend>公开属性</legend>
          <SelectField
            name="attribute"
            label="公开属性"
            required
            value={str(v.attribute) || 'active'}
            options={ATTRIBUTES.map((a) => ({ value: a, label: ATTRIBUTE_LABELS[a] }))}
            error={e.attribute}
          />
          <SelectField
            name="attribute_reason_code"
            label="公开属性依据"
            hint="依申请公开、不予公开须说明依据；选择“其他”时请在下方填写"
            value={reasonCode}
            emptyLabel="无"
            options={[
              ...Object.entries(ATTRIBUTE_REASONS).map(([value, label]) => ({ value, label })),
              { value: 'other', label: '其他（填写依据）' },
            ]}
            error={e.attribute_reason}
          />
          <TextField
            name="attribute_reason_text"
            label="其他依据"
            value={str(v.attribute_reason_text)}
            width="medium"
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>发布渠道</legend>
          {CHANNELS.map((c) => (
            <Checkbox
              key={c}
              name="channels"
              value={c}
              label={CHANNEL_LABELS[c]}
              checked={channels.includes(c)}
            />
          ))}
        </fieldset>
        <Button>保存</Button>
      </form>
    </CataloguePage>
  );
}
