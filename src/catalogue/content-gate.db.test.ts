import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { ignoreFinding } from '../monitoring/rectification.service.js';
import { runMonitorScan } from '../monitoring/scan.service.js';
import { addWhitelistEntry } from '../monitoring/whitelist.repository.js';
import { removeWhitelistEntry } from '../monitoring/whitelist.service.js';
import { actor, form } from './catalogue.test-support.js';
import { listColumns } from './columns.service.js';
import { clearFinding, itemGate } from './content-gate.service.js';
import { createItem, getItem, updateItem } from './items.service.js';
import { listReviews } from './items.repository.js';
import { listItems } from './queries.service.js';
import { publishItem, publishScheduled, reviewItem, submitItem } from './workflow.service.js';

// GB 11643 checksum-valid (birth 1949-12-31, region 110105), next to the keyword 身份证.
const ID = '11010519491231002X';
const ID_BODY = `<p>申请人身份证号：${ID}，特此公告。</p>`;
// What staff see of it, and the prefix of the sealed form stored instead (finding-privacy.ts).
const MASKED_ID = '1101**********002X';
const SEALED = expect.stringMatching(/^hmac:[0-9a-f]{64}\|1101\*{10}002X$/) as unknown;
const CLEAN = '<p>根据工作安排，现将有关事项通知如下。</p>';

describeEachDb('content gate before publication (issue 7, §7.4–§7.6)', (get) => {
  let app: FastifyInstance;
  let orgId = 0;
  let orgCode = '';
  let otherOrgId = 0;
  let col = 0;
  let author: Actor; // editor and reviewer: may review others' items, never clear their own
  let reviewer: Actor;
  let adminUser = 0;
  const s: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    app = await buildApp(ctx);
    const org = await createTestOrg(ctx, { code: 'gate-org', kind: 'zone' });
    orgId = org.id;
    orgCode = org.code;
    otherOrgId = (await createTestOrg(ctx, { code: 'gate-other' })).id;
    const a = await createTestUser(ctx, {
      grants: [
        { orgId, role: 'editor' },
        { orgId, role: 'reviewer' },
      ],
    });
    author = {
      userId: a.id,
      username: a.username,
      isPlatformAdmin: false,
      grants: [
        { orgId, role: 'editor' },
        { orgId, role: 'reviewer' },
      ],
    };
    const r = await createTestUser(ctx, { grants: [{ orgId, role: 'reviewer' }] });
    reviewer = actor(r.id, orgId, 'reviewer');
    const admin = await createTestUser(ctx, { grants: [{ orgId, role: 'org_admin' }] });
    adminUser = admin.id;
    s.author = await signIn(app, ctx, a);
    s.reviewer = await signIn(app, ctx, r);
    s.admin = await signIn(app, ctx, admin);
    s.editor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId, role: 'editor' }] }),
    );
    s.outsider = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: otherOrgId, role: 'org_admin' }] }),
    );
    col = (await listColumns(ctx, author, orgId)).find((c) => c.code === 'policy')?.id ?? 0;
  });

  function sess(who: string): { cookie: string; csrf: string } {
    const x = s[who];
    if (!x) throw new Error(`no session ${who}`);
    return x;
  }

  async function submitted(ctx: AppContext, body: string, title?: string): Promise<number> {
    const { item } = await createItem(
      ctx,
      author,
      orgId,
      form(col, { body_html: body, ...(title ? { title } : {}) }),
    );
    await submitItem(ctx, author, orgId, item.id);
    return item.id;
  }
  const approve = (ctx: AppContext, id: number) =>
    reviewItem(ctx, reviewer, orgId, id, { decision: 'approve', comment: null });
  const audits = (ctx: AppContext, action: string) =>
    ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('a valid ID number blocks approval and publication (409) until a reviewer, not the author, clears it', async () => {
    const ctx = get();
    const id = await submitted(ctx, ID_BODY);
    const gate = await itemGate(ctx, reviewer, orgId, id);
    expect(gate.open.map((f) => [f.category, f.rule, f.text, f.source])).toEqual([
      ['personal_data', 'id_card', MASKED_ID, 'body'],
    ]);
    // Over HTTP: the final approval is refused with the findings on the page.
    const res = await postForm(app, sess('reviewer'), `/admin/orgs/${orgCode}/items/${id}/review`, {
      decision: 'approve',
      comment: '',
    });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('ERR_CONTENT_BLOCKED');
    expect(res.body).toContain('个人信息');
    expect(res.body).toContain(MASKED_ID);
    expect(res.body).not.toContain(ID);
    let row = await getItem(ctx, author, orgId, id);
    expect(row).toMatchObject({ status: 'in_review', review_level: 1, index_no: null });
    expect((await listReviews(ctx.db, id)).filter((r) => r.decision === 'approve')).toEqual([]);

    // The author cannot clear (even holding the reviewer role); an editor may not review at all.
    await expect(
      clearFinding(ctx, author, orgId, id, { rule: 'id_card', text: ID, reason: '已同意' }),
    ).rejects.toMatchObject({ code: 'ERR_SELF_CLEAR', status: 403 });
    const byEditor = await postForm(
      app,
      sess('editor'),
      `/admin/orgs/${orgCode}/items/${id}/clearances`,
      {
        rule: 'id_card',
        text: ID,
        reason: '已同意',
      },
    );
    expect(byEditor.statusCode).toBe(403);
    // A reason is required; only a finding that exists can be cleared.
    await expect(
      clearFinding(ctx, reviewer, orgId, id, { rule: 'id_card', text: ID, reason: '  ' }),
    ).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
    await expect(
      clearFinding(ctx, reviewer, orgId, id, { rule: 'id_card', text: '1', reason: '理由' }),
    ).rejects.toMatchObject({ code: 'ERR_NOTHING_TO_CLEAR' });
    expect(await ctx.db.selectFrom('item_check_clearances').selectAll().execute()).toEqual([]);

    const ok = await postForm(
      app,
      sess('reviewer'),
      `/admin/orgs/${orgCode}/items/${id}/clearances`,
      {
        rule: 'id_card',
        text: ID,
        reason: '经本人书面同意公开',
      },
    );
    expect(ok.statusCode).toBe(303);
    const cl = await ctx.db.selectFrom('item_check_clearances').selectAll().execute();
    expect(cl).toMatchObject([
      { item_id: id, version: 1, rule: 'id_card', text: SEALED, reason: '经本人书面同意公开' },
    ]);
    expect(await audits(ctx, 'item.content_clear')).toHaveLength(1);
    expect((await itemGate(ctx, reviewer, orgId, id)).open).toEqual([]);
    expect(await approve(ctx, id)).toEqual({ approved: true });
    await publishItem(ctx, reviewer, orgId, id, { mode: 'now', scheduled_at: null });
    row = await getItem(ctx, author, orgId, id);
    expect(row.status).toBe('published');
  });

  it('publishing directly is refused too and writes nothing', async () => {
    const ctx = get();
    const id = await submitted(ctx, CLEAN);
    await approve(ctx, id);
    // The text changes after approval (e.g. an attachment's text arrives): the publish gate holds.
    await ctx.db
      .updateTable('items')
      .set({ body_html: `<p>机密★5年</p>${CLEAN}` })
      .where('id', '=', id)
      .execute();
    const before = await audits(ctx, 'item.publish');
    const res = await postForm(
      app,
      sess('reviewer'),
      `/admin/orgs/${orgCode}/items/${id}/publish`,
      {
        mode: 'now',
        scheduled_at: '',
      },
    );
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('ERR_CONTENT_BLOCKED');
    expect(res.body).toContain('涉密标志');
    await expect(
      publishItem(ctx, reviewer, orgId, id, { mode: 'schedule', scheduled_at: '2026-03-11T09:00' }),
    ).rejects.toMatchObject({ code: 'ERR_CONTENT_BLOCKED', status: 409 });
    const row = await getItem(ctx, author, orgId, id);
    expect(row).toMatchObject({ status: 'in_review', index_no: null, published_at: null });
    expect(await audits(ctx, 'item.publish')).toHaveLength(before.length);
  });

  it('a masked ID number does not block; warnings do not block', async () => {
    const ctx = get();
    const id = await submitted(ctx, '<p>申请人身份证号：110105********002X，按装调试完毕。</p>');
    const gate = await itemGate(ctx, reviewer, orgId, id);
    expect(gate.open).toEqual([]);
    expect(gate.findings.some((f) => f.category === 'typo' && !f.blocking)).toBe(true);
    await approve(ctx, id);
    await publishItem(ctx, reviewer, orgId, id, { mode: 'now', scheduled_at: null });
    expect((await getItem(ctx, author, orgId, id)).status).toBe('published');
  });

  it('a secrecy marker at the top blocks; a new version needs clearances only for new findings', async () => {
    const ctx = get();
    const id = await submitted(ctx, `<p>机密★5年</p>${CLEAN}`);
    await expect(approve(ctx, id)).rejects.toMatchObject({ code: 'ERR_CONTENT_BLOCKED' });
    await clearFinding(ctx, reviewer, orgId, id, {
      rule: 'secrecy_marker',
      text: '机密★5年',
      reason: '已解密，见解密通知',
    });
    await reviewItem(ctx, reviewer, orgId, id, { decision: 'return', comment: '补充内容' });
    await updateItem(
      ctx,
      author,
      orgId,
      id,
      form(col, { body_html: `<p>机密★5年</p>${CLEAN}${ID_BODY}` }),
      1,
    );
    await submitItem(ctx, author, orgId, id);
    const gate = await itemGate(ctx, reviewer, orgId, id);
    expect(gate.findings.map((f) => f.category)).toEqual(['personal_data', 'secrecy']);
    expect(gate.open.map((f) => f.rule)).toEqual(['id_card']);
    expect(gate.findings.find((f) => f.rule === 'secrecy_marker')?.clearance?.version).toBe(1);
    await expect(approve(ctx, id)).rejects.toMatchObject({ code: 'ERR_CONTENT_BLOCKED' });
    await clearFinding(ctx, reviewer, orgId, id, { rule: 'id_card', text: ID, reason: '本人同意' });
    await approve(ctx, id);
    await publishItem(ctx, reviewer, orgId, id, { mode: 'now', scheduled_at: null });
    expect((await getItem(ctx, author, orgId, id)).status).toBe('published');
  });

  it('a blocked scheduled publication is not published and returns to the review queue', async () => {
    const ctx = get();
    const entry = await ctx.db.transaction().execute((trx) =>
      addWhitelistEntry(trx, {
        org_id: orgId,
        text: '机密★3年',
        rule: null,
        reason: '测试',
        created_by: null,
        created_at: '2026-03-10T02:00:00.000Z',
      }),
    );
    const id = await submitted(ctx, `<p>机密★3年</p>${CLEAN}`);
    await approve(ctx, id);
    await publishItem(ctx, reviewer, orgId, id, {
      mode: 'schedule',
      scheduled_at: '2026-03-10T12:00',
    });
    const admin: Actor = actor(adminUser, orgId, 'org_admin');
    await removeWhitelistEntry(ctx, admin, orgCode, entry.id);
    const saved = ctx.now;
    ctx.now = () => new Date('2026-03-10T05:00:00Z');
    try {
      expect(await publishScheduled(ctx)).toBe(0);
    } finally {
      ctx.now = saved;
    }
    const row = await getItem(ctx, author, orgId, id);
    expect(row).toMatchObject({ status: 'in_review', scheduled_at: null, published_at: null });
    const reviews = await listReviews(ctx.db, id);
    expect(reviews.at(-1)).toMatchObject({ decision: 'gate_blocked' });
    expect(reviews.at(-1)?.comment).toContain('机密★3年');
    const queue = await listItems(ctx, reviewer, orgId, {
      status: null,
      column: null,
      view: 'review',
      page: 1,
    });
    expect(queue.items.map((i) => i.id)).toContain(id);
    expect(await audits(ctx, 'item.publish_blocked')).toHaveLength(1);
  });

  it('「忽略」 on a content finding whitelists its text: the rescan and the gate skip it', async () => {
    const ctx = get();
    const admin: Actor = actor(adminUser, orgId, 'org_admin');
    await runMonitorScan(ctx, admin, { orgId });
    const finding = await ctx.db
      .selectFrom('monitor_findings')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('kind', '=', 'content_personal_data')
      .where('status', '=', 'open')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(finding.detail)).toMatchObject({ rule: 'id_card', text: MASKED_ID });
    await ignoreFinding(ctx, admin, orgCode, finding.id, {
      reason: '本单位公开的法定代表人证件号',
    });
    const wl = await ctx.db.selectFrom('content_whitelist').selectAll().execute();
    expect(wl).toMatchObject([{ org_id: orgId, text: SEALED, rule: 'id_card' }]);
    expect(await audits(ctx, 'monitoring.whitelist.add')).toHaveLength(1);
    // A new item with the same number passes the gate and the next rescan raises nothing for it.
    const id = await submitted(ctx, ID_BODY);
    expect((await itemGate(ctx, reviewer, orgId, id)).findings).toEqual([]);
    await approve(ctx, id);
    await publishItem(ctx, reviewer, orgId, id, { mode: 'now', scheduled_at: null });
    await runMonitorScan(ctx, admin, { orgId });
    const open = await ctx.db
      .selectFrom('monitor_findings')
      .select(['subject_id'])
      .where('org_id', '=', orgId)
      .where('kind', '=', 'content_personal_data')
      .where('status', '=', 'open')
      .execute();
    expect(open).toEqual([]);
  });

  describe('the whitelist page', () => {
    const url = () => `/admin/orgs/${orgCode}/monitoring/whitelist`;
    const page = (who: string) =>
      app.inject({ method: 'GET', url: url(), headers: { cookie: s[who]?.cookie ?? '' } });

    it('opens to the org_admin only', async () => {
      const res = await page('admin');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(MASKED_ID);
      expect(res.body).not.toContain(ID);
      for (const who of ['editor', 'reviewer', 'outsider']) {
        const r = await page(who);
        expect(r.statusCode, who).toBe(403);
        expect(errorCode(r)).toBe('ERR_MONITORING_FORBIDDEN');
      }
    });

    it('removes an entry (audited), refuses bad ids, other orgs and platform entries', async () => {
      const ctx = get();
      const ins = (org_id: number | null, text: string) =>
        ctx.db.transaction().execute((trx) =>
          addWhitelistEntry(trx, {
            org_id,
            text,
            rule: null,
            reason: 'r',
            created_by: null,
            created_at: '2026-03-10T02:00:00.000Z',
          }),
        );
      const platform = await ins(null, '全平台条目');
      const foreign = await ins(otherOrgId, '他单位条目');
      const own = await ins(orgId, '本单位条目');
      const del = (who: string, id: string | number, f: Record<string, string> = {}) =>
        postForm(app, sess(who), `${url()}/${id}/delete`, f);
      expect(errorCode(await del('admin', 'abc'))).toBe('ERR_WHITELIST_NOT_FOUND');
      expect((await del('admin', 'abc')).statusCode).toBe(404);
      expect((await del('admin', foreign.id)).statusCode).toBe(404);
      expect((await del('admin', platform.id)).statusCode).toBe(403);
      expect((await del('editor', own.id)).statusCode).toBe(403);
      expect((await del('admin', own.id, { _csrf: 'bad' })).statusCode).toBe(403);
      const listed = await page('admin');
      expect(listed.body).toContain('全平台条目');
      expect(listed.body).not.toContain('他单位条目');
      const res = await del('admin', own.id);
      expect(res.statusCode).toBe(303);
      const left = await ctx.db.selectFrom('content_whitelist').select('text').execute();
      expect(left.map((r) => r.text.replace(/^hmac:[0-9a-f]{64}\|/, '')).sort()).toEqual(
        [MASKED_ID, '他单位条目', '全平台条目'].sort(),
      );
      const removed = await audits(ctx, 'monitoring.whitelist.remove');
      expect(removed.at(-1)).toMatchObject({ target_id: String(own.id) });
    });
  });
});
