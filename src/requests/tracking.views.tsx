import { PortalLayout, type PortalOrg } from '../platform/views/layouts.js';
import { Button, CsrfField, ErrorSummary, TextField } from '../platform/views/components/form.js';
import { Notice, SummaryList } from '../platform/views/components/misc.js';
import { applyNav } from './intake.views.js';
import type { TrackingView } from './tracking.service.js';

/** The tracking form and the page of one application, for the applicant. */

export function TrackFormPage(props: {
  org: PortalOrg;
  elderMode: boolean;
  path: string;
  csrf: string;
  /** The 受理编号 typed (not `ref`: preact keeps that prop for itself). */
  appRef?: string;
  errors?: Record<string, string>;
  code?: string;
  message?: string;
}) {
  const e = props.errors ?? {};
  return (
    <PortalLayout
      org={props.org}
      title="办理进度查询"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={applyNav(props.org.code)}
      meta={{ robots: 'noindex' }}
    >
      <h1>政府信息公开申请办理进度查询</h1>
      <p>
        请输入提交申请时获得的受理编号和查询码。查询结果包括办理状态、答复期限和已发出的告知书。
      </p>
      {props.message ? <Notice kind="warning">{props.message}</Notice> : null}
      <ErrorSummary errors={e} labels={{ ref: '受理编号', code: '查询码' }} />
      <form
        method="post"
        action={`/${props.org.code}/track`}
        novalidate
        data-error-code={props.code}
      >
        <CsrfField token={props.csrf} />
        <TextField
          name="ref"
          label="受理编号"
          required
          hint="例如 YSQ2026-7K3M9QXT。"
          error={e.ref}
          value={props.appRef}
          width="medium"
          autocomplete="off"
        />
        <TextField
          name="code"
          label="查询码"
          required
          hint="8位字母和数字，例如 K7QM-3XTP，不区分大小写。"
          error={e.code}
          width="medium"
          autocomplete="off"
        />
        <Button>查询</Button>
      </form>
    </PortalLayout>
  );
}

const size = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(n / 1024))}KB`;

export function TrackViewPage(props: {
  org: PortalOrg;
  elderMode: boolean;
  path: string;
  view: TrackingView;
}) {
  const v = props.view;
  const base = `/${props.org.code}/track`;
  return (
    <PortalLayout
      org={props.org}
      title={`申请 ${v.ref}`}
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={applyNav(props.org.code)}
      meta={{ robots: 'noindex' }}
    >
      <h1>申请 {v.ref} 的办理进度</h1>
      <SummaryList
        caption="办理情况"
        rows={[
          ['办理状态', <strong>{v.status}</strong>],
          ['提交日期', v.submitted_on],
          ['收到申请之日', v.received_on ?? '待工作人员确认（条例第三十一条）'],
          ['答复期限', v.reply_due_on],
          ...(v.correction_due_on
            ? ([['补正期限', v.correction_due_on]] as Array<[string, string]>)
            : []),
          ...(v.fee_payment_due
            ? ([['缴费期限', v.fee_payment_due]] as Array<[string, string]>)
            : []),
          ...(v.concluded_on ? ([['办结日期', v.concluded_on]] as Array<[string, string]>) : []),
          ...(v.outcome ? ([['处理结果', v.outcome]] as Array<[string, string]>) : []),
        ]}
      />
      {v.explanation.length > 0 ? (
        <>
          <h2>期限是怎样计算的</h2>
          <ul>
            {v.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>已发出的告知书</h2>
      {v.letters.length === 0 ? (
        <p>暂无。</p>
      ) : (
        <ul>
          {v.letters.map((l) => (
            <li key={l.id}>
              {l.sent_on} {l.title}：<a href={`${base}/letters/${l.id}.html`}>下载网页版</a>
              {l.hasDocx ? (
                <>
                  {' '}
                  <a href={`${base}/letters/${l.id}.docx`}>下载 Word 版</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h2>提供的政府信息</h2>
      {v.files.length === 0 ? (
        <p>暂无。</p>
      ) : (
        <ul>
          {v.files.map((f) => (
            <li key={f.id}>
              <a href={`${base}/files/${f.id}`}>{f.filename}</a>（{size(f.size)}）
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={base}>查询其他申请</a>
      </p>
    </PortalLayout>
  );
}
