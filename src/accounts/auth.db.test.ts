import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../platform/context.js';
import { buildApp } from '../platform/http/app.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import {
  cookieHeader,
  createTestUser,
  csrfFrom,
  errorCode,
  postForm,
  signIn,
  storeCookies,
  type CookieJar,
} from '../../test/factories.js';
import { totpCode } from './credentials.js';

/** A browser: its own cookie jar and IP address. */
function browser(
  app: FastifyInstance,
  ip = `10.9.${crypto.randomInt(256)}.${1 + crypto.randomInt(250)}`,
) {
  const jar: CookieJar = new Map();
  const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const res = await app.inject({
      method,
      url,
      remoteAddress: ip,
      headers: {
        cookie: cookieHeader(jar),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    storeCookies(jar, res);
    return res;
  };
  return {
    jar,
    get: (url: string) => send('GET', url),
    post: (url: string, form: Record<string, string>) => send('POST', url, form),
    /** GETs `formUrl` for a CSRF token, then posts the form to `url`. */
    async submit(formUrl: string, url: string, form: Record<string, string>) {
      const page = await send('GET', formUrl);
      return send('POST', url, { _csrf: csrfFrom(page.body), ...form });
    },
    login(username: string, password: string, next?: string) {
      return this.submit('/admin/login', '/admin/login', {
        username,
        password,
        ...(next ? { next } : {}),
      });
    },
  };
}

describeEachDb('sign-in and sessions', (get) => {
  let app: FastifyInstance;
  let realNow: () => Date;
  beforeAll(async () => {
    app = await buildApp(get());
    realNow = get().now;
  });
  afterEach(() => {
    get().now = realNow;
  });
  afterAll(async () => {
    await app.close();
  });
  const at = (ctx: AppContext, ms: number) => {
    const t = new Date(Date.now() + ms);
    ctx.now = () => t;
  };

  it('signs in with password and TOTP, rotating the session id', async () => {
    const ctx = get();
    const user = await createTestUser(ctx, { platformAdmin: true });
    const b = browser(app);
    const first = await b.login(user.username, user.password);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/admin/login/2fa');
    const pending = b.jar.get('gk_session');
    expect((await b.get('/admin')).statusCode).toBe(303);
    const done = await b.submit('/admin/login/2fa', '/admin/login/2fa', {
      code: await totpCode(user.totpSecret ?? '', ctx.now()),
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin');
    expect(b.jar.get('gk_session')).not.toBe(pending);
    const home = await b.get('/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('平台管理员');
    const cookie = first.cookies.find((c) => c.name === 'gk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    // The old, pending token is dead.
    const old = await app.inject({
      method: 'GET',
      url: '/admin',
      headers: { cookie: `gk_session=${pending}` },
    });
    expect(old.statusCode).toBe(303);
  });

  it('refuses a wrong TOTP code', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const b = browser(app);
    await b.login(user.username, user.password);
    const right = await totpCode(user.totpSecret ?? '', ctx.now());
    const wrongCode = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    const res = await b.submit('/admin/login/2fa', '/admin/login/2fa', { code: wrongCode });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('ERR_CODE_INVALID');
    expect((await b.get('/admin')).statusCode).toBe(303);
  });

  it('accepts a TOTP code once: the same code cannot sign in again (ASVS 2.8.4)', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const code = await totpCode(user.totpSecret ?? '', ctx.now());
    const b = browser(app);
    await b.login(user.username, user.password);
    const ok = await b.submit('/admin/login/2fa', '/admin/login/2fa', { code });
    expect(ok.statusCode).toBe(303);
    const replay = browser(app);
    await replay.login(user.username, user.password);
    const again = await replay.submit('/admin/login/2fa', '/admin/login/2fa', { code });
    expect(again.statusCode).toBe(400);
    expect(errorCode(again)).toBe('ERR_CODE_INVALID');
    expect((await replay.get('/admin')).statusCode).toBe(303);
  });

  it('accepts a recovery code once only', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const s = await signIn(app, ctx, user);
    const page = await postForm(app, s, '/admin/account/recovery-codes', {});
    expect(page.statusCode).toBe(200);
    const codes = [...page.body.matchAll(/<code>([a-z0-9]{5}-[a-z0-9]{5})<\/code>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(codes).toHaveLength(10);
    const b = browser(app);
    await b.login(user.username, user.password);
    const ok = await b.submit('/admin/login/2fa', '/admin/login/2fa', {
      code: (codes[0] ?? '').toUpperCase(),
    });
    expect(ok.statusCode).toBe(303);
    const again = browser(app);
    await again.login(user.username, user.password);
    const reused = await again.submit('/admin/login/2fa', '/admin/login/2fa', {
      code: codes[0] ?? '',
    });
    expect(reused.statusCode).toBe(400);
    expect(errorCode(reused)).toBe('ERR_CODE_INVALID');
  });

  it('enrols TOTP on first sign-in and shows ten recovery codes once', async () => {
    const ctx = get();
    const user = await createTestUser(ctx, { totp: false });
    const b = browser(app);
    const first = await b.login(user.username, user.password);
    expect(first.headers.location).toBe('/admin/enrol-2fa');
    expect((await b.get('/admin')).statusCode).toBe(303);
    const page = await b.get('/admin/enrol-2fa');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="双因素认证二维码/);
    expect(page.body).not.toContain('/admin/enrol-2fa/defer');
    const secret = (/id="totp-secret">([A-Z2-7 ]+)</.exec(page.body)?.[1] ?? '').replace(/ /g, '');
    const wrong = await b.post('/admin/enrol-2fa', { _csrf: csrfFrom(page.body), code: 'abc' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#f-code"');
    const done = await b.post('/admin/enrol-2fa', {
      _csrf: csrfFrom(page.body),
      code: await totpCode(secret, ctx.now()),
    });
    expect(done.statusCode).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');
    expect([...done.body.matchAll(/<code>[a-z0-9]{5}-[a-z0-9]{5}<\/code>/g)]).toHaveLength(10);
    expect((await b.get('/admin')).statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('users')
      .select(['totp_enabled', 'totp_secret'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled).toBe(1);
    expect(row.totp_secret?.startsWith('v1:')).toBe(true);
    expect(row.totp_secret).not.toContain(secret);
    const codes = await ctx.db
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(codes).toHaveLength(10);
  });

  it('lets only a deferring user skip enrolment, with a warning on every admin page', async () => {
    const ctx = get();
    const user = await createTestUser(ctx, { totp: false, mayDefer: true, platformAdmin: true });
    const b = browser(app);
    await b.login(user.username, user.password);
    const res = await b.submit('/admin/enrol-2fa', '/admin/enrol-2fa/defer', {});
    expect(res.statusCode).toBe(303);
    for (const url of ['/admin', '/admin/users', '/admin/account']) {
      const page = await b.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body.match(/id="totp-warning"/g)).toHaveLength(1);
    }
    const other = await createTestUser(ctx, { totp: false });
    const o = browser(app);
    await o.login(other.username, other.password);
    const refused = await o.submit('/admin/enrol-2fa', '/admin/enrol-2fa/defer', {});
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('ERR_FORBIDDEN');
  });

  it('locks the account after N failures and unlocks after the lock time', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const b = browser(app);
    for (let i = 0; i < ctx.config.loginMaxFailures - 1; i++) {
      const res = await b.login(user.username, 'wrong password!');
      expect(errorCode(res)).toBe('ERR_LOGIN_FAILED');
    }
    const last = await b.login(user.username, 'wrong password!');
    expect(errorCode(last)).toBe('ERR_ACCOUNT_LOCKED');
    const locked = await b.login(user.username, user.password);
    expect(locked.statusCode).toBe(400);
    expect(errorCode(locked)).toBe('ERR_ACCOUNT_LOCKED');
    at(ctx, (ctx.config.loginLockMinutes + 1) * 60_000);
    const s = await signIn(app, ctx, user);
    expect(
      (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } }))
        .statusCode,
    ).toBe(200);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(user.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('user.locked');
  });

  it('gives the same answer for an unknown user and a wrong password, and records attempts', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const unknown = await browser(app).login('nobody-here', 'whatever123');
    const wrong = await browser(app).login(user.username, 'whatever123');
    expect(errorCode(unknown)).toBe('ERR_LOGIN_FAILED');
    expect(errorCode(wrong)).toBe('ERR_LOGIN_FAILED');
    const msg = (body: string) => /notice--warning[^>]*>([^<]+)</.exec(body)?.[1];
    expect(msg(unknown.body)).toBe(msg(wrong.body));
    const attempts = await ctx.db
      .selectFrom('login_attempts')
      .select(['username', 'success'])
      .where('username', 'in', ['nobody-here', user.username])
      .execute();
    expect(attempts).toHaveLength(2);
  });

  it('rejects a form post without a CSRF token', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const s = await signIn(app, ctx, user);
    const res = await postForm(app, s, '/admin/logout', { _csrf: '' });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('ERR_CSRF');
    const login = await app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: { username: 'a', password: 'b' },
    });
    expect(login.statusCode).toBe(403);
    expect(errorCode(login)).toBe('ERR_CSRF');
  });

  it('signs out, and signs out everywhere', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const a = await signIn(app, ctx, user);
    const b = await signIn(app, ctx, user);
    const c = await signIn(app, ctx, user);
    const out = await postForm(app, a, '/admin/logout', {});
    expect(out.statusCode).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: a.cookie } }))
        .statusCode,
    ).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: c.cookie } }))
        .statusCode,
    ).toBe(200);
    const all = await postForm(app, b, '/admin/account/sign-out-everywhere', {});
    expect(all.statusCode).toBe(303);
    for (const s of [b, c]) {
      expect(
        (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } }))
          .statusCode,
      ).toBe(303);
    }
    const left = await ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(left).toHaveLength(0);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(user.id))
      .execute();
    expect(audit.map((x) => x.action)).toContain('session.sign_out_all');
  });

  it('ends a session after its idle time', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const s = await signIn(app, ctx, user);
    at(ctx, (ctx.config.sessionHours + 1) * 3600_000);
    const res = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin');
  });

  it('follows only same-site next paths', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    for (const [next, expected] of [
      ['/admin/users', '/admin/users'],
      ['//evil.example', '/admin'],
      ['https://evil.example/', '/admin'],
    ] as const) {
      const b = browser(app);
      await b.login(user.username, user.password, next);
      // Three sign-ins within one TOTP step: forget the step used (codes are single-use).
      await ctx.db
        .updateTable('users')
        .set({ totp_last_step: null })
        .where('id', '=', user.id)
        .execute();
      const done = await b.submit('/admin/login/2fa', '/admin/login/2fa', {
        code: await totpCode(user.totpSecret ?? '', ctx.now()),
        next,
      });
      expect(done.headers.location).toBe(expected);
    }
  });

  it('changes the password after checking the current one', async () => {
    const ctx = get();
    const user = await createTestUser(ctx);
    const s = await signIn(app, ctx, user);
    const other = await signIn(app, ctx, user);
    const short = await postForm(app, s, '/admin/account/password', {
      current_password: user.password,
      new_password: 'short',
      confirm_password: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('href="#f-new_password"');
    const wrong = await postForm(app, s, '/admin/account/password', {
      current_password: 'nope',
      new_password: 'a-long-new-password',
      confirm_password: 'a-long-new-password',
    });
    expect(errorCode(wrong)).toBe('ERR_WRONG_PASSWORD');
    const ok = await postForm(app, s, '/admin/account/password', {
      current_password: user.password,
      new_password: 'a-long-new-password',
      confirm_password: 'a-long-new-password',
    });
    expect(ok.statusCode).toBe(303);
    expect(
      (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: other.cookie } }))
        .statusCode,
    ).toBe(303);
    const again = await signIn(app, ctx, { ...user, password: 'a-long-new-password' });
    expect(again.cookie).toContain('gk_session=');
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select('diff')
      .where('action', '=', 'user.change_password')
      .where('target_id', '=', String(user.id))
      .executeTakeFirstOrThrow();
    expect(entry.diff).toContain('[已修改]');
    expect(entry.diff).not.toContain('argon2');
  });

  describe('rate limit', () => {
    it('answers 429 when one address posts the sign-in form too often', async () => {
      const b = browser(app, '10.200.0.1');
      const page = await b.get('/admin/login');
      const csrf = csrfFrom(page.body);
      const codes: number[] = [];
      for (let i = 0; i < 21; i++)
        codes.push(
          (await b.post('/admin/login', { _csrf: csrf, username: `nobody${i}`, password: 'x' }))
            .statusCode,
        );
      expect(codes.slice(0, 20).every((c) => c === 400)).toBe(true);
      expect(codes[20]).toBe(429);
    });
  });
});
