import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { mailEnabled, queueMail, type MailMessage } from '../platform/mail/mail.js';

/**
 * E-mail of 依申请公开 (issue 4): the receipt to an applicant who gave an address (受理编号 and
 * 查询码, as on screen), and reminders to case workers of cases due soon or overdue. Messages are
 * composed here and queued in the caller's transaction (platform/mail); nothing is sent when
 * SMTP_URL is not set.
 */

/** Where the applicant tracks the case: PUBLIC_URL when set, else the path alone. */
export function trackingUrl(ctx: AppContext, orgCode: string): string {
  const base = ctx.config.publicUrl?.replace(/\/+$/, '') ?? '';
  return `${base}/${encodeURIComponent(orgCode)}/track`;
}

/** The receipt message (pure). */
export function receiptMessage(r: {
  to: string;
  orgName: string;
  ref: string;
  queryCode: string;
  submittedOn: string;
  trackingUrl: string;
}): MailMessage {
  return {
    to: r.to,
    subject: `【${r.orgName}】政府信息公开申请已收到（受理编号 ${r.ref}）`,
    text: [
      '您好：',
      '',
      `您于 ${r.submittedOn} 通过网上申请平台向${r.orgName}提交的政府信息公开申请已收到。`,
      `受理编号：${r.ref}`,
      `查询码：${r.queryCode}`,
      '',
      `请妥善保管受理编号和查询码，凭二者可在 ${r.trackingUrl} 查询办理进度、答复期限和答复文书。`,
      '网上提交的申请，以工作人员确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条）。',
      '',
      '本邮件由系统自动发送，请勿直接回复。',
    ].join('\n'),
  };
}

/** The reminder message to a case worker (pure). */
export function reminderMessage(r: {
  to: string;
  orgName: string;
  ref: string;
  kind: 'due_soon' | 'overdue';
  dueOn: string;
}): MailMessage {
  const what = r.kind === 'overdue' ? '已超过答复期限' : '即将到达答复期限';
  return {
    to: r.to,
    subject: `【依申请公开提醒】${r.ref} ${what}（${r.dueOn}）`,
    text: [
      `${r.orgName} 的政府信息公开申请 ${r.ref} ${what}，答复期限为 ${r.dueOn}。`,
      '请登录政务公开平台办理（《中华人民共和国政府信息公开条例》第三十三条）。',
      '',
      '本邮件由系统自动发送，请勿直接回复。',
    ].join('\n'),
  };
}

/** Queues the receipt of a new online application when the applicant gave an e-mail address. */
export async function queueReceiptMail(
  ctx: AppContext,
  conn: Conn,
  a: { id: number; ref: string; queryCode: string; email: string | null; submittedOn: string },
  org: { code: string; name: string },
): Promise<boolean> {
  if (!mailEnabled(ctx) || !a.email) return false;
  const message = receiptMessage({
    to: a.email,
    orgName: org.name,
    ref: a.ref,
    queryCode: a.queryCode,
    submittedOn: a.submittedOn,
    trackingUrl: trackingUrl(ctx, org.code),
  });
  return queueMail(ctx, conn, message, `receipt:${a.id}`);
}

/** Queues a reminder to `to` for a case; keyed per case, kind and day so reruns queue it once. */
export async function queueReminderMail(
  ctx: AppContext,
  conn: Conn,
  r: {
    applicationId: number;
    ref: string;
    kind: 'due_soon' | 'overdue';
    dueOn: string;
    forDate: string;
    to: string;
    orgName: string;
  },
): Promise<boolean> {
  if (!mailEnabled(ctx)) return false;
  return queueMail(
    ctx,
    conn,
    reminderMessage({ to: r.to, orgName: r.orgName, ref: r.ref, kind: r.kind, dueOn: r.dueOn }),
    `reminder:${r.applicationId}:${r.kind}:${r.forDate}:${r.to}`,
  );
}
