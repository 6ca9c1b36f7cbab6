import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import type { StaffBase } from './applications.views.js';
import type { OrgLetterInfo } from './casework.letters.js';
import { PLACEHOLDERS } from './letters.context.js';
import { LETTER_KIND_INFO, type LetterKind } from './letters.model.js';
import type { ResolvedTemplate } from './letters.templates.js';
import type { TemplateListItem } from './templates.service.js';

/** Admin pages of an org's letter templates and letter settings (issue 4). */

const SOURCE_LABELS: Record<ResolvedTemplate['source'], string> = {
  org: '本单位版本',
  platform: '平台默认',
  builtin: '内置默认',
};

export function TemplateListPage(
  props: StaffBase & { items: TemplateListItem[]; settings: OrgLetterInfo; saved?: boolean },
) {
  const base = `/admin/orgs/${props.orgCode}/letter-templates`;
  return (
    <AdminLayout title="告知书模板" actor={props.actor} csrf={props.csrf} currentPath={props.path}>
      <h1>告知书模板（{props.orgName}）</h1>
      {props.saved ? <Notice kind="success">已保存。</Notice> : null}
      <table class="table">
        <caption>各类告知书当前使用的模板</caption>
        <thead>
          <tr>
            <th scope="col">告知书</th>
            <th scope="col">来源</th>
            <th scope="col">版本</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.kind}>
              <td>
                <a href={`${base}/${i.kind}`}>{i.label}</a>
              </td>
              <td>{SOURCE_LABELS[i.source]}</td>
              <td>{i.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>文书设置</h2>
      <form method="post" action={`${base}/settings`} novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          name="review_body"
          label="行政复议机关"
          value={props.settings.review_body ?? ''}
          hint="写入答复告知书的救济途径（条例第五十一条）。不填时写“本机关的本级人民政府或者上一级主管部门”。"
        />
        <TextField
          name="court"
          label="人民法院"
          value={props.settings.court ?? ''}
          hint="不填时写“有管辖权的人民法院”。"
        />
        <TextField
          name="letter_prefix"
          label="文号前缀"
          value={props.settings.letter_prefix ?? ''}
          width="medium"
          hint="如“瓯府信公”，文号为 瓯府信公〔2026〕第受理编号号。"
        />
        <Button variant="secondary">保存设置</Button>
      </form>
    </AdminLayout>
  );
}

export function TemplateEditPage(
  props: StaffBase & {
    kind: LetterKind;
    template: ResolvedTemplate;
    values?: { title: string; body: string };
    errors?: Record<string, string>;
    code?: string;
    message?: string;
  },
) {
  const base = `/admin/orgs/${props.orgCode}/letter-templates`;
  const label = LETTER_KIND_INFO[props.kind].label;
  return (
    <AdminLayout
      title={`模板：${label}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <p>
        <a href={base}>返回模板列表</a>
      </p>
      <h1>模板：{label}</h1>
      <p>
        当前使用：{SOURCE_LABELS[props.template.source]}，第{props.template.version}
        版。保存后生成新版本，已发出的告知书不受影响。依据：{LETTER_KIND_INFO[props.kind].basis}。
      </p>
      {props.message ? <Notice kind="warning">{props.message}</Notice> : null}
      <ErrorSummary errors={props.errors} />
      {props.code ? (
        <p class="muted" data-error-code={props.code}>
          错误代码：{props.code}
        </p>
      ) : null}
      <form method="post" action={`${base}/${props.kind}`} novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          name="title"
          label="标题"
          value={props.values?.title ?? props.template.title}
          error={props.errors?.title}
        />
        <TextArea
          name="body"
          label="正文"
          hint="每段一行。{{名称}} 为占位符；行首 {{?名称}} 表示有值时才保留该行；以“附：”开头的一行起为附件（答复告知书须有“附：救济途径”）。"
          value={props.values?.body ?? props.template.body}
          error={props.errors?.body}
          rows={18}
        />
        <Button>保存为新版本</Button>
      </form>
      <h2>可用的占位符</h2>
      <table class="table">
        <caption>占位符</caption>
        <thead>
          <tr>
            <th scope="col">占位符</th>
            <th scope="col">含义</th>
          </tr>
        </thead>
        <tbody>
          {PLACEHOLDERS.map((p) => (
            <tr key={p.name}>
              <td>
                <code>{`{{${p.name}}}`}</code>
              </td>
              <td>{p.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AdminLayout>
  );
}
