import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser, csrfFrom, postForm, signIn } from '../../test/factories.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { runMonitorScan } from '../monitoring/scan.service.js';
import { actor, form } from './catalogue.test-support.js';
import { listColumns } from './columns.service.js';
import { itemGate } from './content-gate.service.js';
import { createItem, getItem } from './items.service.js';
import { publishItem, reviewItem, submitItem } from './workflow.service.js';

// Checksum-valid ID number (GB 11643) and a mobile number, both next to a keyword: both block.
const ID = '11010519491231002X';
const MOBILE = '13812345678';
const MASKED_ID = '1101**********002X';
const MASKED_MOBILE = '138****5678';
const BODY = `<p>申请人身份证号：${ID}，联系人手机：${MOBILE}。</p>`;

describeEachDb('personal data found by the content checks is never stored in clear', (get) => {
  let app: FastifyInstance;
  let orgId = 0;
  let orgCode = '';
  let col = 0;
  let author: Actor;
  let reviewer: Actor;
  let admin: Actor;
  const s: Record<string, { cookie: string; csrf: string }> = {};

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-03-10T02:00:00Z');
    app = await buildApp(ctx);
    const org = await createTestOrg(ctx, { code: 'privacy-org', kind: 'zone' });
    orgId = org.id;
    orgCode = org.code;
    const a = await createTestUser(ctx, { grants: [{ orgId, role: 'editor' }] });
    const r = await createTestUser(ctx, { grants: [{ orgId, role: 'reviewer' }] });
    const o = await createTestUser(ctx, { grants: [{ orgId, role: 'org_admin' }] });
    author = actor(a.id, orgId, 'editor');
    reviewer = actor(r.id, orgId, 'reviewer');
    admin = actor(o.id, orgId, 'org_admin');
    s.reviewer = await signIn(app, ctx, r);
    s.admin = await signIn(app, ctx, o);
    col = (await listColumns(ctx, author, orgId)).find((c) => c.code === 'policy')?.id ?? 0;
  });

  function sess(who: string): { cookie: string; csrf: string } {
    const x = s[who];
    if (!x) throw new Error(`no session ${who}`);
    return x;
  }
  const page = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: sess(who).cookie } });

  async function submitted(ctx: AppContext, body: string): Promise<number> {
    const { item } = await createItem(ctx, author, orgId, form(col, { body_html: body }));
    await submitItem(ctx, author, orgId, item.id);
    return item.id;
  }

  /** Every row of every table a finding's text may reach, as one string. */
  async function storedEverywhere(ctx: AppContext): Promise<string> {
    const rows = await Promise.all([
      ctx.db.selectFrom('item_check_clearances').selectAll().execute(),
      ctx.db.selectFrom('content_whitelist').selectAll().execute(),
      ctx.db.selectFrom('monitor_findings').selectAll().execute(),
      ctx.db.selectFrom('monitor_finding_events').selectAll().execute(),
      ctx.db.selectFrom('item_reviews').selectAll().execute(),
      ctx.db.selectFrom('audit_log').selectAll().execute(),
    ]);
    return JSON.stringify(rows);
  }
  const lastAudit = async (ctx: AppContext, action: string) => {
    const row = await ctx.db
      .selectFrom('audit_log')
      .select('diff')
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    return (JSON.parse(row.diff) as { after?: Record<string, unknown> }).after ?? {};
  };

  it('a reviewer clears personal data from the item page without the number being stored or logged', async () => {
    const ctx = get();
    const id = await submitted(ctx, BODY);
    const itemPage = await page('reviewer', `/admin/orgs/${orgCode}/items/${id}`);
    expect(itemPage.statusCode).toBe(200);
    // The page shows the body itself to its staff; the findings panel shows the masked forms.
    const panel = /<section class="content-gate".*?<\/section>/s.exec(itemPage.body)?.[0] ?? '';
    expect(panel).toContain(MASKED_ID);
    expect(panel).toContain(MASKED_MOBILE);
    expect(panel).not.toContain(MOBILE);
    expect(panel).not.toContain(ID);
    // The clearance forms carry the rule and a keyed digest, never the number.
    const rules = [...panel.matchAll(/name="rule" value="([^"]*)"/g)].map((m) => m[1]);
    const texts = [...panel.matchAll(/name="text" value="([^"]*)"/g)].map((m) => m[1]);
    expect(rules).toEqual(['id_card', 'mobile']);
    for (const t of texts) expect(t).toMatch(/^hmac:[0-9a-f]{64}$/);
    const csrf = csrfFrom(itemPage.body);
    for (const [i, rule] of rules.entries()) {
      const res = await postForm(
        app,
        { cookie: sess('reviewer').cookie, csrf },
        `/admin/orgs/${orgCode}/items/${id}/clearances`,
        { rule: rule ?? '', text: texts[i] ?? '', reason: '经本人书面同意公开' },
      );
      expect(res.statusCode).toBe(303);
    }
    // The clearances let the item through the gate.
    expect((await itemGate(ctx, reviewer, orgId, id)).open).toEqual([]);
    expect(
      await reviewItem(ctx, reviewer, orgId, id, { decision: 'approve', comment: null }),
    ).toEqual({ approved: true });
    await publishItem(ctx, reviewer, orgId, id, { mode: 'now', scheduled_at: null });
    expect((await getItem(ctx, author, orgId, id)).status).toBe('published');

    const clearances = await ctx.db
      .selectFrom('item_check_clearances')
      .select(['rule', 'text'])
      .where('item_id', '=', id)
      .orderBy('id')
      .execute();
    expect(clearances.map((c) => c.text.replace(/^hmac:[0-9a-f]{64}\|/, ''))).toEqual([
      MASKED_ID,
      MASKED_MOBILE,
    ]);
    expect(await lastAudit(ctx, 'item.content_clear')).toMatchObject({
      rule: 'mobile',
      text: MASKED_MOBILE,
      digest: expect.stringMatching(/^hmac:[0-9a-f]{64}$/) as unknown,
    });
    const stored = await storedEverywhere(ctx);
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain(MOBILE);
  });

  it('「忽略」 on a rescan finding whitelists the number by digest: the next rescan and the gate skip it', async () => {
    const ctx = get();
    await runMonitorScan(ctx, admin, { orgId });
    const personal = () =>
      ctx.db
        .selectFrom('monitor_findings')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('kind', '=', 'content_personal_data')
        .orderBy('id')
        .execute();
    const found = await personal();
    expect(found.map((f) => JSON.parse(f.detail) as Record<string, unknown>)).toMatchObject([
      { rule: 'id_card', text: MASKED_ID, digest: expect.stringMatching(/^hmac:/) as unknown },
      { rule: 'mobile', text: MASKED_MOBILE, digest: expect.stringMatching(/^hmac:/) as unknown },
    ]);
    const mobile = found.find((f) => f.detail.includes('"mobile"'));
    if (!mobile) throw new Error('no mobile finding');

    // The findings pages show the masked forms.
    const list = await page('admin', `/admin/orgs/${orgCode}/monitoring/findings`);
    expect(list.body).toContain(MASKED_MOBILE);
    const detailUrl = `/admin/orgs/${orgCode}/monitoring/findings/${mobile.id}`;
    const detail = await page('admin', detailUrl);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain(MASKED_MOBILE);
    expect(detail.body).not.toContain(MOBILE);
    expect(detail.body).not.toContain('hmac:');

    const ignored = await postForm(
      app,
      { cookie: sess('admin').cookie, csrf: csrfFrom(detail.body) },
      `${detailUrl}/ignore`,
      { reason: '本单位公开的联系电话' },
    );
    expect(ignored.statusCode).toBe(303);
    const wl = await ctx.db.selectFrom('content_whitelist').selectAll().orderBy('id').execute();
    expect(wl).toMatchObject([
      {
        org_id: orgId,
        rule: 'mobile',
        text: expect.stringMatching(/^hmac:[0-9a-f]{64}\|138\*{4}5678$/) as unknown,
      },
    ]);
    expect(await lastAudit(ctx, 'monitoring.whitelist.add')).toMatchObject({
      rule: 'mobile',
      text: MASKED_MOBILE,
      digest: expect.stringMatching(/^hmac:/) as unknown,
    });
    // An entry written in clear (by hand, or before this change) is shown masked too.
    await ctx.db
      .insertInto('content_whitelist')
      .values({
        org_id: orgId,
        text: '13900001111',
        rule: 'mobile',
        reason: '手工添加',
        created_by: null,
        created_at: '2026-03-10T02:00:00.000Z',
      })
      .execute();
    const wlPage = await page('admin', `/admin/orgs/${orgCode}/monitoring/whitelist`);
    expect(wlPage.body).toContain(MASKED_MOBILE);
    expect(wlPage.body).toContain('139****1111');
    expect(wlPage.body).not.toContain('13900001111');
    expect(wlPage.body).not.toContain('hmac:');

    // The next rescan keeps the ID finding (same row) and does not report the mobile again.
    ctx.now = () => new Date('2026-03-10T03:00:00Z');
    await runMonitorScan(ctx, admin, { orgId });
    const after = await personal();
    expect(after.map((f) => [f.id, f.status])).toEqual([
      [found[0]?.id, 'open'],
      [mobile.id, 'ignored'],
    ]);
    // The gate of a new item with the same number (written with spaces) skips it too.
    const id = await submitted(ctx, '<p>联系人手机：138 1234 5678。</p>');
    expect((await itemGate(ctx, reviewer, orgId, id)).findings).toEqual([]);

    const stored = await storedEverywhere(ctx);
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain(MOBILE);
  });
});
