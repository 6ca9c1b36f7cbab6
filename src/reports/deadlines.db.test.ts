import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser, signIn } from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { dueReportYear } from './deadlines.service.js';

it.each([
  // 条例第四十九条: the report of year Y is due 1月31日 (governments 3月31日) of Y+1.
  ['2026-01-05', 2025],
  ['2026-11-28', 2025],
  ['2027-01-01', 2026],
])('on %s the report due is the one for %i', (today, year) => {
  expect(dueReportYear(today)).toBe(year);
});

describeEachDb('annual report countdown on the back-office home', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-01-20T02:00:00Z');
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows days left to 1月31日 for a department and 3月31日 for a government', async () => {
    const ctx = get();
    const dept = await createTestOrg(ctx, {
      code: 'cd-dept',
      name: '某区教育局',
      kind: 'department',
    });
    const gov = await createTestOrg(ctx, {
      code: 'cd-gov',
      name: '某区人民政府',
      kind: 'government',
    });
    const u = await createTestUser(ctx, {
      grants: [
        { orgId: dept.id, role: 'org_admin' },
        { orgId: gov.id, role: 'org_admin' },
      ],
    });
    const s = await signIn(app, ctx, u);
    const page = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('年度报告公布期限');
    expect(page.body).toContain('某区教育局 2025 年度报告');
    expect(page.body).toContain('距公布期限还有 11 天（2026-01-31）');
    expect(page.body).toContain('距公布期限还有 70 天（2026-03-31）');
    expect(page.body).toContain('href="/admin/orgs/cd-dept/reports/2025"');
  });

  it('marks an unpublished report past its deadline, and shows nothing to an editor', async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-02-03T02:00:00Z');
    const org = await createTestOrg(ctx, {
      code: 'cd-late',
      name: '某区卫健局',
      kind: 'department',
    });
    const admin = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'org_admin' }] });
    const editor = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'editor' }] });
    const a = await signIn(app, ctx, admin);
    const late = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: a.cookie } });
    expect(late.body).toContain('已超过公布期限 3 天（2026-01-31），状态：未开始');
    const e = await signIn(app, ctx, editor);
    const page = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: e.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('年度报告公布期限');
  });
});
