import type { ComponentChildren } from 'preact';
import { PortalLayout, type PortalOrg } from '../platform/views/layouts.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  fieldId,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import { ApplicantFields, APPLY_LABELS, type ApplyFormValues } from './intake.fields.js';

/** Pages of the public application form (条例第二十九条) and its one-time receipt. */

export const REGULATION_URL = 'https://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm';

/** Links of the portal navigation on the 依申请公开 pages. */
export function applyNav(org: string) {
  return [
    { href: `/${org}/`, label: '首页' },
    { href: `/${org}/guide`, label: '政府信息公开指南' },
    { href: `/${org}/apply`, label: '申请公开' },
    { href: `/${org}/track`, label: '办理进度查询' },
  ];
}

export { ApplicantFields, APPLY_LABELS, type ApplyFormValues };

export interface ApplyPageProps {
  org: PortalOrg;
  elderMode: boolean;
  path: string;
  csrf: string;
  token: string;
  values: ApplyFormValues;
  errors?: Record<string, string>;
  code?: string;
  message?: string;
  challenge?: { question: string; token: string } | null;
}

/** The public form /{org}/apply; works without JavaScript (multipart post → redirect → get). */
export function ApplyPage(props: ApplyPageProps) {
  const errors = props.errors ?? {};
  return (
    <PortalLayout
      org={props.org}
      title="政府信息公开申请"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={applyNav(props.org.code)}
    >
      <h1>政府信息公开申请</h1>
      <p>
        依据《中华人民共和国政府信息公开条例》
        <a href={REGULATION_URL} rel="noopener">
          第二十九条
        </a>
        ，您可以向{props.org.name}申请获取政府信息。带 *
        的为必填项。行政机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复（条例第三十三条）。
      </p>
      <p>
        网上提交的申请，以工作人员与您确认之日为收到申请之日（条例第三十一条）。提交后请记下受理编号和查询码，用于查询办理进度。
      </p>
      {props.message ? <Notice kind="warning">{props.message}</Notice> : null}
      <ErrorSummary errors={errors} labels={APPLY_LABELS} />
      <form
        method="post"
        action={`/${props.org.code}/apply`}
        encType="multipart/form-data"
        novalidate
        data-error-code={props.code}
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="submission_token" value={props.token} />
        <div hidden>
          <label for="f-website">请勿填写此项</label>
          <input id="f-website" name="website" type="text" tabIndex={-1} autocomplete="off" />
        </div>
        <ApplicantFields values={props.values} errors={errors} />
        <div class={`field${errors.attachments ? ' field--error' : ''}`}>
          <label for={fieldId('attachments')} class="field__label">
            附件（选填）
          </label>
          <p id={`${fieldId('attachments')}-hint`} class="field__hint">
            可上传有助于查找信息的材料，最多3个，每个不超过5MB，格式为 PDF、JPEG、PNG 或
            Word（.docx）。
            {props.challenge ? '如需附件，请重新选择。' : ''}
          </p>
          {errors.attachments ? (
            <p id={`${fieldId('attachments')}-error`} class="field__error">
              <span class="visually-hidden">错误：</span>
              {errors.attachments}
            </p>
          ) : null}
          <input
            id={fieldId('attachments')}
            name="attachments"
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.docx"
            aria-describedby={`${fieldId('attachments')}-hint${errors.attachments ? ` ${fieldId('attachments')}-error` : ''}`}
          />
        </div>
        {props.challenge ? (
          <ChallengeField challenge={props.challenge} error={errors.challenge_answer} />
        ) : null}
        <Button>提交申请</Button>
      </form>
    </PortalLayout>
  );
}

function ChallengeField(props: {
  challenge: { question: string; token: string };
  error?: string | undefined;
}) {
  return (
    <div class="challenge">
      <p>您提交得较为频繁。为防止滥用，请回答下面的问题后再提交。</p>
      <input type="hidden" name="challenge_token" value={props.challenge.token} />
      <TextField
        name="challenge_answer"
        label={props.challenge.question}
        required
        error={props.error}
        inputmode="numeric"
        width="short"
      />
    </div>
  );
}

/** The one-time receipt with the 受理编号 and 查询码. */
export function ReceiptPage(props: {
  org: PortalOrg;
  elderMode: boolean;
  path: string;
  receipt: { ref: string; queryCode: string } | null;
}) {
  const body: ComponentChildren = props.receipt ? (
    <>
      <div class="panel panel--success" role="status">
        <h1>申请已提交</h1>
        <p>
          受理编号：<strong class="code">{props.receipt.ref}</strong>
        </p>
        <p>
          查询码：<strong class="code">{props.receipt.queryCode}</strong>
        </p>
      </div>
      <p>请记下或打印受理编号和查询码。为保护您的信息，本页只显示一次，查询码无法找回。</p>
      <h2>接下来</h2>
      <ul>
        <li>工作人员将与您确认收到申请，确认之日为收到申请之日（条例第三十一条）。</li>
        <li>
          自收到申请之日起20个工作日内答复；需要延长的，将告知您，延长期限最长不超过20个工作日（条例第三十三条）。
        </li>
        <li>
          您可以随时在<a href={`/${props.org.code}/track`}>办理进度查询</a>
          页面，用受理编号和查询码查看进度、期限和已发出的告知书。
        </li>
      </ul>
    </>
  ) : (
    <>
      <h1>申请回执</h1>
      <p>回执只显示一次，或者已经超过显示时间。如已提交申请，请用受理编号和查询码查询办理进度。</p>
      <p>
        <a href={`/${props.org.code}/track`}>办理进度查询</a>
      </p>
    </>
  );
  return (
    <PortalLayout
      org={props.org}
      title="申请回执"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={applyNav(props.org.code)}
      meta={{ robots: 'noindex' }}
    >
      {body}
    </PortalLayout>
  );
}
