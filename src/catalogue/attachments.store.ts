import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppContext } from '../platform/context.js';
import type { Conn } from '../platform/db/database.js';
import { NotFoundError } from '../platform/errors.js';

/**
 * Attachment bytes in ATTACHMENTS_DIR (storage 'dir'): content-addressed files at
 * `ab/cd/<sha256>`, so the same bytes are stored once whatever the number of rows; no user-given
 * name ever reaches a path. A file is written to a temporary name, fsynced and renamed (then the
 * directory fsynced) before the row that points to it commits; it is removed only when no row
 * references its hash. Without ATTACHMENTS_DIR the bytes stay in `attachments.data` (storage
 * 'db').
 */

const SHA256 = /^[0-9a-f]{64}$/;

/** The SHA-256 of some bytes, as lower-case hex. */
export function sha256Hex(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** The path of a blob: `<dir>/ab/cd/<sha256>`. Anything but a SHA-256 hex digest is refused. */
export function blobPath(dir: string, sha: string): string {
  if (!SHA256.test(sha)) throw new Error(`not a sha256 digest: ${sha.slice(0, 80)}`);
  return path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** True when the blob exists with the expected size. */
export async function blobExists(dir: string, sha: string, size: number): Promise<boolean> {
  try {
    return (await fsp.stat(blobPath(dir, sha))).size === size;
  } catch {
    return false;
  }
}

/**
 * Stores bytes under their hash (temp file + fsync + rename + directory fsync). Returns true when
 * this call created the file, false when it already existed (deduplicated).
 */
export async function writeBlob(dir: string, sha: string, data: Uint8Array): Promise<boolean> {
  if (sha256Hex(data) !== sha) throw new Error('blob bytes do not match their hash');
  if (await blobExists(dir, sha, data.byteLength)) return false;
  const target = blobPath(dir, sha);
  const folder = path.dirname(target);
  await fsp.mkdir(folder, { recursive: true });
  const tmp = path.join(folder, `.${sha}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fh = await fsp.open(tmp, 'wx', 0o640);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await fsp.rename(tmp, target);
  await fsyncDir(folder);
  return true;
}

/** Removes a blob (missing is fine). */
export async function removeBlob(dir: string, sha: string): Promise<void> {
  await fsp.rm(blobPath(dir, sha), { force: true });
}

/** Rows (any storage 'dir') that reference a hash. */
export async function blobReferences(conn: Conn, sha: string): Promise<number> {
  const r = await conn
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sha256', '=', sha)
    .where('storage', '=', 'dir')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Removes the blob when no row references its hash any more. Returns true when removed. */
export async function removeBlobIfUnreferenced(
  conn: Conn,
  dir: string,
  sha: string,
): Promise<boolean> {
  if ((await blobReferences(conn, sha)) > 0) return false;
  await removeBlob(dir, sha);
  return true;
}

const locks = new Map<string, Promise<unknown>>();

/**
 * Serialises blob work on one hash in this process, so that a delete never unlinks a file an
 * upload of the same bytes is about to reference. (Several processes sharing ATTACHMENTS_DIR keep
 * a small window; `gongkai attachments check` reports rows whose file is missing.)
 */
export async function withBlobLock<T>(sha: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(sha) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(sha, tail);
  try {
    return await run;
  } finally {
    if (locks.get(sha) === tail) locks.delete(sha);
  }
}

/** The stored form of an attachment row needed to read its bytes. */
export interface StoredBytes {
  id?: number;
  storage: string;
  sha256: string;
  data: Uint8Array | null;
}

function missing(ctx: AppContext, row: StoredBytes, why: string): NotFoundError {
  ctx.logger.error({ attachmentId: row.id, sha256: row.sha256, why }, 'attachment bytes missing');
  return new NotFoundError('ERR_ATTACHMENT_NOT_FOUND', '该附件的文件不存在，请联系管理员。');
}

/**
 * The content of an attachment: a Buffer from the database, or a stream of its file (opened
 * before returning, so a missing file is a clear 404, not a broken response).
 */
export async function attachmentBody(
  ctx: AppContext,
  row: StoredBytes,
): Promise<Buffer | Readable> {
  if (row.storage === 'db') {
    if (!row.data) throw missing(ctx, row, 'no data in the database');
    return Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  }
  const dir = ctx.config.attachmentsDir;
  if (!dir) throw missing(ctx, row, 'ATTACHMENTS_DIR is not set');
  try {
    const fh = await fsp.open(blobPath(dir, row.sha256), 'r');
    return fh.createReadStream();
  } catch {
    throw missing(ctx, row, 'file not found');
  }
}

/** The whole content of an attachment as a Buffer (text extraction, migration). */
export async function attachmentBytes(ctx: AppContext, row: StoredBytes): Promise<Buffer> {
  const body = await attachmentBody(ctx, row);
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every blob file under the directory, with its hash and modification time. */
export async function* listBlobs(
  dir: string,
): AsyncGenerator<{ sha: string; file: string; mtimeMs: number }> {
  const level = async (p: string) =>
    (await fsp.readdir(p, { withFileTypes: true }).catch(() => [] as fs.Dirent[])).filter(
      (d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name),
    );
  for (const a of await level(dir)) {
    for (const b of await level(path.join(dir, a.name))) {
      const folder = path.join(dir, a.name, b.name);
      for (const f of await fsp.readdir(folder)) {
        const file = path.join(folder, f);
        const st = await fsp.stat(file);
        yield { sha: SHA256.test(f) ? f : '', file, mtimeMs: st.mtimeMs };
      }
    }
  }
}

/**
 * The cleanup pass: removes files no row references (and leftover temp files), older than
 * `graceMs` so that an upload in progress is never touched. Returns the number removed.
 */
export async function removeOrphanBlobs(
  conn: Conn,
  dir: string,
  nowMs: number,
  graceMs = 60 * 60 * 1000,
): Promise<number> {
  let removed = 0;
  for await (const b of listBlobs(dir)) {
    if (nowMs - b.mtimeMs < graceMs) continue;
    if (b.sha && (await blobReferences(conn, b.sha)) > 0) continue;
    await fsp.rm(b.file, { force: true });
    removed++;
  }
  return removed;
}
