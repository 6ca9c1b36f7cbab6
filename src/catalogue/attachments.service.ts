import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { AppError, ConflictError, NotFoundError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { cleanFilename, detectAttachmentType, extensionOf } from './attachments.model.js';
import {
  attachmentBody,
  removeBlobIfUnreferenced,
  sha256Hex,
  withBlobLock,
  writeBlob,
} from './attachments.store.js';
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

/**
 * Attachments of items: checked by content; stored in ATTACHMENTS_DIR when it is set (storage
 * 'dir', content-addressed, see attachments.store.ts), else in the database (storage 'db').
 */

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
  const sha = sha256Hex(file.data);
  const dir = ctx.config.attachmentsDir;
  const insert = () =>
    insertRow(ctx, actor, orgId, itemId, {
      filename: cleanFilename(file.filename, type.ext),
      mediaType: type.mediaType,
      sha,
      data: file.data,
      inDir: dir !== undefined,
    });
  if (!dir) return insert();
  // The file is durable before the row commits, so no row ever points to a missing file; if the
  // row does not commit, a file this upload created and nobody references is removed again.
  return withBlobLock(sha, async () => {
    const created = await writeBlob(dir, sha, file.data);
    try {
      return await insert();
    } catch (err) {
      if (created) await removeBlobIfUnreferenced(ctx.db, dir, sha);
      throw err;
    }
  });
}

/** The attachment row, its item's new version and the audit entry, in one transaction. */
async function insertRow(
  ctx: AppContext,
  actor: Actor,
  orgId: number,
  itemId: number,
  f: { filename: string; mediaType: string; sha: string; data: Buffer; inDir: boolean },
): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await itemOf(trx, orgId, itemId);
    if (!isEditable(row.status as ItemStatus))
      throw new ConflictError('ERR_ITEM_LOCKED', '该信息正在审核或等待发布，暂不能修改。');
    const now = isoNow(ctx.now());
    const filename = f.filename;
    const id = await insertAttachment(trx, {
      item_id: itemId,
      org_id: orgId,
      filename,
      media_type: f.mediaType,
      size: f.data.length,
      sha256: f.sha,
      storage: f.inDir ? 'dir' : 'db',
      data: f.inDir ? null : f.data,
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
      after: { filename, media_type: f.mediaType, size: f.data.length },
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
  const removed = await ctx.db.transaction().execute(async (trx) => {
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
    return a;
  });
  // The file goes only when no other row (of any item or org) references the same bytes.
  const dir = ctx.config.attachmentsDir;
  if (removed.storage === 'dir' && dir) {
    await withBlobLock(removed.sha256, () => removeBlobIfUnreferenced(ctx.db, dir, removed.sha256));
  }
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
  return { ...a, body: await attachmentBody(ctx, a) };
}
