import {
  Checkbox,
  fieldId,
  SelectField,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { HELP_KINDS, HELP_LABELS, ID_TYPE_LABELS } from './applications.model.js';
import { APPLICANT_TYPE_LABELS } from './requests.model.js';

/** The fields of the public application form (条例第二十九条, 第四十三条), shared with staff registration. */

export interface ApplyFormValues {
  [field: string]: string | string[] | undefined;
}

export const APPLY_LABELS: Record<string, string> = {
  applicant_kind: '申请人类型',
  org_kind: '组织类型',
  name: '姓名或者名称',
  id_type: '证件类型',
  id_number: '证件号码',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  postcode: '邮政编码',
  description: '所需政府信息',
  delivery: '获取信息的方式',
  help: '需要的帮助',
  help_detail: '需要的帮助',
  attachments: '附件',
  challenge_answer: '验证问题',
  submission_token: '表单',
};

/** A group of radio buttons in a fieldset, with its hint and error (GOV.UK radios). */
export function Radios(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
}) {
  const id = fieldId(props.name);
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${props.error ? ' field--error' : ''}`} id={id}>
      <fieldset aria-describedby={described || undefined}>
        <legend class="field__label">{props.legend}</legend>
        {props.hint ? (
          <p id={`${id}-hint`} class="field__hint">
            {props.hint}
          </p>
        ) : null}
        {props.error ? (
          <p id={`${id}-error`} class="field__error">
            <span class="visually-hidden">错误：</span>
            {props.error}
          </p>
        ) : null}
        {props.options.map((o) => (
          <div class="radio" key={o.value}>
            <input
              type="radio"
              id={`${id}-${o.value}`}
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
            />
            <label for={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

const str = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** The applicant fields shared by the public form and the staff registration form. */
export function ApplicantFields(props: {
  values: ApplyFormValues;
  errors: Record<string, string>;
}) {
  const v = props.values;
  const e = props.errors;
  const orgKinds = (
    ['commercial', 'research', 'public_interest', 'legal_services', 'other'] as const
  ).map((k) => ({
    value: k,
    label: APPLICANT_TYPE_LABELS[k],
  }));
  return (
    <>
      <h2>申请人信息</h2>
      <Radios
        name="applicant_kind"
        legend="申请人类型"
        hint="公民个人选“自然人”；企业、社会组织等选“法人或其他组织”，并选择组织类型。"
        error={e.applicant_kind}
        value={str(v.applicant_kind)}
        options={[
          { value: 'person', label: '自然人' },
          { value: 'org', label: '法人或其他组织' },
        ]}
      />
      <SelectField
        name="org_kind"
        label="组织类型（法人或其他组织填写）"
        hint="用于政府信息公开工作年度报告的统计。"
        error={e.org_kind}
        value={str(v.org_kind)}
        emptyLabel="请选择"
        options={orgKinds}
      />
      <TextField
        name="name"
        label="姓名或者名称"
        required
        hint="自然人填写姓名；法人或其他组织填写全称。"
        error={e.name}
        value={str(v.name)}
        autocomplete="name"
        maxLength={100}
      />
      <SelectField
        name="id_type"
        label="证件类型"
        hint="申请时需提供身份证明（条例第二十九条）。"
        error={e.id_type}
        value={str(v.id_type) || 'resident_id'}
        options={Object.entries(ID_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <TextField
        name="id_number"
        label="证件号码"
        hint="居民身份证为18位，最后一位可以是X；统一社会信用代码为18位。"
        error={e.id_number}
        value={str(v.id_number)}
        width="medium"
        maxLength={40}
      />
      <TextField
        name="phone"
        label="联系电话"
        hint="便于工作人员就申请与您联系。电话、电子邮箱、通信地址至少填写一项。"
        error={e.phone}
        value={str(v.phone)}
        type="tel"
        autocomplete="tel"
        width="medium"
      />
      <TextField
        name="email"
        label="电子邮箱"
        hint="选择以电子邮件获取信息时必须填写。"
        error={e.email}
        value={str(v.email)}
        type="email"
        autocomplete="email"
        width="medium"
      />
      <TextField
        name="address"
        label="通信地址"
        hint="选择纸质邮寄时必须填写，告知书也将寄往此地址。"
        error={e.address}
        value={str(v.address)}
        autocomplete="street-address"
      />
      <TextField
        name="postcode"
        label="邮政编码"
        hint="6位数字。"
        error={e.postcode}
        value={str(v.postcode)}
        inputmode="numeric"
        autocomplete="postal-code"
        width="short"
        maxLength={6}
      />
      <h2>所需政府信息</h2>
      <TextArea
        name="description"
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述"
        required
        hint="例如文件名称、发文字号、形成时间、涉及的事项或地点。描述越具体，越便于工作人员查找。无需说明申请用途。"
        error={e.description}
        value={str(v.description)}
        rows={6}
      />
      <Radios
        name="delivery"
        legend="获取信息的方式"
        hint="行政机关一般按您选择的方式提供；可能危及载体安全或者成本过高的，可以通过其他适当形式提供（条例第四十条）。"
        error={e.delivery}
        value={str(v.delivery)}
        options={[
          { value: 'paper', label: '纸质（邮寄）' },
          { value: 'email', label: '电子邮件' },
          { value: 'disc', label: '光盘等存储介质' },
          { value: 'inspect', label: '当面查阅、抄录' },
        ]}
      />
      <HelpFields values={v} errors={e} />
    </>
  );
}

function HelpFields(props: { values: ApplyFormValues; errors: Record<string, string> }) {
  const chosen = list(props.values.help);
  return (
    <div class="field" id={fieldId('help')}>
      <fieldset aria-describedby={`${fieldId('help')}-hint`}>
        <legend class="field__label">需要帮助（选填）</legend>
        <p id={`${fieldId('help')}-hint`} class="field__hint">
          存在阅读困难或者视听障碍的，行政机关将为您提供必要的帮助（条例第四十三条）。
        </p>
        {HELP_KINDS.map((k) => (
          <Checkbox
            key={k}
            name="help"
            value={k}
            label={HELP_LABELS[k]}
            checked={chosen.includes(k)}
          />
        ))}
      </fieldset>
      <TextField
        name="help_detail"
        label="其他需要的帮助（选填）"
        error={props.errors.help_detail}
        value={str(props.values.help_detail)}
      />
    </div>
  );
}
