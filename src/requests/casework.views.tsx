import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import type { StaffBase } from './applications.views.js';
import { CARRIED_FIELDS, makesLetter, type PageAction } from './casework.forms.js';
import { DEFAULT_PAYMENT_METHOD } from './casework.letters.js';
import { GuidancePanel, OutcomeGuidanceList } from './casework.guidance.views.js';
import { actionGuidance } from './guidance.model.js';
import { CASE_ACTION_INFO, LETTER_KIND_INFO, REPLY_LETTER_KINDS } from './letters.model.js';
import { letterEditText, type RenderedLetter } from './letters.render.js';
import { OUTCOME_CODES, OUTCOMES } from './requests.model.js';

/**
 * The page of one case action (补正告知, 征求意见, 延期, 收费通知, 答复, 撤回, …): its form beside its
 * guidance; and the preview of the letter it makes, editable before sending (issue 4).
 */

type Values = Record<string, string | string[] | undefined>;

interface ActionProps extends StaffBase {
  /** 受理编号 (not `ref`: preact takes that prop for itself and the component never sees it). */
  appRef: string;
  action: PageAction;
  today: string;
  values?: Values;
  errors?: Record<string, string>;
  code?: string;
  message?: string;
  /** 按件: the applicant's position in the month and its fee (volume.model.ts, fees.model.ts). */
  volume: { ordinal: number | null; feeYuan: number | null; warning: string | null };
}

const str = (v: string | string[] | undefined): string | undefined =>
  typeof v === 'string' ? v : undefined;

function Fields(props: ActionProps) {
  const v = (k: string) => str(props.values?.[k]);
  const e = (k: string) => props.errors?.[k];
  const date = (name: string, label: string, value?: string) => (
    <TextField
      name={name}
      label={label}
      value={v(name) ?? value ?? ''}
      error={e(name)}
      width="medium"
      hint="格式 YYYY-MM-DD。"
    />
  );
  const area = (name: string, label: string, hint?: string, value?: string) => (
    <TextArea
      name={name}
      label={label}
      hint={hint}
      value={v(name) ?? value ?? ''}
      error={e(name)}
      rows={3}
    />
  );
  const on = (label: string) => date('on', label, props.today);
  switch (props.action) {
    case 'request_correction':
      return (
        <>
          {on('告知日期')}
          {date('due_on', '补正期限')}
          {area('points', '需要补正的事项', '一次性写明全部需要补正的事项（条例第三十条）。')}
        </>
      );
    case 'receive_correction':
      return on('收到补正日期');
    case 'consult_third_party':
    case 'consult_other_agency':
      return (
        <>
          {on('发出征求意见书日期')}
          <TextField
            name="party_name"
            label={props.action === 'consult_third_party' ? '第三方名称' : '被征求意见的机关'}
            value={v('party_name') ?? ''}
            error={e('party_name')}
          />
          {area('content', '拟公开的信息', '写明涉及对方的具体信息。')}
        </>
      );
    case 'end_consultation':
      return on('收到意见日期');
    case 'extend':
      return (
        <>
          {on('延期日期')}
          <TextField
            name="working_days"
            label="延长的工作日数"
            value={v('working_days') ?? ''}
            error={e('working_days')}
            width="short"
            inputmode="numeric"
            hint="每个答复期间合计不超过20个工作日。"
          />
          <TextField
            name="approved_by"
            label="同意延期的负责人"
            value={v('approved_by') ?? ''}
            hint="不填则记录为当前用户。"
            width="medium"
          />
          {area('reason', '延期理由')}
        </>
      );
    case 'send_fee_notice':
      return (
        <>
          {on('通知日期')}
          <SelectField
            name="basis"
            label="计收方式"
            value={v('basis') ?? 'per_application'}
            options={[
              { value: 'per_application', label: '按件计收' },
              { value: 'per_page', label: '按量计收' },
            ]}
          />
          <TextField
            name="count_in_month"
            label="本月第几件（按件）"
            value={v('count_in_month') ?? ''}
            error={e('count_in_month')}
            width="short"
            inputmode="numeric"
            hint={
              props.volume.ordinal
                ? `不填则按系统计算：本月第${props.volume.ordinal}件，${props.volume.feeYuan}元。`
                : '不填则按系统统计的本月件数计算。'
            }
          />
          <TextField
            name="pages"
            label="页数（按量）"
            value={v('pages') ?? ''}
            error={e('pages')}
            width="short"
            inputmode="numeric"
          />
          {area('payment_method', '缴纳方式', undefined, DEFAULT_PAYMENT_METHOD)}
          <p class="field__hint">金额由系统按国办函〔2020〕109号标准计算，写入收费通知书。</p>
        </>
      );
    case 'record_payment':
      return (
        <>
          {on('缴费日期')}
          <TextField
            name="amount_yuan"
            label="金额（元）"
            value={v('amount_yuan') ?? ''}
            error={e('amount_yuan')}
            width="short"
            inputmode="decimal"
          />
        </>
      );
    case 'conclude':
      return (
        <>
          {on('答复日期')}
          <SelectField
            name="outcome"
            label="处理结果"
            value={v('outcome') ?? ''}
            error={e('outcome')}
            emptyLabel="请选择"
            options={OUTCOME_CODES.map((c) => ({
              value: c,
              label: `${OUTCOMES[c].row}${OUTCOMES[c].basis ? `（${OUTCOMES[c].basis}）` : ''}`,
            }))}
          />
          <SelectField
            name="letter_kind"
            label="答复告知书"
            value={v('letter_kind') ?? ''}
            emptyLabel="按处理结果自动选择"
            options={REPLY_LETTER_KINDS.map((k) => ({
              value: k,
              label: LETTER_KIND_INFO[k].label,
            }))}
          />
          {area('legal_basis', '法律依据', '不填则使用处理结果对应的条款。')}
          {area('reason', '理由（不予公开的理由、部分公开中不予公开部分的理由等）')}
          {area(
            'reply_detail',
            '答复内容',
            '如获取方式、提供方式、负责公开的机关、信访投诉渠道、出版物来源、此前的答复或查询途径。',
          )}
          <TextField
            name="agency_contact"
            label="负责公开的机关的联系方式（非本机关负责公开时）"
            value={v('agency_contact') ?? ''}
          />
        </>
      );
    case 'withdraw':
      return on('撤回日期');
  }
}

/** One action's form with its guidance. */
export function ActionPage(props: ActionProps) {
  const info = CASE_ACTION_INFO[props.action];
  const caseHref = `/admin/orgs/${props.orgCode}/applications/${props.appRef}`;
  return (
    <AdminLayout
      title={`${info.label} - 申请 ${props.appRef}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <p>
        <a href={caseHref}>返回申请 {props.appRef}</a>
      </p>
      <h1>{info.label}</h1>
      {props.message ? <Notice kind="warning">{props.message}</Notice> : null}
      <ErrorSummary errors={props.errors} />
      {props.code ? (
        <p class="muted" data-error-code={props.code}>
          错误代码：{props.code}
        </p>
      ) : null}
      {props.volume.warning ? <Notice kind="warning">{props.volume.warning}</Notice> : null}
      <form method="post" action={`${caseHref}/actions/${props.action}`} novalidate>
        <CsrfField token={props.csrf} />
        <Fields {...props} />
        {makesLetter(props.action) ? (
          <Button name="step" value="preview">
            预览告知书
          </Button>
        ) : (
          <Button>提交</Button>
        )}
      </form>
      <GuidancePanel guidance={actionGuidance(props.action)} />
      {props.action === 'conclude' ? <OutcomeGuidanceList /> : null}
    </AdminLayout>
  );
}

/** The filled letter, its editable text and the send button (nothing is stored before sending). */
export function LetterPreviewPage(
  props: StaffBase & {
    appRef: string;
    action: PageAction;
    letter: RenderedLetter;
    carried: Record<string, string>;
    replyDue: string | null;
  },
) {
  const caseHref = `/admin/orgs/${props.orgCode}/applications/${props.appRef}`;
  const g = actionGuidance(props.action);
  return (
    <AdminLayout
      title={`预览：${props.letter.title}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <p>
        <a href={`${caseHref}/actions/${props.action}`}>返回修改</a>
      </p>
      <h1>预览告知书</h1>
      <p>
        请核对告知书内容，可直接修改后发送。发送后将记录办理事项并保存告知书（DOCX 和 HTML）。
        {props.replyDue ? `办理后答复期限为 ${props.replyDue}。` : ''}
      </p>
      <section class="letter-preview" aria-label="告知书预览">
        <div dangerouslySetInnerHTML={{ __html: props.letter.html }} />
      </section>
      <h2>告知书必须写明</h2>
      <ul>
        {g.letterMustSay.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <form method="post" action={`${caseHref}/actions/${props.action}`} novalidate>
        <CsrfField token={props.csrf} />
        {CARRIED_FIELDS.filter((k) => props.carried[k] !== undefined).map((k) => (
          <input key={k} type="hidden" name={k} value={props.carried[k]} />
        ))}
        <TextField name="letter_title" label="标题" value={props.letter.title} />
        <TextArea
          name="letter_body"
          label="正文（每段一行；以“附：”开头的一行起为附件部分）"
          value={letterEditText(props.letter)}
          rows={16}
        />
        <Button name="step" value="send">
          确认发送并记录
        </Button>
      </form>
    </AdminLayout>
  );
}
