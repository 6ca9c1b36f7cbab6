import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, createTestUser, signIn } from '../../test/factories.js';
import { buildApp } from '../platform/http/app.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { cleanOrphans, missingBlobs, moveAttachments } from './attachments.maintenance.js';
import { contentDisposition } from './attachments.model.js';
import { addAttachment, getAttachment, removeAttachment } from './attachments.service.js';
import { blobPath, sha256Hex, writeBlob } from './attachments.store.js';
import { actor, form, user } from './catalogue.test-support.js';
import { listColumns } from './columns.service.js';
import { createItem } from './items.service.js';
import { submitItem } from './workflow.service.js';

const pdf = (text: string) =>
  Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Title (${text}) >>\nendobj\ntrailer\n%%EOF\n`);

async function bytesOf(body: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

describeEachDb('attachment storage', (get) => {
  let tmp: string;
  let dctx: AppContext;
  let editor: Actor;
  let orgId: number;
  let column: number;
  const newItem = async () =>
    (await createItem(get(), editor, orgId, form(column, { doc_number: null }))).item.id;

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-att-'));
    dctx = { ...ctx, config: Object.freeze({ ...ctx.config, attachmentsDir: tmp }) };
    orgId = (await createTestOrg(ctx, { code: 'att-org', kind: 'zone' })).id;
    editor = actor(await user(ctx, 'att-ed'), orgId, 'editor');
    column = (await listColumns(ctx, editor, orgId)).find((c) => c.code === 'policy')?.id ?? 0;
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('stores an upload as a content-addressed file and reads the same bytes back', async () => {
    const item = await newItem();
    const data = pdf('方案');
    const id = await addAttachment(dctx, editor, orgId, item, { filename: '方案.pdf', data });
    const row = await get()
      .db.selectFrom('attachments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const sha = sha256Hex(data);
    expect(row).toMatchObject({ storage: 'dir', data: null, sha256: sha, size: data.length });
    expect(filesUnder(tmp)).toContain(path.join(sha.slice(0, 2), sha.slice(2, 4), sha));
    const a = await getAttachment(dctx, editor, orgId, item, id);
    expect(a.media_type).toBe('application/pdf');
    expect((await bytesOf(a.body)).equals(data)).toBe(true);
  });

  it('stores identical bytes once and removes the file with its last reference', async () => {
    const [i1, i2] = [await newItem(), await newItem()];
    const data = pdf('同一文件');
    const file = blobPath(tmp, sha256Hex(data));
    const a1 = await addAttachment(dctx, editor, orgId, i1, { filename: 'a.pdf', data });
    const a2 = await addAttachment(dctx, editor, orgId, i2, { filename: 'b.pdf', data });
    const before = filesUnder(tmp).length;
    const a3 = await addAttachment(dctx, editor, orgId, i2, { filename: 'c.pdf', data });
    expect(filesUnder(tmp).length).toBe(before);
    await removeAttachment(dctx, editor, orgId, i1, a1);
    await removeAttachment(dctx, editor, orgId, i2, a2);
    expect(fs.existsSync(file)).toBe(true);
    await removeAttachment(dctx, editor, orgId, i2, a3);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('leaves no file behind when the row cannot be written, and keeps a shared one', async () => {
    const locked = await newItem();
    await submitItem(get(), editor, orgId, locked);
    const fresh = pdf('审核中上传');
    await expect(
      addAttachment(dctx, editor, orgId, locked, { filename: 'x.pdf', data: fresh }),
    ).rejects.toMatchObject({ code: 'ERR_ITEM_LOCKED' });
    expect(fs.existsSync(blobPath(tmp, sha256Hex(fresh)))).toBe(false);
    expect(filesUnder(tmp).some((f) => f.endsWith('.tmp'))).toBe(false);

    const shared = pdf('共享');
    await addAttachment(dctx, editor, orgId, await newItem(), { filename: 's.pdf', data: shared });
    await expect(
      addAttachment(dctx, editor, orgId, locked, { filename: 's.pdf', data: shared }),
    ).rejects.toMatchObject({ code: 'ERR_ITEM_LOCKED' });
    expect(fs.existsSync(blobPath(tmp, sha256Hex(shared)))).toBe(true);
  });

  it('never uses the given file name as a path', async () => {
    const item = await newItem();
    const data = pdf('穿越');
    const names = [
      '../../../../etc/passwd.pdf',
      '..\\..\\boot.ini.pdf',
      '/tmp/x.pdf',
      'a/../../b.pdf',
    ];
    for (const filename of names) {
      const id = await addAttachment(dctx, editor, orgId, item, { filename, data });
      const a = await getAttachment(dctx, editor, orgId, item, id);
      expect(a.filename).not.toMatch(/[\\/]|\.\./);
      expect((await bytesOf(a.body)).equals(data)).toBe(true);
    }
    expect(filesUnder(tmp).every((f) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toBe(
      true,
    );
  });

  it('streams a stored file over HTTP with its type, length and a safe file name', async () => {
    const item = await newItem();
    const data = pdf('下载');
    const id = await addAttachment(dctx, editor, orgId, item, { filename: "通知'附件.pdf", data });
    const app = await buildApp(dctx);
    try {
      const u = await createTestUser(dctx, { grants: [{ orgId, role: 'editor' }] });
      const { cookie } = await signIn(app, dctx, u);
      const res = await app.inject({
        method: 'GET',
        url: `/admin/orgs/att-org/items/${item}/attachments/${id}`,
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(Number(res.headers['content-length'])).toBe(data.length);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(contentDisposition("通知'附件.pdf"));
      expect(res.rawPayload.equals(data)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('keeps bytes in the database without ATTACHMENTS_DIR', async () => {
    const item = await newItem();
    const data = pdf('数据库');
    const id = await addAttachment(get(), editor, orgId, item, { filename: 'db.pdf', data });
    const a = await getAttachment(get(), editor, orgId, item, id);
    expect(a.storage).toBe('db');
    expect(fs.existsSync(blobPath(tmp, sha256Hex(data)))).toBe(false);
    expect((await bytesOf(a.body)).equals(data)).toBe(true);
  });

  it('answers ERR_ATTACHMENT_NOT_FOUND when a stored file has gone missing', async () => {
    const item = await newItem();
    const data = pdf('丢失');
    const id = await addAttachment(dctx, editor, orgId, item, { filename: 'm.pdf', data });
    fs.rmSync(blobPath(tmp, sha256Hex(data)));
    await expect(getAttachment(dctx, editor, orgId, item, id)).rejects.toMatchObject({
      code: 'ERR_ATTACHMENT_NOT_FOUND',
    });
    expect(await missingBlobs(dctx)).toContain(id);
    await removeAttachment(dctx, editor, orgId, item, id);
    expect(await missingBlobs(dctx)).toEqual([]);
  });

  it('cleans orphan files older than an hour and keeps referenced ones', async () => {
    const orphan = pdf('孤儿');
    await writeBlob(tmp, sha256Hex(orphan), orphan);
    const stray = path.join(tmp, 'ab', 'cd', '.leftover.tmp');
    fs.mkdirSync(path.dirname(stray), { recursive: true });
    fs.writeFileSync(stray, 'x');
    const referenced = filesUnder(tmp).length - 2;
    expect(await cleanOrphans(dctx)).toBe(0);
    expect(await cleanOrphans(dctx, 0)).toBe(2);
    expect(filesUnder(tmp).length).toBe(referenced);
    expect(await missingBlobs(dctx)).toEqual([]);
  });

  it('migrates every attachment to the directory and back with identical bytes', async () => {
    const item = await newItem();
    const data = pdf('迁移');
    const id = await addAttachment(get(), editor, orgId, item, { filename: 'mv.pdf', data });
    expect(await moveAttachments(dctx, 'dir')).toBeGreaterThanOrEqual(1);
    let a = await getAttachment(dctx, editor, orgId, item, id);
    expect(a.storage).toBe('dir');
    expect((await bytesOf(a.body)).equals(data)).toBe(true);
    expect(await moveAttachments(dctx, 'db')).toBeGreaterThanOrEqual(1);
    a = await getAttachment(get(), editor, orgId, item, id);
    expect(a.storage).toBe('db');
    expect((await bytesOf(a.body)).equals(data)).toBe(true);
    expect(filesUnder(tmp)).toEqual([]);
  });
});

describe('Content-Disposition of attachments', () => {
  it.each([
    ['通知.pdf', `attachment; filename="__.pdf"; filename*=UTF-8''%E9%80%9A%E7%9F%A5.pdf`],
    ["it's (1).pdf", `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`],
    ['a";b\r\n.pdf', `attachment; filename="a__b__.pdf"; filename*=UTF-8''a_%3Bb__.pdf`],
  ])('%s', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
  });
});
