import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../platform/http/app.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { systemActor } from '../platform/authz.js';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import { createUser, ensureDemoAdmin } from './accounts.service.js';
import { verifyPassword } from './credentials.js';

describeEachDb('user management', (get) => {
  let app: FastifyInstance;
  let orgs: { city: number; child: number; other: number };
  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    const city = await createTestOrg(ctx, { code: 'city', name: '市政府办公室' });
    const child = await createTestOrg(ctx, {
      code: 'city-edu',
      name: '市教育局',
      parentId: city.id,
    });
    const other = await createTestOrg(ctx, { code: 'county', name: '某县政府' });
    orgs = { city: city.id, child: child.id, other: other.id };
  });
  afterAll(async () => {
    await app.close();
  });

  const auditOf = (id: number) =>
    get()
      .db.selectFrom('audit_log')
      .select(['action', 'diff', 'actor_name'])
      .where('target_type', '=', 'user')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute();

  it('lets a platform admin create a user with roles, showing a generated password once', async () => {
    const ctx = get();
    const admin = await createTestUser(ctx, { platformAdmin: true });
    const s = await signIn(app, ctx, admin);
    const form = await app.inject({
      method: 'GET',
      url: '/admin/users/new',
      headers: { cookie: s.cookie },
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${orgs.child}:editor"`);
    const res = await postForm(app, s, '/admin/users/new', {
      username: 'Zhang.San',
      display_name: '张三',
      email: 'zhangsan@example.gov.cn',
      grant: [`${orgs.child}:editor`, `${orgs.child}:reviewer`],
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = /id="one-time-password">([^<]+)</.exec(res.body)?.[1] ?? '';
    const row = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'zhang.san')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, password)).toBe(true);
    const roles = await ctx.db
      .selectFrom('user_roles')
      .select(['org_id', 'role'])
      .where('user_id', '=', row.id)
      .orderBy('role')
      .execute();
    expect(roles).toEqual([
      { org_id: orgs.child, role: 'editor' },
      { org_id: orgs.child, role: 'reviewer' },
    ]);
    const entries = await auditOf(row.id);
    expect(entries[0]?.action).toBe('user.create');
    expect(entries[0]?.actor_name).toBe(admin.username);
    expect(entries[0]?.diff).toContain('[已修改]');
    expect(entries[0]?.diff).not.toContain('argon2');
    expect(entries[0]?.diff).not.toContain(password);
    const list = await app.inject({
      method: 'GET',
      url: '/admin/users',
      headers: { cookie: s.cookie },
    });
    expect(list.body).toContain('zhang.san');
  });

  it('re-renders the form with 400 and each wrong field', async () => {
    const ctx = get();
    const admin = await createTestUser(ctx, { platformAdmin: true });
    const s = await signIn(app, ctx, admin);
    const res = await postForm(app, s, '/admin/users/new', {
      username: '张',
      display_name: ' ',
      email: 'not-an-email',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('ERR_VALIDATION');
    for (const f of ['username', 'display_name', 'email', 'password'])
      expect(res.body).toContain(`href="#f-${f}"`);
    expect(res.body).toContain('value="not-an-email"');
    await createTestUser(ctx, { username: 'taken-name' });
    const dup = await postForm(app, s, '/admin/users/new', {
      username: 'taken-name',
      display_name: '李四',
      password: 'a-good-long-password',
    });
    expect(dup.statusCode).toBe(400);
    expect(errorCode(dup)).toBe('ERR_USERNAME_TAKEN');
  });

  it('lets an org_admin manage users of its own and child orgs only', async () => {
    const ctx = get();
    const orgAdmin = await createTestUser(ctx, {
      grants: [{ orgId: orgs.city, role: 'org_admin' }],
    });
    const s = await signIn(app, ctx, orgAdmin);
    const created = await postForm(app, s, '/admin/users/new', {
      username: 'child-editor',
      display_name: '王五',
      password: 'a-good-long-password',
      grant: `${orgs.child}:editor`,
    });
    expect(created.statusCode).toBe(303);
    const id = Number(/\/admin\/users\/(\d+)/.exec(created.headers.location ?? '')?.[1]);
    const edit = await postForm(app, s, `/admin/users/${id}`, {
      display_name: '王五五',
      grant: [`${orgs.child}:editor`, `${orgs.city}:reviewer`],
    });
    expect(edit.statusCode).toBe(303);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['user.create', 'user.assign_role']);

    const outsider = await createTestUser(ctx, { grants: [{ orgId: orgs.other, role: 'editor' }] });
    const forbidden = await postForm(app, s, `/admin/users/${outsider.id}`, {
      display_name: '改名',
    });
    expect(forbidden.statusCode).toBe(403);
    expect(errorCode(forbidden)).toBe('ERR_FORBIDDEN');
    const view = await app.inject({
      method: 'GET',
      url: `/admin/users/${outsider.id}`,
      headers: { cookie: s.cookie },
    });
    expect(errorCode(view)).toBe('ERR_FORBIDDEN');
    const reset = await postForm(app, s, `/admin/users/${outsider.id}/reset-password`, {});
    expect(errorCode(reset)).toBe('ERR_FORBIDDEN');
    const grantOther = await postForm(app, s, `/admin/users/${id}`, {
      display_name: '王五',
      grant: `${orgs.other}:editor`,
    });
    expect(errorCode(grantOther)).toBe('ERR_FORBIDDEN');
    const makeAdmin = await postForm(app, s, `/admin/users/${id}`, {
      display_name: '王五',
      platform_admin: 'on',
      grant: `${orgs.child}:editor`,
    });
    expect(errorCode(makeAdmin)).toBe('ERR_FORBIDDEN');
    const list = await app.inject({
      method: 'GET',
      url: '/admin/users',
      headers: { cookie: s.cookie },
    });
    expect(list.body).toContain('child-editor');
    expect(list.body).not.toContain(outsider.username);
    const name = await ctx.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', outsider.id)
      .executeTakeFirstOrThrow();
    expect(name.display_name).toBe(outsider.username);
  });

  it('forbids user management to staff without an admin role', async () => {
    const ctx = get();
    const editor = await createTestUser(ctx, { grants: [{ orgId: orgs.city, role: 'editor' }] });
    const s = await signIn(app, ctx, editor);
    for (const url of ['/admin/users', '/admin/users/new']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(403);
      expect(errorCode(res)).toBe('ERR_FORBIDDEN');
    }
    const res = await postForm(app, s, '/admin/users/new', {
      username: 'sneaky',
      display_name: 'x',
      grant: `${orgs.city}:editor`,
    });
    expect(errorCode(res)).toBe('ERR_FORBIDDEN');
  });

  it('disables a user, ending its sessions, and resets a password, unlocking it', async () => {
    const ctx = get();
    const admin = await createTestUser(ctx, { platformAdmin: true });
    const s = await signIn(app, ctx, admin);
    const target = await createTestUser(ctx, { grants: [{ orgId: orgs.child, role: 'editor' }] });
    const t = await signIn(app, ctx, target);
    const off = await postForm(app, s, `/admin/users/${target.id}`, {
      display_name: 'x',
      disabled: 'on',
      grant: `${orgs.child}:editor`,
    });
    expect(off.statusCode).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: t.cookie } }))
        .statusCode,
    ).toBe(303);
    await ctx.db
      .updateTable('users')
      .set({ disabled: 0, locked_until: '2999-01-01T00:00:00.000Z' })
      .where('id', '=', target.id)
      .execute();
    const reset = await postForm(app, s, `/admin/users/${target.id}/reset-password`, {});
    expect(reset.statusCode).toBe(200);
    const password = /id="one-time-password">([^<]+)</.exec(reset.body)?.[1] ?? '';
    const again = await signIn(app, ctx, { ...target, password });
    expect(
      (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: again.cookie } }))
        .statusCode,
    ).toBe(200);
    const actions = (await auditOf(target.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.update', 'user.reset_password']));
    const self = await postForm(app, s, `/admin/users/${admin.id}`, {
      display_name: 'me',
      disabled: 'on',
    });
    expect(self.statusCode).toBe(400);
    expect(errorCode(self)).toBe('ERR_SELF_LOCKOUT');
  });

  it('answers 404 for an unknown user id', async () => {
    const ctx = get();
    const admin = await createTestUser(ctx, { platformAdmin: true });
    const s = await signIn(app, ctx, admin);
    for (const url of ['/admin/users/999999', '/admin/users/abc']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(404);
    }
  });

  it('creates the demo admin once, allowed to defer TOTP', async () => {
    const ctx = get();
    const password = await ensureDemoAdmin(ctx);
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(await ensureDemoAdmin(ctx)).toBeNull();
    const row = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.is_platform_admin).toBe(1);
    expect(row.totp_may_defer).toBe(1);
    expect(await verifyPassword(row.password_hash, password ?? '')).toBe(true);
  });

  it('refuses a grant in an org that does not exist', async () => {
    const ctx = get();
    await expect(
      createUser(ctx, systemActor(), {
        username: 'ghost',
        display_name: 'x',
        email: null,
        platform_admin: false,
        grant: [{ orgId: 987654, role: 'editor' }],
      }),
    ).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
  });
});
