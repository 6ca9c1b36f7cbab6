import type { ComponentChildren } from 'preact';
import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import { CaseActions, CaseLetters } from './casework.case.views.js';
import { Notice, SummaryList } from '../platform/views/components/misc.js';
import { formatChinaTime } from '../platform/time.js';
import { APPLICATION_STATUS_LABELS, ID_TYPE_LABELS, type IdType } from './applications.model.js';
import type { CaseView } from './applications.query.js';
import type { StaffBase } from './applications.views.js';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  DELIVERY_LABELS,
  OUTCOMES,
  type ApplicationEvent,
} from './requests.model.js';

/** The case page: details, clock with its explanation, events, and the action forms. */

const EVENT_LABELS: Record<ApplicationEvent['type'], string> = {
  correction_requested: '补正告知',
  correction_received: '收到补正',
  consultation_started: '征求意见',
  consultation_ended: '收到意见',
  extended: '延长答复期限',
  fee_notice: '信息处理费收费通知',
  fee_paid: '缴费',
  concluded: '答复（办结）',
  withdrawn: '申请人撤回',
};

function describe(e: ApplicationEvent): string {
  switch (e.type) {
    case 'correction_requested':
      return `补正期限 ${e.due_on}`;
    case 'consultation_started':
      return e.party === 'third_party'
        ? '征求第三方意见（条例第三十二条）'
        : '征求其他机关意见（条例第三十四条）';
    case 'extended':
      return `延长${e.working_days}个工作日，${e.approved_by}同意`;
    case 'fee_notice':
      return `${e.amount_yuan}元，${e.basis === 'per_page' ? `按量（${e.pages ?? '?'}页）` : `按件（本月第${e.count_in_month ?? '?'}件）`}`;
    case 'fee_paid':
      return `${e.amount_yuan}元`;
    case 'concluded':
      return `${OUTCOMES[e.outcome].row}${e.legal_basis ? `；依据：${e.legal_basis}` : ''}`;
    default:
      return '';
  }
}

export function CasePage(
  props: StaffBase & {
    view: CaseView;
    today: string;
    errors?: Record<string, string>;
    code?: string;
    message?: string;
    notice?: ComponentChildren;
  },
) {
  const { view } = props;
  const s = view.app;
  const c = view.clock;
  const base = `/admin/orgs/${props.orgCode}/applications/${s.ref}`;
  const idLabel = s.applicant.id_type
    ? (ID_TYPE_LABELS[s.applicant.id_type as IdType] ?? s.applicant.id_type)
    : '证件';
  return (
    <AdminLayout
      title={`申请 ${s.ref}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <p>
        <a href={`/admin/orgs/${props.orgCode}/applications`}>返回申请列表</a>
      </p>
      <h1>申请 {s.ref}</h1>
      {props.notice}
      {props.message ? <Notice kind="warning">{props.message}</Notice> : null}
      <ErrorSummary errors={props.errors} />
      {props.code ? (
        <p class="muted" data-error-code={props.code}>
          错误代码：{props.code}
        </p>
      ) : null}
      {view.volume.warning ? <Notice kind="warning">{view.volume.warning}</Notice> : null}
      <SummaryList
        caption="申请信息"
        rows={[
          ['状态', APPLICATION_STATUS_LABELS[s.status]],
          [
            '申请人',
            `${s.applicant.name}（${APPLICANT_TYPE_LABELS[s.applicant.type as keyof typeof APPLICANT_TYPE_LABELS] ?? s.applicant.type}）`,
          ],
          [idLabel, s.applicant.id_number],
          ['联系电话', s.applicant.phone],
          ['电子邮箱', s.applicant.email],
          [
            '通信地址',
            `${s.applicant.address ?? ''}${s.applicant.postcode ? `（${s.applicant.postcode}）` : ''}`,
          ],
          ['提交方式', CHANNEL_LABELS[s.channel]],
          ['提交日期', s.submitted_on],
          ['收到申请之日', s.received_on ?? '待确认'],
          ['所需政府信息', s.description],
          ['获取方式', DELIVERY_LABELS[s.delivery]],
          ['需要的帮助（条例第四十三条）', s.help_needed],
          ['本月/本年申请件数（同一申请人）', `${view.volume.inMonth} / ${view.volume.inYear}`],
        ]}
      />
      {view.unmasked ? (
        <p class="muted">完整个人信息的查看已记入审计日志。</p>
      ) : view.canReveal ? (
        <p>
          <a href={`${base}?reveal=1`}>查看完整个人信息</a>（将记入审计日志）
        </p>
      ) : null}
      {s.received_on === null && view.canHandle ? (
        <form method="post" action={`${base}/confirm`} novalidate>
          <h2>确认收到</h2>
          <p class="field__hint">
            条例第三十一条：通过互联网渠道提交的，以双方确认之日为收到申请之日。
          </p>
          <CsrfField token={props.csrf} />
          <TextField
            name="confirmed_on"
            label="确认日期"
            value={props.today}
            width="medium"
            hint="格式 YYYY-MM-DD。"
          />
          <Button>确认收到申请</Button>
        </form>
      ) : null}
      {c ? (
        <>
          <h2>期限</h2>
          <SummaryList
            caption="期限"
            rows={[
              ['补正告知期限', c.correction_notice_due],
              [
                '答复期限',
                c.reply_due ? `${c.reply_due}${c.overdue ? '（已逾期）' : ''}` : '待补正',
              ],
              ['暂停计算的工作日', String(c.paused_working_days)],
              ['延长的工作日', String(c.extension_days)],
            ]}
          />
          <ul class="explanation">
            {c.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>办理记录</h2>
      {s.events.length === 0 ? (
        <p>暂无。</p>
      ) : (
        <ol>
          {s.events.map((e, i) => (
            <li key={i}>
              {e.on} {EVENT_LABELS[e.type]} {describe(e)}
            </li>
          ))}
        </ol>
      )}
      <CaseLetters base={base} letters={view.letters} />
      {(view.canHandle || view.canApprove) &&
      s.received_on !== null &&
      c &&
      c.concluded_on === null ? (
        <CaseActions base={base} view={view} />
      ) : null}
      {view.canHandle ? (
        <>
          <h2>承办人</h2>
          <form method="post" action={`${base}/assign`} novalidate>
            <CsrfField token={props.csrf} />
            <SelectField
              name="assigned_to"
              label="分配或转交给"
              value={s.assigned_to ?? ''}
              emptyLabel="未分配"
              options={view.staff.map((u) => ({ value: String(u.id), label: u.display_name }))}
            />
            <Button variant="secondary">保存</Button>
          </form>
          <h2>内部备注</h2>
          <ul>
            {view.notes.map((n) => (
              <li key={n.id}>
                {formatChinaTime(n.created_at)} {n.author ?? ''}：{n.body}
              </li>
            ))}
          </ul>
          <form method="post" action={`${base}/notes`} novalidate>
            <CsrfField token={props.csrf} />
            <TextArea name="body" label="新增备注（申请人不可见）" rows={3} />
            <Button variant="secondary">添加备注</Button>
          </form>
        </>
      ) : null}
    </AdminLayout>
  );
}
