import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser, signIn } from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';

const validForm = {
  name: '温州高新区(经开区)管委会',
  code: 'gx-zone',
  kind: 'zone',
  parent: '',
  uscc: '11441700007280420Y',
  site_id_code: '3303000044',
  contact_office: '管委会办公室',
  contact_address: '温州市瓯海区',
  contact_hours: '工作日 8:30-17:30',
  contact_phone: '0577-88888888',
  contact_fax: '',
  contact_email: 'gk@example.gov.cn',
  contact_postcode: '325000',
  tpl_prefix: 'uscc',
  tpl_prefix_text: '',
  tpl_separator: '/',
  tpl_period: 'year-month',
  tpl_segment_separator: '-',
  tpl_category: 'none',
  tpl_serial_width: '5',
  tpl_reset: 'monthly',
};

describeEachDb('orgs admin pages', (get) => {
  let app: FastifyInstance;
  let admin: { cookie: string; csrf: string };
  let orgAdmin: { cookie: string; csrf: string };

  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    admin = await signIn(app, ctx, await createTestUser(ctx, { platformAdmin: true }));
    const dept = await createTestOrg(ctx, { code: 'dept', name: '某局' });
    await createTestOrg(ctx, { code: 'dept-sub', name: '某局下属中心', parentId: dept.id });
    await createTestOrg(ctx, { code: 'unrelated', name: '无关单位' });
    orgAdmin = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: dept.id, role: 'org_admin' }] }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, who: { cookie: string; csrf: string }, form: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: who.csrf, ...form }).toString(),
    });
  const page = (url: string, who: { cookie: string }) =>
    app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/orgs' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/admin/login');
  });

  it('shows the form with a CSRF token and an index number example', async () => {
    const res = await page('/admin/orgs/new', admin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="_csrf"');
    expect(res.body).toContain('索引号示例');
  });

  it('re-renders the form with 400, an error summary and field errors', async () => {
    const res = await post('/admin/orgs/new', admin, {
      ...validForm,
      name: '',
      code: 'admin',
      uscc: '123',
      contact_postcode: '32',
      tpl_serial_width: '0',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('error-summary');
    for (const field of ['name', 'code', 'uscc', 'contact_postcode', 'tpl_serial_width']) {
      expect(res.body).toContain(`id="f-${field}-error"`);
    }
    expect(res.body).toContain('value="32"');
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/orgs/new',
      headers: {
        cookie: admin.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      payload: new URLSearchParams(validForm).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'ERR_CSRF' } });
  });

  it('creates an org, redirects to it and audits the creation', async () => {
    const res = await post('/admin/orgs/new', admin, validForm);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/orgs/gx-zone?saved=1');
    const view = await page('/admin/orgs/gx-zone?saved=1', admin);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('已保存');
    expect(view.body).toMatch(/11441700007280420Y\/\d{6}-00001/);
    const entry = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.create')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.diff)).toMatchObject({
      after: { code: 'gx-zone', name: validForm.name },
    });
  });

  it('refuses a parent that would make a cycle, on the form', async () => {
    await post('/admin/orgs/new', admin, {
      ...validForm,
      code: 'gx-child',
      parent: 'gx-zone',
      uscc: '',
      tpl_prefix: 'code',
    });
    const res = await post('/admin/orgs/gx-zone/edit', admin, { ...validForm, parent: 'gx-child' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-parent-error"');
  });

  it('lists orgs as a tree', async () => {
    const res = await page('/admin/orgs', admin);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/admin/orgs/gx-child"');
  });

  it('lets an org admin edit a child org but not an unrelated one', async () => {
    const form = {
      ...validForm,
      code: 'dept-sub',
      name: '某局信息中心',
      parent: 'dept',
      uscc: '',
      tpl_prefix: 'code',
      tpl_period: 'year',
      tpl_reset: 'yearly',
    };
    const ok = await post('/admin/orgs/dept-sub/edit', orgAdmin, form);
    expect(ok.statusCode).toBe(303);
    const list = await page('/admin/orgs', orgAdmin);
    expect(list.body).toContain('某局信息中心');
    expect(list.body).not.toContain('无关单位');
    const denied = await app.inject({
      method: 'GET',
      url: '/admin/orgs/unrelated/edit',
      headers: { cookie: orgAdmin.cookie, accept: 'application/json' },
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error: { code: 'ERR_ORG_FORBIDDEN' } });
  });

  it('answers 404 for an unknown org', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/admin/orgs/nope',
      headers: { cookie: admin.cookie, accept: 'application/json' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'ERR_ORG_NOT_FOUND' } });
  });
});
