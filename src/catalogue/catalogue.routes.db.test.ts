import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { SETTING_ATTACHMENT_MAX_BYTES, setCatalogueSetting } from './catalogue.settings.js';

type Session = { cookie: string; csrf: string };

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);

/** A multipart body built by hand: the CSRF field, then one file. */
function multipartBody(csrf: string | null, filename: string, data: Buffer) {
  const boundary = '----gk-test-boundary';
  const parts: Buffer[] = [];
  if (csrf !== null)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
      ),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const itemForm = (columnId: string, over: Record<string, string> = {}) => ({
  column_id: columnId,
  title: '关于开展2026年政务公开工作的通知',
  body_html: '<h2>一、目标</h2><p style="color:red">全面推进。</p><script>alert(1)</script>',
  doc_number: '温高管(2026)7号',
  formed_on: '2026-03-02',
  published_on: '',
  doc_type: 'normative',
  validity: 'valid',
  attribute: 'active',
  attribute_reason_code: '',
  channels: 'portal',
  ...over,
});

describeEachDb('catalogue staff pages', (get) => {
  let app: FastifyInstance;
  let editor: Session;
  let reviewer: Session;
  let orgAdmin: Session;
  let outsider: Session;
  let policyColumn = '';
  let itemUrl = '';

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    app = await buildApp(ctx);
    const org = await createTestOrg(ctx, { code: 'rt-org', kind: 'government' });
    const other = await createTestOrg(ctx, { code: 'rt-other' });
    editor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'editor' }] }),
    );
    reviewer = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'reviewer' }] }),
    );
    orgAdmin = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'org_admin' }] }),
    );
    outsider = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: other.id, role: 'editor' }] }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const page = (url: string, who: Session) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const upload = (
    who: Session,
    url: string,
    filename: string,
    data: Buffer,
    csrf: string | null = who.csrf,
  ) => {
    const b = multipartBody(csrf, filename, data);
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': b.contentType },
      payload: b.payload,
    });
  };

  it('shows the new-item form with the statutory columns', async () => {
    const res = await page('/admin/orgs/rt-org/items/new', editor);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('行政法规、规章和规范性文件');
    const m = /<option value="(\d+)"[^>]*>政策文件<\/option>/.exec(res.body);
    policyColumn = m?.[1] ?? '';
    expect(policyColumn).not.toBe('');
  });

  it('refuses 发布日期 before 成文日期 with a field error', async () => {
    const res = await postForm(
      app,
      editor,
      '/admin/orgs/rt-org/items/new',
      itemForm(policyColumn, { published_on: '2026-03-01' }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('ERR_VALIDATION');
    expect(res.body).toContain('发布日期不能早于成文日期');
    expect(res.body).toContain('id="f-published_on-error"');
  });

  it('drafts an item, sanitises the body and normalises the 文号', async () => {
    const res = await postForm(app, editor, '/admin/orgs/rt-org/items/new', itemForm(policyColumn));
    expect(res.statusCode).toBe(303);
    itemUrl = String(res.headers.location).split('?')[0] ?? '';
    const view = await page(itemUrl, editor);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('温高管〔2026〕7号');
    expect(view.body).toContain('<h2>一、目标</h2><p>全面推进。</p>');
    expect(view.body).not.toContain('alert(1)');
  });

  it('accepts a PDF attachment and refuses an .exe renamed .pdf by content', async () => {
    expect((await upload(editor, `${itemUrl}/attachments`, '通知.pdf', PDF)).statusCode).toBe(303);
    const bad = await upload(editor, `${itemUrl}/attachments`, 'report.pdf', EXE);
    expect(bad.statusCode).toBe(415);
    expect(errorCode(bad)).toBe('ERR_ATTACHMENT_TYPE');
    const view = await page(itemUrl, editor);
    expect(view.body).toContain('通知.pdf');
    const link = /href="([^"]+\/attachments\/\d+)"/.exec(view.body)?.[1] ?? '';
    const file = await page(link, editor);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toContain("filename*=UTF-8''");
  });

  it('refuses an oversized upload with 413 and an upload without its CSRF token', async () => {
    await setCatalogueSetting(get().db, SETTING_ATTACHMENT_MAX_BYTES, 1024);
    try {
      const big = await upload(
        editor,
        `${itemUrl}/attachments`,
        'big.pdf',
        Buffer.concat([PDF, Buffer.alloc(4096)]),
      );
      expect(big.statusCode).toBe(413);
      expect(errorCode(big)).toBe('ERR_ATTACHMENT_TOO_LARGE');
    } finally {
      await setCatalogueSetting(get().db, SETTING_ATTACHMENT_MAX_BYTES, 50 * 1024 * 1024);
    }
    const noToken = await upload(editor, `${itemUrl}/attachments`, 'a.pdf', PDF, null);
    expect(noToken.statusCode).toBe(403);
    expect(errorCode(noToken)).toBe('ERR_CSRF');
  });

  it('walks submit → return → fix → approve → publish', async () => {
    expect((await postForm(app, editor, `${itemUrl}/submit`, {})).statusCode).toBe(303);
    const self = await postForm(app, editor, `${itemUrl}/review`, { decision: 'approve' });
    expect(errorCode(self)).toBe('ERR_FORBIDDEN');
    const noComment = await postForm(app, reviewer, `${itemUrl}/review`, {
      decision: 'return',
      comment: '',
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toContain('退回修改时请填写退回意见');
    expect(
      (
        await postForm(app, reviewer, `${itemUrl}/review`, {
          decision: 'return',
          comment: '请补充附件说明',
        })
      ).statusCode,
    ).toBe(303);
    const edit = await page(`${itemUrl}/edit`, editor);
    expect(edit.statusCode).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? '';
    expect(
      (
        await postForm(
          app,
          editor,
          `${itemUrl}/edit`,
          itemForm(policyColumn, { version, title: '关于开展2026年政务公开工作的通知（修订）' }),
        )
      ).statusCode,
    ).toBe(303);
    expect((await postForm(app, editor, `${itemUrl}/submit`, {})).statusCode).toBe(303);
    expect((await page('/admin/orgs/rt-org/items?view=review', reviewer)).body).toContain(
      '（修订）',
    );
    expect(
      (await postForm(app, reviewer, `${itemUrl}/review`, { decision: 'approve', comment: '' }))
        .statusCode,
    ).toBe(303);
    const pub = await postForm(app, reviewer, `${itemUrl}/publish`, {
      mode: 'now',
      scheduled_at: '',
    });
    expect(pub.statusCode).toBe(303);
    const view = await page(itemUrl, editor);
    expect(view.body).toMatch(/rt-org\/2026-\d{5}/);
    expect(view.body).toContain('已发布');
    expect(view.body).toContain('退回修改');
  });

  it('compares versions and requires a change note for an edit after publication', async () => {
    const cmp = await page(`${itemUrl}/versions?a=1&b=3`, editor);
    expect(cmp.statusCode).toBe(200);
    expect(cmp.body).toContain('（修订）');
    const noNote = await postForm(app, editor, `${itemUrl}/edit`, itemForm(policyColumn));
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('修改已发布的信息须填写修改说明');
  });

  it('withdraws with a reason', async () => {
    expect((await postForm(app, reviewer, `${itemUrl}/withdraw`, { reason: '' })).statusCode).toBe(
      400,
    );
    expect(
      (await postForm(app, reviewer, `${itemUrl}/withdraw`, { reason: '政策已调整' })).statusCode,
    ).toBe(303);
    expect((await page(itemUrl, editor)).body).toContain('撤回原因：政策已调整');
  });

  it('lets the org admin add a column and refuses an editor', async () => {
    const form = {
      name: '工作动态',
      code: 'gzdt',
      parent_id: '',
      update_class: 'news',
      review_levels: '2',
      sort: '',
    };
    expect(errorCode(await postForm(app, editor, '/admin/orgs/rt-org/columns', form))).toBe(
      'ERR_FORBIDDEN',
    );
    expect((await postForm(app, orgAdmin, '/admin/orgs/rt-org/columns', form)).statusCode).toBe(
      303,
    );
    const dup = await postForm(app, orgAdmin, '/admin/orgs/rt-org/columns', form);
    expect(dup.statusCode).toBe(400);
    expect((await page('/admin/orgs/rt-org/columns', orgAdmin)).body).toContain('工作动态');
  });

  it('renders the queues and keeps other orgs out', async () => {
    for (const url of [
      '/admin/orgs/rt-org/rereview',
      '/admin/orgs/rt-org/interpretations-missing',
      '/admin/orgs/rt-org/items?view=mine',
    ])
      expect((await page(url, reviewer)).statusCode).toBe(200);
    const denied = await page('/admin/orgs/rt-org/items', outsider);
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('ERR_FORBIDDEN');
    expect(errorCode(await page('/admin/orgs/rt-org/items/999999', editor))).toBe(
      'ERR_ITEM_NOT_FOUND',
    );
    expect(errorCode(await page('/admin/orgs/nope/items', editor))).toBe('ERR_ORG_NOT_FOUND');
  });
});
