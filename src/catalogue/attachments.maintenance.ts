import type { AppContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import {
  attachmentBytes,
  blobExists,
  removeBlobIfUnreferenced,
  removeOrphanBlobs,
  sha256Hex,
  withBlobLock,
  writeBlob,
} from './attachments.store.js';

/**
 * Maintenance of attachment storage (`gongkai attachments …`): moving bytes between the database
 * and ATTACHMENTS_DIR, checking that every 'dir' row has its file, and the orphan cleanup pass.
 */

function requireDir(ctx: AppContext): string {
  const dir = ctx.config.attachmentsDir;
  if (!dir)
    throw new AppError(
      'ERR_ATTACHMENTS_DIR_UNSET',
      400,
      '未设置 ATTACHMENTS_DIR，无法使用文件存储。',
    );
  return dir;
}

/**
 * Moves every attachment to `to` ('dir': ATTACHMENTS_DIR, 'db': the database), one row at a time
 * (each row is switched only after its bytes are safely in the new place; a file left without rows
 * is removed). Bytes are checked against the stored SHA-256. Returns the number of rows moved.
 */
export async function moveAttachments(
  ctx: AppContext,
  to: 'dir' | 'db',
  progress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const dir = requireDir(ctx);
  const from = to === 'dir' ? 'db' : 'dir';
  const ids = (
    await ctx.db
      .selectFrom('attachments')
      .select('id')
      .where('storage', '=', from)
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  let done = 0;
  for (const id of ids) {
    const row = await ctx.db
      .selectFrom('attachments')
      .select(['id', 'storage', 'sha256', 'data'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.storage !== from) continue;
    const bytes = await attachmentBytes(ctx, row);
    if (sha256Hex(bytes) !== row.sha256)
      throw new AppError('ERR_ATTACHMENT_CORRUPT', 500, `附件 ${id} 的内容与其 SHA-256 不符。`);
    await withBlobLock(row.sha256, async () => {
      if (to === 'dir') {
        await writeBlob(dir, row.sha256, bytes);
        await ctx.db
          .updateTable('attachments')
          .set({ storage: 'dir', data: null })
          .where('id', '=', id)
          .execute();
      } else {
        await ctx.db
          .updateTable('attachments')
          .set({ storage: 'db', data: bytes })
          .where('id', '=', id)
          .execute();
        await removeBlobIfUnreferenced(ctx.db, dir, row.sha256);
      }
    });
    progress(++done, ids.length);
  }
  return done;
}

/** Rows stored in ATTACHMENTS_DIR whose file is missing or has the wrong size (ids). */
export async function missingBlobs(ctx: AppContext): Promise<number[]> {
  const dir = requireDir(ctx);
  const rows = await ctx.db
    .selectFrom('attachments')
    .select(['id', 'sha256', 'size'])
    .where('storage', '=', 'dir')
    .orderBy('id')
    .execute();
  const out: number[] = [];
  for (const r of rows) if (!(await blobExists(dir, r.sha256, r.size))) out.push(r.id);
  return out;
}

/** The orphan cleanup pass: files no row references, older than an hour (by file time). */
export async function cleanOrphans(ctx: AppContext, graceMs?: number): Promise<number> {
  // File times are wall-clock times, so the grace period is too (not the context's clock).
  return removeOrphanBlobs(ctx.db, requireDir(ctx), Date.now(), graceMs);
}
