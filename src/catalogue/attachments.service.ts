import crypto from 'node:crypto';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { AppError, ConflictError, NotFoundError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { cleanFilename, detectAttachmentType, extensionOf } from './attachments.model.js';
import { attachmentMaxBytes } from './catalogue.settings.js';
import { isEditable, type ItemStatus } from './catalogue.model.js';
import { assertCatalogue } from './columns.service.js';
import {
  deleteAttachment,
  findAttachment,
  insertAttachment,
  updateItemRow,
} from './items.repository.js';
import { itemOf, recordVersion } from './items.service.js';

/** Attachments of items: checked by content, stored in the database (storage 'db'). */

/** ERR_ATTACHMENT_TOO_LARGE (413). */
export function attachmentTooLarge(max: number): AppError {
  return new AppError(
    'ERR_ATTACHMENT_TOO_LARGE',
    413,
    `附件不能超过 ${Math.floor(max / 1024 / 1024) || 1} MB。`,
  );
}

/**
 * Adds an attachment to an editable item: PDF, DOC/DOCX, XLS/XLSX, OFD, images, audio or video
 * by content (ERR_ATTACHMENT_TYPE otherwise), within the size limit. Each change is a version.
 */
export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  itemId: number,
  file: { filename: string; data: Buffer },
): Promise<number> {
  await assertCatalogue(ctx.db, actor, 'draft', orgId);
  const max = await attachmentMaxBytes(ctx.db);
  if (file.data.length > max) throw attachmentTooLarge(max);
  if (file.data.length === 0)
    throw new AppError('ERR_ATTACHMENT_EMPTY', 400, '请选择要上传的文件。');
  const type = await detectAttachmentType(file.data, extensionOf(file.filename));
  if (!type)
    throw new AppError(
      'ERR_ATTACHMENT_TYPE',
      415,
      '附件类型不支持：仅接受 PDF、Word、Excel、OFD、图片、音频和视频文件（按文件内容识别）。',
    );
  return ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, itemId);
    if (!isEditable(row.status as ItemStatus))
      throw new ConflictError('ERR_ITEM_LOCKED', '该信息正在审核或等待发布，暂不能修改。');
    const now = isoNow(ctx.now());
    const filename = cleanFilename(file.filename, type.ext);
    const id = await insertAttachment(trx, {
      item_id: itemId,
      org_id: orgId,
      filename,
      media_type: type.mediaType,
      size: file.data.length,
      sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
      storage: 'db',
      data: file.data,
      text_content: null,
      created_at: now,
    });
    const published = row.status === 'published';
    const note = `新增附件：${filename}`;
    await updateItemRow(trx, itemId, null, {
      version: row.version + 1,
      updated_at: now,
      ...(published ? { change_note: note } : {}),
    });
    await recordVersion(trx, await itemOf(trx, orgId, itemId), actor, now, published ? note : null);
    await audit(ctx, trx, actor, {
      orgId,
      action: 'attachment.add',
      targetType: 'item',
      targetId: itemId,
      after: { filename, media_type: type.mediaType, size: file.data.length },
    });
    return id;
  });
}

/** Removes an attachment of an editable item. */
export async function removeAttachment(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  itemId: number,
  attachmentId: number,
): Promise<void> {
  await assertCatalogue(ctx.db, actor, 'draft', orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, itemId);
    const a = await findAttachment(trx, attachmentId);
    if (!a || a.item_id !== itemId)
      throw new NotFoundError('ERR_ATTACHMENT_NOT_FOUND', '该附件不存在。');
    if (!isEditable(row.status as ItemStatus))
      throw new ConflictError('ERR_ITEM_LOCKED', '该信息正在审核或等待发布，暂不能修改。');
    await deleteAttachment(trx, attachmentId);
    const now = isoNow(ctx.now());
    const published = row.status === 'published';
    const note = `删除附件：${a.filename}`;
    await updateItemRow(trx, itemId, null, {
      version: row.version + 1,
      updated_at: now,
      ...(published ? { change_note: note } : {}),
    });
    await recordVersion(trx, await itemOf(trx, orgId, itemId), actor, now, published ? note : null);
    await audit(ctx, trx, actor, {
      orgId,
      action: 'attachment.remove',
      targetType: 'item',
      targetId: itemId,
      before: { filename: a.filename },
    });
  });
}

/** An attachment with its bytes, for staff who may read the org's catalogue. */
export async function getAttachment(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  itemId: number,
  attachmentId: number,
) {
  await assertCatalogue(ctx.db, actor, 'read', orgId);
  const a = await findAttachment(ctx.db, attachmentId);
  if (!a || a.item_id !== itemId || a.org_id !== orgId)
    throw new NotFoundError('ERR_ATTACHMENT_NOT_FOUND', '该附件不存在。');
  return a;
}
