import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser, signIn } from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describeEachDb('calendar pages (REGULATIONS §6)', (get) => {
  let app: FastifyInstance;
  let admin: { cookie: string; csrf: string };
  let clerk: { cookie: string; csrf: string };
  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    const org = await createTestOrg(ctx, { code: 'calorg' });
    admin = await signIn(app, ctx, await createTestUser(ctx, { platformAdmin: true }));
    clerk = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'case_worker' }] }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const page = (url: string, who: { cookie: string }) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const post = (
    url: string,
    who: { cookie: string; csrf: string },
    form: Record<string, string>,
    json = false,
  ) =>
    app.inject({
      method: 'POST',
      url,
      headers: { ...FORM, cookie: who.cookie, ...(json ? { accept: 'application/json' } : {}) },
      payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString(),
    });

  it('sends a visitor who is not signed in to the login page', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/calendar?year=2025' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/admin\/login/);
  });

  it('shows any staff member the 2025 arrangement as a table and an accessible month grid', async () => {
    const res = await page('/admin/calendar?year=2025', clerk);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>2025年放假日和调休上班日</caption>');
    expect(res.body).toContain('<caption>2025年10月</caption>');
    expect(res.body).toContain('scope="col"');
    expect(res.body).toMatch(
      /<th scope="row">2025-10-11<\/th><td>周六<\/td><td>国庆节、中秋节<\/td><td>班（调休上班）<\/td>/,
    );
    expect(res.body).toContain('content_6986383.htm');
    expect(res.body).toContain('内置数据');
    expect(res.body).not.toContain('/admin/calendar/2025/edit');
  });

  it('marks a year without data (2027) as provisional', async () => {
    const res = await page('/admin/calendar?year=2027', admin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2027年尚无官方放假安排');
    expect(res.body).toContain('/admin/calendar/2027/edit');
  });

  it('explains the calculator result (2025-09-26 + 20 → 2025-10-30) and refuses a bad date with 400', async () => {
    const ok = await page('/admin/calendar/calc?from=2025-09-26&n=20', clerk);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('2025年10月30日');
    expect(ok.body).toContain('国庆节、中秋节 10月1日至8日不计');
    const bad = await page('/admin/calendar/calc?from=2025-02-30&n=x', clerk);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('error-summary');
    expect(bad.body).toContain('href="#f-from"');
    expect(bad.body).toContain('href="#f-n"');
  });

  it('forbids a non-admin to open or submit the edit form (ERR_FORBIDDEN)', async () => {
    const form = await page('/admin/calendar/2027/edit', clerk);
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('ERR_FORBIDDEN');
    const res = await post(
      '/admin/calendar/2027/edit',
      clerk,
      { source: '通知', days: '2027-01-01 休 元旦' },
      true,
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'ERR_FORBIDDEN' } });
  });

  it('re-renders the form with 400 and errors naming the line', async () => {
    const res = await post('/admin/calendar/2027/edit', admin, {
      source: '',
      days: '2027-01-01 休 元旦\n2027-02-08 班 春节\n2027-02-30 休 春节\nnonsense',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('href="#f-source"');
    expect(res.body).toContain('href="#f-days"');
    expect(res.body).toContain('第2行');
    expect(res.body).toContain('第3行');
    expect(res.body).toContain('第4行');
    expect(res.body).toContain('aria-describedby="f-days-hint f-days-error"');
    expect(res.body).toContain('2027-02-08 班 春节'); // the submitted text is kept
  });

  it('refuses a post without a CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/calendar/2027/edit',
      headers: { ...FORM, cookie: admin.cookie, accept: 'application/json' },
      payload: 'source=x&days=2027-01-01%20%E4%BC%91%20%E5%85%83%E6%97%A6',
    });
    expect(res.statusCode).toBe(403);
  });

  it('saves a valid year, redirects (PRG), audits it, and can undo the override', async () => {
    const ctx = get();
    const res = await post('/admin/calendar/2027/edit', admin, {
      source: '国务院办公厅关于2027年部分节假日安排的通知',
      note: '测试录入',
      days: '# 元旦\n2027-01-01 休 元旦\n\n2027-02-06 休 春节\n2027-02-07 休 春节\n2027-02-20 班 春节',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/calendar?year=2027&saved=set');
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar.year_set')
      .where('target_id', '=', '2027')
      .executeTakeFirst();
    expect(entry?.actor_id).not.toBeNull();
    const shown = await page('/admin/calendar?year=2027&saved=set', admin);
    expect(shown.body).toContain('已保存2027年的放假和调休安排');
    expect(shown.body).toContain('管理员录入');
    expect(shown.body).not.toContain('2027年尚无官方放假安排');
    const edit = await page('/admin/calendar/2027/edit', admin);
    expect(edit.body).toContain('2027-02-20 班 春节');

    const removed = await post('/admin/calendar/2027/remove', admin, {});
    expect(removed.statusCode).toBe(303);
    expect((await page('/admin/calendar?year=2027', admin)).body).toContain(
      '2027年尚无官方放假安排',
    );
  });
});
