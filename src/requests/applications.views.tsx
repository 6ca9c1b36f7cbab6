import type { Actor } from '../platform/authz.js';
import { AdminLayout } from '../platform/views/layouts.js';
import {
  Button,
  Checkbox,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextField,
} from '../platform/views/components/form.js';
import { Notice, Pager } from '../platform/views/components/misc.js';
import { APPLICATION_STATUS_LABELS } from './applications.model.js';
import type { CaseListItem, CaseListQuery } from './applications.query.js';
import { ApplicantFields, APPLY_LABELS, type ApplyFormValues } from './intake.views.js';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  OUTCOMES,
  type ApplicantType,
  type Channel,
  type OutcomeCode,
} from './requests.model.js';

/** Staff pages: the case list of an org and the registration form. The case page is in applications.case.views.tsx. */

export interface StaffBase {
  actor: Actor;
  csrf: string;
  path: string;
  orgCode: string;
  orgName: string;
}

export function CaseListPage(
  props: StaffBase & {
    items: CaseListItem[];
    hasNext: boolean;
    page: number;
    query: CaseListQuery;
    canHandle: boolean;
  },
) {
  const q = props.query;
  const base = `/admin/orgs/${props.orgCode}/applications`;
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.dueWithin !== undefined) params.set('due_within', String(q.dueWithin));
  if (q.overdue) params.set('overdue', '1');
  if (q.paused) params.set('paused', '1');
  if (q.ref) params.set('ref', q.ref);
  return (
    <AdminLayout
      title={`依申请公开 - ${props.orgName}`}
      actor={props.actor}
      csrf={props.csrf}
      currentPath={props.path}
    >
      <h1>{props.orgName}：政府信息公开申请</h1>
      {props.canHandle ? (
        <p>
          <a href={`${base}/new`} class="button">
            登记申请
          </a>{' '}
          <a href={`/admin/orgs/${props.orgCode}/appeals`}>行政复议、行政诉讼</a>
        </p>
      ) : null}
      <form method="get" action={base} class="filters">
        <SelectField
          name="status"
          label="状态"
          value={q.status ?? ''}
          emptyLabel="全部"
          options={[
            { value: 'open', label: '未办结' },
            ...Object.entries(APPLICATION_STATUS_LABELS).map(([value, label]) => ({
              value,
              label,
            })),
          ]}
        />
        <TextField
          name="due_within"
          label="几个工作日内到期"
          value={q.dueWithin}
          width="short"
          inputmode="numeric"
        />
        <Checkbox name="overdue" value="1" label="只看已逾期" checked={q.overdue === true} />
        <Checkbox
          name="paused"
          value="1"
          label="只看暂停计时（征求意见、待缴费）"
          checked={q.paused === true}
        />
        <TextField name="ref" label="受理编号" value={q.ref} width="medium" />
        <Button variant="secondary">筛选</Button>
      </form>
      <p class="muted">列表中的申请人信息已脱敏。</p>
      <table class="table">
        <caption class="visually-hidden">申请列表</caption>
        <thead>
          <tr>
            <th scope="col">受理编号</th>
            <th scope="col">申请人</th>
            <th scope="col">提交方式</th>
            <th scope="col">收到申请之日</th>
            <th scope="col">状态</th>
            <th scope="col">答复期限</th>
            <th scope="col">处理结果</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr key={i.ref}>
              <td>
                <a href={`${base}/${i.ref}`}>{i.ref}</a>
              </td>
              <td>
                {i.applicantName}（
                {APPLICANT_TYPE_LABELS[i.applicantType as ApplicantType] ?? i.applicantType}）
              </td>
              <td>{CHANNEL_LABELS[i.channel as Channel] ?? i.channel}</td>
              <td>{i.received_on ?? '待确认'}</td>
              <td>{APPLICATION_STATUS_LABELS[i.status]}</td>
              <td>
                {i.reply_due_on ?? '—'}
                {i.overdue ? <strong class="tag tag--danger">逾期</strong> : null}
              </td>
              <td>{i.outcome ? OUTCOMES[i.outcome as OutcomeCode].row : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.items.length === 0 ? <p>没有符合条件的申请。</p> : null}
      <Pager page={props.page} hasNext={props.hasNext} baseHref={`${base}?${params.toString()}`} />
    </AdminLayout>
  );
}

export function RegisterPage(
  props: StaffBase & { values: ApplyFormValues; errors?: Record<string, string>; code?: string },
) {
  const e = props.errors ?? {};
  const v = props.values;
  const s = (x: string | string[] | undefined) => (Array.isArray(x) ? x[0] : x);
  return (
    <AdminLayout title="登记申请" actor={props.actor} csrf={props.csrf} currentPath={props.path}>
      <h1>登记政府信息公开申请</h1>
      <p>
        当面、邮寄、传真、电子邮件提交的申请，以及申请人口头提出、由工作人员代为填写的申请（条例第二十九条），在此登记。收到申请之日按提交方式确定（条例第三十一条）。
      </p>
      <ErrorSummary
        errors={e}
        labels={{
          ...APPLY_LABELS,
          channel: '提交方式',
          submitted_on: '提交日期',
          signed_on: '签收日期',
          confirmed_on: '确认日期',
        }}
      />
      <form
        method="post"
        action={`/admin/orgs/${props.orgCode}/applications/new`}
        novalidate
        data-error-code={props.code}
      >
        <CsrfField token={props.csrf} />
        <h2>收到申请</h2>
        <SelectField
          name="channel"
          label="提交方式"
          hint="当面提交：以提交之日为收到申请之日；邮寄（需签收）：以签收之日为准；平常信函、传真、电子邮件、网上：以双方确认之日为准。"
          error={e.channel}
          value={s(v.channel) ?? 'in_person'}
          options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField
          name="submitted_on"
          label="提交日期"
          required
          hint="格式 YYYY-MM-DD。"
          error={e.submitted_on}
          value={s(v.submitted_on)}
          width="medium"
        />
        <TextField
          name="signed_on"
          label="签收日期（邮寄需签收的填写）"
          hint="格式 YYYY-MM-DD。"
          error={e.signed_on}
          value={s(v.signed_on)}
          width="medium"
        />
        <TextField
          name="confirmed_on"
          label="确认日期（平常信函、传真、电子邮件、网上提交的填写）"
          hint="与申请人确认收到申请的日期，格式 YYYY-MM-DD。"
          error={e.confirmed_on}
          value={s(v.confirmed_on)}
          width="medium"
        />
        <Checkbox
          name="oral"
          value="on"
          label="申请人口头提出，由我代为填写（记录登记人）"
          checked={s(v.oral) === 'on'}
        />
        <ApplicantFields values={v} errors={e} />
        <Button>登记</Button>
      </form>
    </AdminLayout>
  );
}

/** Shown once after registration: the 受理编号 and 查询码 to give to the applicant. */
export function RegisteredNotice(props: { appRef: string; code: string | null }) {
  return (
    <Notice kind="success">
      已登记，受理编号 <strong>{props.appRef}</strong>
      {props.code ? (
        <>
          ，查询码 <strong>{props.code}</strong>（请告知申请人，查询码只显示这一次）
        </>
      ) : null}
      。
    </Notice>
  );
}
