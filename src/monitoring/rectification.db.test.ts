import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import { addDays } from '../calendar/calendar.model.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { chinaDate } from '../platform/time.js';
import { insertColumn, insertFinding } from './rectification.test-support.js';

type Session = { cookie: string; csrf: string };

describeEachDb('rectification (整改) pages and actions', (get) => {
  let app: FastifyInstance;
  let admin: Session;
  let editor: Session;
  let other: Session;
  let supervisor: Session;
  let outsider: Session;
  let editorId: number;
  let otherId: number;
  let outsiderId: number;
  let bureau: { id: number; code: string };
  let columnId: number;
  let today: string;
  const page = (s: Session, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const base = '/admin/orgs/rb/monitoring/findings';
  const finding = (id: number) =>
    get()
      .db.selectFrom('monitor_findings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const events = async (id: number) =>
    (
      await get()
        .db.selectFrom('monitor_finding_events')
        .select('action')
        .where('finding_id', '=', id)
        .orderBy('id')
        .execute()
    ).map((e) => e.action);
  const audits = async (id: number) =>
    (
      await get()
        .db.selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'monitor_finding')
        .where('target_id', '=', String(id))
        .execute()
    ).map((a) => a.action);

  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    today = chinaDate(ctx.now());
    const city = await createTestOrg(ctx, { code: 'rcity', kind: 'government' });
    bureau = await createTestOrg(ctx, { code: 'rb', parentId: city.id });
    const elsewhere = await createTestOrg(ctx, { code: 'rx' });
    columnId = await insertColumn(ctx, bureau.id, 'news', '工作动态');
    const mk = async (
      grants: Array<{ orgId: number; role: 'org_admin' | 'editor' | 'supervisor' }>,
    ) => {
      const u = await createTestUser(ctx, { grants });
      return { id: u.id, session: await signIn(app, ctx, u) };
    };
    admin = (await mk([{ orgId: bureau.id, role: 'org_admin' }])).session;
    const e = await mk([{ orgId: bureau.id, role: 'editor' }]);
    editor = e.session;
    editorId = e.id;
    const o = await mk([{ orgId: bureau.id, role: 'editor' }]);
    other = o.session;
    otherId = o.id;
    supervisor = (await mk([{ orgId: city.id, role: 'supervisor' }])).session;
    const x = await mk([{ orgId: elsewhere.id, role: 'org_admin' }]);
    outsider = x.session;
    outsiderId = x.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the findings with filters by kind, status, severity, overdue, assignee and column', async () => {
    const ctx = get();
    const a = await insertFinding(ctx, bureau.id, { kind: 'broken_link', title: '甲链接失效' });
    const b = await insertFinding(ctx, bureau.id, {
      kind: 'stale_column',
      subjectType: 'column',
      severity: 'veto',
      columnId,
      title: '乙栏目不更新',
      assigneeId: editorId,
      dueOn: addDays(today, -1),
    });
    const c = await insertFinding(ctx, bureau.id, {
      kind: 'content_typo',
      status: 'closed',
      title: '丙错别字',
    });
    const all = await page(admin, base);
    expect(all.statusCode).toBe(200);
    for (const t of ['甲链接失效', '乙栏目不更新', '丙错别字']) expect(all.body).toContain(t);
    const has = async (q: string) => {
      const body = (await page(admin, `${base}?${q}`)).body;
      return [a, b, c].filter((id) => body.includes(`data-finding="${id}"`));
    };
    expect(await has('kind=stale_column')).toEqual([b]);
    expect(await has('status=closed')).toEqual([c]);
    expect(await has('severity=veto')).toEqual([b]);
    expect(await has('overdue=1')).toEqual([b]);
    expect(await has(`assignee=${editorId}`)).toEqual([b]);
    expect(await has('assignee=none')).toEqual([a, c]);
    expect(await has(`column=${columnId}`)).toEqual([b]);
    expect(all.body).toContain('已逾期');
  });

  it('refuses unknown filter values with 400, never a 500', async () => {
    for (const q of ['kind=nonsense', 'status=x', 'page=0', 'assignee=bob', 'column=abc']) {
      const res = await page(admin, `${base}?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(errorCode(res)).toBe('ERR_VALIDATION');
    }
  });

  it('lets a supervisor of the parent org see, and nobody outside', async () => {
    const id = await insertFinding(get(), bureau.id);
    expect((await page(supervisor, base)).statusCode).toBe(200);
    expect((await page(supervisor, `${base}/${id}`)).statusCode).toBe(200);
    const res = await page(outsider, base);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('ERR_MONITORING_FORBIDDEN');
    expect(errorCode(await page(admin, `${base}/999999`))).toBe('ERR_FINDING_NOT_FOUND');
    expect(errorCode(await page(admin, '/admin/orgs/nope/monitoring/findings'))).toBe(
      'ERR_ORG_NOT_FOUND',
    );
  });

  it('shows the facts readably and the history', async () => {
    const id = await insertFinding(get(), bureau.id, {
      detail: {
        url: 'https://example.gov.cn/a',
        page: 'https://example.gov.cn/',
        status: 404,
        onHome: true,
      },
    });
    const html = (await page(admin, `${base}/${id}`)).body;
    expect(html).toContain('所在页面');
    expect(html).toContain('https://example.gov.cn/a');
    expect(html).toContain('位于首页');
    expect(html).toContain('监测发现');
  });

  it('assigns to a user of the org with a due date (org_admin only), audited', async () => {
    const id = await insertFinding(get(), bureau.id);
    const due = addDays(today, 5);
    const refused = await postForm(app, editor, `${base}/${id}/assign`, {
      assignee_id: String(editorId),
      due_on: due,
    });
    expect(refused.statusCode).toBe(403);
    expect((await finding(id)).assignee_id).toBeNull();
    const res = await postForm(app, admin, `${base}/${id}/assign`, {
      assignee_id: String(editorId),
      due_on: due,
    });
    expect(res.statusCode).toBe(303);
    const row = await finding(id);
    expect(row.assignee_id).toBe(editorId);
    expect(row.due_on).toBe(due);
    expect(await events(id)).toEqual(['detected', 'assigned']);
    expect(await audits(id)).toEqual(['monitoring.finding.assign']);
  });

  it.each([
    [
      'someone outside the org',
      () => ({ assignee_id: String(outsiderId), due_on: '2099-01-01' }),
      'ERR_ASSIGNEE_NOT_IN_ORG',
    ],
    [
      'a past due date',
      () => ({ assignee_id: String(editorId), due_on: '2020-01-01' }),
      'ERR_VALIDATION',
    ],
    [
      'an impossible date',
      () => ({ assignee_id: String(editorId), due_on: '2026-02-30' }),
      'ERR_VALIDATION',
    ],
    ['no assignee', () => ({ assignee_id: '', due_on: '2099-01-01' }), 'ERR_VALIDATION'],
  ])('refuses assigning to %s with 400 and stores nothing', async (_, form, code) => {
    const id = await insertFinding(get(), bureau.id);
    const res = await postForm(app, admin, `${base}/${id}/assign`, form());
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe(code);
    expect((await finding(id)).assignee_id).toBeNull();
    expect(await events(id)).toEqual(['detected']);
    expect(await audits(id)).toEqual([]);
  });

  it('mark fixed → re-check still sees the problem → reopened (recheck_failed), shown to the user', async () => {
    const ctx = get();
    await ctx.db
      .updateTable('orgs')
      .set({ guide_confirmed_on: null })
      .where('id', '=', bureau.id)
      .execute();
    const id = await insertFinding(ctx, bureau.id, {
      kind: 'guide_unconfirmed',
      subjectType: 'org',
      subjectId: String(bureau.id),
      assigneeId: editorId,
      dueOn: addDays(today, 3),
    });
    const notMine = await postForm(app, other, `${base}/${id}/fix`, {});
    expect(notMine.statusCode).toBe(403);
    expect((await finding(id)).status).toBe('open');
    const res = await postForm(app, editor, `${base}/${id}/fix`, { fix_note: '已更新指南' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('done=reopened');
    expect((await finding(id)).status).toBe('open');
    expect(await events(id)).toEqual(['detected', 'marked_fixed', 'recheck_failed']);
    const html = (await page(editor, String(res.headers.location))).body;
    expect(html).toContain('复核仍发现该问题');
    expect(await audits(id)).toContain('monitoring.finding.mark_fixed');
  });

  it('mark fixed → re-check passes → closed (recheck_passed)', async () => {
    const ctx = get();
    await ctx.db
      .updateTable('orgs')
      .set({ guide_confirmed_on: today })
      .where('id', '=', bureau.id)
      .execute();
    const [row] = await ctx.db
      .selectFrom('monitor_findings')
      .select('id')
      .where('kind', '=', 'guide_unconfirmed')
      .where('org_id', '=', bureau.id)
      .execute();
    const id = row?.id ?? 0;
    const res = await postForm(app, admin, `${base}/${id}/fix`, {});
    expect(res.headers.location).toContain('done=closed');
    const f = await finding(id);
    expect(f.status).toBe('closed');
    expect(f.closed_at).not.toBeNull();
    expect((await events(id)).slice(-2)).toEqual(['marked_fixed', 'recheck_passed']);
    // A closed task cannot be marked fixed again.
    const again = await postForm(app, admin, `${base}/${id}/fix`, {});
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('ERR_FINDING_STATE');
  });

  it('keeps the task fixed (re-check pending) when the monitor cannot judge it now', async () => {
    const id = await insertFinding(get(), bureau.id, {
      kind: 'not_a_monitor' as 'broken_link',
    });
    const res = await postForm(app, admin, `${base}/${id}/fix`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('done=pending');
    expect((await finding(id)).status).toBe('fixed');
    expect(await events(id)).toEqual(['detected', 'marked_fixed']);
  });

  it('ignores a false positive only with a reason, org_admin only', async () => {
    const id = await insertFinding(get(), bureau.id, {
      kind: 'content_typo',
      subjectType: 'item',
      detail: { text: '按装', rule: 'typo.confusion' },
    });
    const empty = await postForm(app, admin, `${base}/${id}/ignore`, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect((await finding(id)).status).toBe('open');
    expect(
      (await postForm(app, editor, `${base}/${id}/ignore`, { reason: '专有名词' })).statusCode,
    ).toBe(403);
    const res = await postForm(app, admin, `${base}/${id}/ignore`, { reason: '专有名词' });
    expect(res.statusCode).toBe(303);
    expect((await finding(id)).status).toBe('ignored');
    const note = await get()
      .db.selectFrom('monitor_finding_events')
      .select('note')
      .where('finding_id', '=', id)
      .where('action', '=', 'ignored')
      .executeTakeFirstOrThrow();
    expect(note.note).toContain('按装');
    expect(await audits(id)).toEqual(['monitoring.finding.ignore']);
  });

  it('comments, with a required text', async () => {
    const id = await insertFinding(get(), bureau.id);
    expect((await postForm(app, editor, `${base}/${id}/comment`, { comment: '' })).statusCode).toBe(
      400,
    );
    expect(
      (await postForm(app, editor, `${base}/${id}/comment`, { comment: '正在联系技术公司' }))
        .statusCode,
    ).toBe(303);
    expect(await events(id)).toEqual(['detected', 'comment']);
    expect((await page(admin, `${base}/${id}`)).body).toContain('正在联系技术公司');
  });

  it('refuses a POST without the CSRF token', async () => {
    const id = await insertFinding(get(), bureau.id);
    const res = await postForm(app, admin, `${base}/${id}/comment`, { _csrf: 'bad', comment: 'x' });
    expect(res.statusCode).toBe(403);
    expect(await events(id)).toEqual(['detected']);
  });

  it('lists 我的整改任务 across orgs and counts them on the dashboard', async () => {
    const res = await page(editor, '/admin/tasks');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('我的整改任务');
    expect(res.body).toContain('乙栏目不更新');
    expect(res.body).not.toContain('甲链接失效');
    const dash = await page(editor, '/admin');
    expect(dash.body).toMatch(/我的整改任务[^<]*<\/a>[^0-9]*\d+/);
    const none = await page(other, '/admin/tasks');
    expect(none.body).toContain('没有符合条件的问题');
    expect(otherId).toBeGreaterThan(0);
  });
});
