import type { Actor } from '../platform/authz.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextField,
} from '../platform/views/components/form.js';
import { AdminLayout } from '../platform/views/layouts.js';
import {
  CONTACT_FIELDS,
  CONTACT_LABELS,
  ORG_KINDS,
  ORG_KIND_LABELS,
  formatIndexNo,
  type IndexTemplate,
  type Org,
} from './orgs.model.js';
import { ORG_FORM_LABELS, orgFormSchema, type OrgFormInput } from './orgs.schema.js';
import type { OrgInput } from './orgs.model.js';

/** The org form (new and edit) and the mapping between it and OrgInput. */

/** Raw form values, as submitted or as shown. */
export type OrgFormValues = Record<string, string>;

/** Form values of an existing org (for the edit page). */
export function formValuesOf(org: Org, parentCode: string | null): OrgFormValues {
  const t = org.indexTemplate;
  const v: OrgFormValues = {
    name: org.name,
    code: org.code,
    kind: org.kind,
    parent: parentCode ?? '',
    uscc: org.uscc ?? '',
    site_id_code: org.siteIdCode ?? '',
    tpl_prefix: t.prefix,
    tpl_prefix_text: t.prefixText ?? '',
    tpl_separator: t.separator,
    tpl_period: t.period,
    tpl_segment_separator: t.segmentSeparator,
    tpl_category: t.category,
    tpl_serial_width: String(t.serialWidth),
    tpl_reset: t.reset,
  };
  for (const f of CONTACT_FIELDS) v[`contact_${f}`] = org.contact[f] ?? '';
  return v;
}

/** Defaults of the new-org form. */
export function newFormValues(parentCode: string | null): OrgFormValues {
  return {
    kind: 'department',
    parent: parentCode ?? '',
    tpl_prefix: 'code',
    tpl_separator: '/',
    tpl_period: 'year',
    tpl_segment_separator: '-',
    tpl_category: 'none',
    tpl_serial_width: '5',
    tpl_reset: 'yearly',
  };
}

/** Plain string values of a submitted body (for re-rendering it). */
export function submittedValues(body: Record<string, unknown>): OrgFormValues {
  const v: OrgFormValues = {};
  for (const [k, value] of Object.entries(body))
    if (typeof value === 'string' && k !== '_csrf') v[k] = value;
  return v;
}

/** The parsed form as the service's input. */
export function formToInput(f: OrgFormInput): OrgInput {
  return {
    code: f.code,
    name: f.name,
    kind: f.kind,
    parentCode: f.parent,
    uscc: f.uscc,
    siteIdCode: f.site_id_code,
    contact: {
      office: f.contact_office,
      address: f.contact_address,
      hours: f.contact_hours,
      phone: f.contact_phone,
      fax: f.contact_fax,
      email: f.contact_email,
      postcode: f.contact_postcode,
    },
    indexTemplate: {
      prefix: f.tpl_prefix,
      prefixText: f.tpl_prefix_text,
      separator: f.tpl_separator,
      period: f.tpl_period,
      segmentSeparator: f.tpl_segment_separator,
      category: f.tpl_category,
      serialWidth: f.tpl_serial_width,
      reset: f.tpl_reset,
    },
  };
}

/** The 索引号 an item formed today would get as its first number, or why none can be made. */
export function exampleIndexNo(values: OrgFormValues, today: string): string {
  const parsed = orgFormSchema.safeParse({
    ...values,
    code: values.code || 'example',
    name: values.name || '示例',
  });
  if (!parsed.success) return '（请先修正表单中的错误）';
  const input = formToInput(parsed.data);
  const template: IndexTemplate | undefined = input.indexTemplate;
  if (!template) return '—';
  try {
    return formatIndexNo(
      template,
      { code: input.code, uscc: input.uscc },
      today,
      1,
      template.category === 'none' ? null : 'art20-01',
    );
  } catch {
    return '（当前设置无法生成索引号）';
  }
}

/** The org form page. `mode` decides the title, the action and whether the code is editable. */
export function OrgFormPage(props: {
  mode: 'new' | 'edit';
  actor: Actor;
  csrf: string;
  path: string;
  values: OrgFormValues;
  errors?: Record<string, string>;
  parents: Array<{ code: string; name: string }>;
  allowTopLevel: boolean;
  example: string;
}) {
  const { values: v, errors: e = {} } = props;
  const title = props.mode === 'new' ? '新建单位' : `修改单位信息：${v.name ?? ''}`;
  const action = props.mode === 'new' ? '/admin/orgs/new' : `/admin/orgs/${v.code ?? ''}/edit`;
  const select = (
    name: string,
    label: string,
    options: Array<{ value: string; label: string }>,
    hint?: string,
  ) => (
    <SelectField
      name={name}
      label={label}
      value={v[name]}
      options={options}
      error={e[name]}
      hint={hint}
    />
  );
  return (
    <AdminLayout title={title} actor={props.actor} csrf={props.csrf} currentPath={props.path}>
      <h1>{title}</h1>
      <ErrorSummary errors={e} labels={ORG_FORM_LABELS} />
      <form method="post" action={action} novalidate>
        <CsrfField token={props.csrf} />
        <fieldset class="fieldset">
          <legend>基本信息</legend>
          <TextField
            name="name"
            label="单位名称"
            value={v.name}
            error={e.name}
            required
            hint="全称，如：温州高新区(经开区)管委会"
          />
          {props.mode === 'new' ? (
            <TextField
              name="code"
              label="单位代码"
              value={v.code}
              error={e.code}
              required
              width="medium"
              hint="2至40位小写字母、数字或连字符；也是本单位网站的网址，发布后不可更改"
            />
          ) : (
            <p>
              单位代码：<code>{v.code}</code>（网址 /{v.code}/，不可更改）
            </p>
          )}
          {select(
            'kind',
            '单位类型',
            ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] })),
            '决定年度报告发布期限：人民政府为3月31日前，其他单位为1月31日前',
          )}
          <SelectField
            name="parent"
            label="上级单位（政府信息公开工作主管部门）"
            value={v.parent}
            error={e.parent}
            emptyLabel={props.allowTopLevel ? '（无，顶级单位）' : '请选择'}
            options={props.parents.map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))}
          />
          <TextField
            name="uscc"
            label="统一社会信用代码"
            value={v.uscc}
            error={e.uscc}
            width="medium"
            hint="18位，系统校验校验位"
          />
          <TextField
            name="site_id_code"
            label="网站标识码"
            value={v.site_id_code}
            error={e.site_id_code}
            width="medium"
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend>政府信息公开指南（条例第十二条）</legend>
          {CONTACT_FIELDS.map((f) => (
            <TextField
              key={f}
              name={`contact_${f}`}
              label={CONTACT_LABELS[f]}
              value={v[`contact_${f}`]}
              error={e[`contact_${f}`]}
              type={f === 'email' ? 'email' : 'text'}
            />
          ))}
        </fieldset>
        <fieldset class="fieldset">
          <legend>索引号规则</legend>
          {select('tpl_prefix', '前缀', [
            { value: 'code', label: '单位代码' },
            { value: 'uscc', label: '统一社会信用代码' },
            { value: 'text', label: '固定文字（如组织机构代码）' },
          ])}
          <TextField
            name="tpl_prefix_text"
            label="前缀文字"
            value={v.tpl_prefix_text}
            error={e.tpl_prefix_text}
            width="medium"
            hint="仅在前缀为“固定文字”时使用"
          />
          <TextField
            name="tpl_separator"
            label="前缀分隔符"
            value={v.tpl_separator}
            error={e.tpl_separator}
            width="short"
            hint="如 /"
          />
          {select('tpl_period', '年度段', [
            { value: 'year', label: '年（如 2021）' },
            { value: 'year-month', label: '年月（如 202110）' },
          ])}
          <TextField
            name="tpl_segment_separator"
            label="段分隔符"
            value={v.tpl_segment_separator}
            error={e.tpl_segment_separator}
            width="short"
            hint="如 -"
          />
          {select('tpl_category', '类别段', [
            { value: 'none', label: '不含类别' },
            { value: 'before-period', label: '类别在年度段之前' },
            { value: 'after-period', label: '类别在年度段之后' },
          ])}
          <TextField
            name="tpl_serial_width"
            label="流水号位数"
            value={v.tpl_serial_width}
            error={e.tpl_serial_width}
            width="short"
            inputmode="numeric"
          />
          {select('tpl_reset', '重新编号', [
            { value: 'yearly', label: '每年从1开始' },
            { value: 'monthly', label: '每月从1开始' },
          ])}
          <p class="index-example" data-module="index-example">
            索引号示例：<code>{props.example}</code>
          </p>
        </fieldset>
        <Button>保存</Button>
      </form>
    </AdminLayout>
  );
}
