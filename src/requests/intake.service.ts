import { fileTypeFromBuffer } from 'file-type';
import { systemActor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { decryptField, encryptField } from '../platform/crypto/sm.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { findOrg } from '../orgs/orgs.service.js';
import type { NewApplication, UploadedFile } from './applications.model.js';
import { queryCodeForToken } from './applications.codes.js';
import { applicantHashes } from './applications.privacy.js';
import { auditView, storeNew, type Created } from './requests.service.js';
import { queueReceiptMail } from './requests.mail.js';

/**
 * Public intake of applications (条例第二十九条, 第三十一条第（三）项): stored durably in one
 * transaction before the reply (SQLite synchronous=FULL, database.ts), idempotent per submission
 * token, answered with a 受理编号 and a 查询码. The application waits for a case worker to confirm
 * it; the confirmation date is 收到申请之日.
 */

/** Attachments accepted, recognised by their content, never by name or declared type. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档（.docx）',
};
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_FILES = 3;

/** A file part as the multipart parser hands it over. */
export interface RawUpload {
  filename: string;
  data: Buffer | null;
  tooLarge?: boolean;
}

/**
 * Checks uploads by content (file-type), size and count; empty file inputs are skipped. Throws a
 * ValidationError on field `attachments` (ERR_ATTACHMENT).
 */
export async function checkUploads(raw: RawUpload[]): Promise<UploadedFile[]> {
  const present = raw.filter(
    (r) => r.tooLarge || (r.filename !== '' && r.data && r.data.length > 0),
  );
  const fail = (message: string) => {
    throw new ValidationError({ attachments: message }, undefined, 'ERR_ATTACHMENT');
  };
  if (present.length > ATTACHMENT_MAX_FILES) fail(`附件最多${ATTACHMENT_MAX_FILES}个`);
  const out: UploadedFile[] = [];
  for (const r of present) {
    if (r.tooLarge || !r.data || r.data.length > ATTACHMENT_MAX_BYTES)
      fail(`附件“${r.filename}”超过5MB`);
    const data = r.data as Buffer;
    const type = await fileTypeFromBuffer(data);
    if (!type || !(type.mime in ATTACHMENT_TYPES))
      fail(`附件“${r.filename}”的格式不受支持，请上传 PDF、JPEG、PNG 图片或 Word（.docx）文档`);
    const name =
      r.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(-120) || `附件.${type?.ext ?? 'bin'}`;
    out.push({ filename: name, media_type: type?.mime ?? 'application/octet-stream', data });
  }
  return out;
}

/** The hash the intake limiter counts an applicant by (the keyed ID-number hash). */
export function applicantLimitKey(ctx: AppContext, a: NewApplication['applicant']): string | null {
  return applicantHashes(ctx.fieldKeys, a).id;
}

/**
 * Stores an online application for `orgCode`. The same token always yields the same 受理编号 and
 * 查询码 (a double submit creates one application). ERR_ORG_NOT_FOUND for an unknown org.
 */
export async function submitOnline(
  ctx: AppContext,
  orgCode: string,
  input: NewApplication,
  token: string,
  files: UploadedFile[],
): Promise<Created> {
  const org = await findOrg(ctx, orgCode);
  if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '您访问的单位网站不存在，请检查网址。');
  const queryCode = queryCodeForToken(ctx.fieldKeys, token);
  return ctx.db.transaction().execute(async (trx) => {
    const created = await storeNew(ctx, trx, org.id, input, {
      received_on: null,
      clock: null,
      token,
      queryCode,
      enteredBy: null,
      files,
    });
    if (!created.duplicate) {
      await audit(ctx, trx, systemActor('公众申请'), {
        orgId: org.id,
        action: 'application.submit',
        targetType: 'application',
        targetId: created.ref,
        after: auditView(input.applicant, {
          channel: 'online',
          submitted_on: input.submitted_on,
          files: files.length,
        }),
      });
      await queueReceiptMail(
        ctx,
        trx,
        {
          id: created.id,
          ref: created.ref,
          queryCode: created.queryCode,
          email: input.applicant.email,
          submittedOn: input.submitted_on,
        },
        org,
      );
    }
    return created;
  });
}

/** The content of the one-time receipt cookie: encrypted, so the 查询码 is never in clear. */
export function sealReceipt(
  ctx: AppContext,
  r: { ref: string; queryCode: string; org: string },
): string {
  return encryptField(ctx.fieldKeys, JSON.stringify({ ...r, at: ctx.now().getTime() }));
}

/** Opens a receipt cookie made within the last 10 minutes, or null. */
export function openReceipt(
  ctx: AppContext,
  value: string | undefined,
): { ref: string; queryCode: string; org: string } | null {
  if (!value) return null;
  try {
    const r = JSON.parse(decryptField(ctx.fieldKeys, value)) as {
      ref: string;
      queryCode: string;
      org: string;
      at: number;
    };
    return ctx.now().getTime() - r.at < 10 * 60_000 ? r : null;
  } catch {
    return null;
  }
}
