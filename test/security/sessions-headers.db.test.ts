import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/credentials.js';
import { decryptField } from '../../src/platform/crypto/sm.js';
import { contextFor } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { describeEachDb, openTestDatabase } from '../../src/platform/db/test-helper.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/logger.js';
import {
  cookieHeader,
  createTestOrg,
  createTestUser,
  csrfFrom,
  errorCode,
  signIn,
  storeCookies,
  type CookieJar,
  type TestUser,
} from '../factories.js';
import { anonymousSession, registeredRoutes, type Session } from './world.js';

/**
 * Sessions and headers (issue #8, OWASP ASVS V3, V4.2.2, V5.1.5, V7.4, V14.4): session fixation
 * and rotation at each factor, CSRF on every POST route, open redirects, clickjacking, CSP, HSTS,
 * cookie attributes and error pages that reveal nothing.
 */

const ORIGIN = 'https://gk.example.gov.cn';

/** A browser: a cookie jar and one client address, following nothing by itself. */
function browser(app: FastifyInstance, preset: Record<string, string> = {}) {
  const jar: CookieJar = new Map(Object.entries(preset));
  // Its own address, so that the per-IP limit of the sign-in routes never interferes.
  const ip = `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${1 + crypto.randomInt(254)}`;
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
  };
}

/** True when a Location header, as a browser resolves it, stays on our own site. */
function staysOnSite(location: string): boolean {
  return new URL(location, `${ORIGIN}/admin/login`).origin === ORIGIN;
}

/** Redirect targets an attacker might try (ASVS 5.1.5), raw; they are URL-encoded when sent. */
const HOSTILE_TARGETS = [
  '//evil.example',
  '///evil.example',
  'https://evil.example',
  'http:evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  '%2F%2Fevil.example',
  '/\r\nSet-Cookie: gk_session=x',
  'https:/\\evil.example',
  '/．/evil.example',
];

describeEachDb('sessions, CSRF and redirects', (get) => {
  let ctx: AppContext;
  let app: FastifyInstance;
  let user: TestUser;

  beforeAll(async () => {
    ctx = get();
    app = await buildApp(ctx);
    const org = await createTestOrg(ctx, { code: 'sess-org' });
    await createTestOrg(ctx, { code: 'sess-child', parentId: org.id });
    user = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'org_admin' }] });
  });
  afterAll(async () => {
    await app.close();
  });

  /** Password then TOTP in `b`; returns the session token after each step. */
  async function signInWith(b: ReturnType<typeof browser>, next?: string) {
    const login = await b.get(`/admin/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    // Already signed in, the login page forwards: take the token from a signed-in page instead.
    const form = login.statusCode === 200 ? login : await b.get('/admin');
    const pw = await b.post('/admin/login', {
      _csrf: csrfFrom(form.body),
      username: user.username,
      password: user.password,
      ...(next ? { next } : {}),
    });
    expect(pw.statusCode).toBe(303);
    const afterPassword = b.jar.get('gk_session');
    const page = await b.get(String(pw.headers.location));
    // Several sign-ins within one TOTP step: codes are single-use, so forget the step used.
    await ctx.db
      .updateTable('users')
      .set({ totp_last_step: null })
      .where('username', '=', user.username)
      .execute();
    const tfa = await b.post('/admin/login/2fa', {
      _csrf: csrfFrom(page.body),
      code: await totpCode(user.totpSecret ?? '', ctx.now()),
      ...(next ? { next } : {}),
    });
    expect(tfa.statusCode).toBe(303);
    return { afterPassword, afterSecond: b.jar.get('gk_session'), final: tfa };
  }

  const signedInWith = async (token: string | undefined) =>
    (await app.inject({ method: 'GET', url: '/admin', headers: { cookie: `gk_session=${token}` } }))
      .statusCode === 200;

  it('never keeps a session id planted before sign-in, and rotates it at each factor', async () => {
    const planted = 'attacker-chosen-session-token-0123456789abcdef';
    const b = browser(app, { gk_session: planted });
    const { afterPassword, afterSecond } = await signInWith(b);
    expect(afterPassword).toBeDefined();
    expect(afterPassword).not.toBe(planted);
    expect(afterSecond).toBeDefined();
    expect(afterSecond).not.toBe(afterPassword);
    expect(await signedInWith(planted)).toBe(false);
    expect(await signedInWith(afterPassword)).toBe(false);
    expect(await signedInWith(afterSecond)).toBe(true);
  });

  it('rotates the session id when a new user confirms TOTP enrolment', async () => {
    const newcomer = await createTestUser(ctx, { totp: false });
    const b = browser(app);
    const login = await b.get('/admin/login');
    await b.post('/admin/login', {
      _csrf: csrfFrom(login.body),
      username: newcomer.username,
      password: newcomer.password,
    });
    const pending = b.jar.get('gk_session');
    const page = await b.get('/admin/enrol-2fa');
    expect(page.statusCode).toBe(200);
    const row = await ctx.db
      .selectFrom('users')
      .select('totp_secret')
      .where('id', '=', newcomer.id)
      .executeTakeFirstOrThrow();
    const secret = decryptField(ctx.fieldKeys, row.totp_secret ?? '');
    const res = await b.post('/admin/enrol-2fa', {
      _csrf: csrfFrom(page.body),
      code: await totpCode(secret, ctx.now()),
    });
    expect(res.statusCode).toBe(200);
    const full = b.jar.get('gk_session');
    expect(full).not.toBe(pending);
    expect(await signedInWith(pending)).toBe(false);
    expect(await signedInWith(full)).toBe(true);
  });

  it('ends the previous session when someone signs in again in the same browser', async () => {
    const b = browser(app);
    const first = (await signInWith(b)).afterSecond;
    const second = (await signInWith(b)).afterSecond;
    expect(second).not.toBe(first);
    expect(await signedInWith(first)).toBe(false);
    expect(await signedInWith(second)).toBe(true);
  });

  it('invalidates the session on the server at sign-out', async () => {
    const b = browser(app);
    const token = (await signInWith(b)).afterSecond;
    const home = await b.get('/admin');
    const out = await b.post('/admin/logout', { _csrf: csrfFrom(home.body) });
    expect(out.statusCode).toBe(303);
    expect(await signedInWith(token)).toBe(false);
  });

  it('refuses every POST route without a CSRF token, with a wrong one and with another session’s', async () => {
    const admin = await signIn(app, ctx, await createTestUser(ctx, { platformAdmin: true }));
    const other = await anonymousSession(app);
    const withoutCsrfCookie = {
      cookie: admin.cookie
        .split('; ')
        .filter((c) => !c.startsWith('gk_csrf='))
        .join('; '),
      csrf: admin.csrf,
    };
    const posts = registeredRoutes(app)
      .filter((r) => r.startsWith('POST '))
      .map((r) =>
        r
          .slice(5)
          .replace(':id.:ext', '1.html')
          .replace(/:(org|code)\b/g, 'sess-org')
          .replace(/:[a-z]+/g, '1'),
      );
    expect(posts.length).toBeGreaterThan(40);
    const failures: string[] = [];
    const attempts: Array<[string, Session, Record<string, string>]> = [
      ['no token', admin, {}],
      ['wrong token', admin, { _csrf: 'x'.repeat(40) }],
      ['another session’s token', admin, { _csrf: other.csrf }],
      ['no CSRF cookie', withoutCsrfCookie, { _csrf: admin.csrf }],
    ];
    for (const url of posts) {
      for (const [label, s, form] of attempts) {
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ title: 'x', ...form }).toString(),
        });
        if (res.statusCode !== 403 || errorCode(res) !== 'ERR_CSRF')
          failures.push(`${url} (${label}): ${res.statusCode} ${errorCode(res) ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
    // The same session with its own token gets through the CSRF check.
    const ok = await app.inject({
      method: 'POST',
      url: '/admin/account/password',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: admin.csrf }).toString(),
    });
    expect(ok.statusCode).toBe(400);
    expect(errorCode(ok)).not.toBe('ERR_CSRF');
  });

  it.each(HOSTILE_TARGETS)('never redirects off-site through next=%j', async (target) => {
    const b = browser(app);
    const { final } = await signInWith(b, target);
    const location = String(final.headers.location);
    expect(staysOnSite(location), location).toBe(true);
    // Already signed in: the login page forwards straight to `next`.
    const again = await b.get(`/admin/login?next=${encodeURIComponent(target)}`);
    expect(again.statusCode).toBe(303);
    expect(staysOnSite(String(again.headers.location)), String(again.headers.location)).toBe(true);
  });

  it.each(HOSTILE_TARGETS)(
    'never redirects off-site through the 长辈版 switch back=%j',
    async (t) => {
      const res = await app.inject({
        method: 'GET',
        url: `/mode/elder?back=${encodeURIComponent(t)}`,
      });
      expect(res.statusCode).toBe(303);
      expect(staysOnSite(String(res.headers.location)), String(res.headers.location)).toBe(true);
    },
  );

  it('keeps a same-site next= path, query included', async () => {
    const b = browser(app);
    const { final } = await signInWith(b, '/admin/orgs/sess-org?tab=1');
    expect(final.headers.location).toBe('/admin/orgs/sess-org?tab=1');
    const mode = await app.inject({ method: 'GET', url: '/mode/elder?back=%2Fsess-org%2Fapply' });
    expect(mode.headers.location).toBe('/sess-org/apply');
  });
});

/** Every response: CSP without unsafe-inline, no framing, no sniffing, a referrer policy. */
function expectHardenedHeaders(res: LightMyRequestResponse, where: string) {
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("script-src 'self'");
  expect(csp, where).toContain("style-src 'self'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(csp, where).toContain("base-uri 'self'");
  expect(csp, where).toContain("form-action 'self'");
  expect(csp, where).not.toContain('unsafe-inline');
  expect(csp, where).not.toContain('unsafe-eval');
  expect(res.headers['x-frame-options'], where).toBe('DENY');
  expect(res.headers['x-content-type-options'], where).toBe('nosniff');
  expect(res.headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
}

/** Words that would betray internals on an error page. */
const LEAKS = [
  /\n\s+at [\w.<>]+ \(/,
  /node_modules/,
  /\/work\//,
  /\bselect\b.+\bfrom\b/i,
  /sqlite|postgres|kysely|SQLSTATE/i,
  /TypeError|ReferenceError|SyntaxError/,
  /secret-column-value/,
];

async function appWith(env: Record<string, string>) {
  const t = await openTestDatabase('sqlite');
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    DATA_KEY: '00112233445566778899aabbccddeeff',
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    ...env,
  });
  const ctx = await contextFor(config, t.database, createLogger('silent'));
  const app = await buildApp(ctx);
  // A route that fails like a bug would, to see what the 500 page shows.
  app.get('/__boom', async () => {
    throw new Error('select secret-column-value from users where 1=1');
  });
  return { ctx, app, drop: t.drop };
}

describe('security headers, cookies and error pages', () => {
  const apps: Array<{ ctx: AppContext; app: FastifyInstance; drop: () => Promise<void> }> = [];
  let plain: (typeof apps)[number];
  let tls: (typeof apps)[number];

  beforeAll(async () => {
    plain = await appWith({});
    tls = await appWith({ PUBLIC_URL: `${ORIGIN}/`, TRUST_PROXY: 'true' });
    apps.push(plain, tls);
    for (const a of apps) await createTestOrg(a.ctx, { code: 'hdr-org' });
  });
  afterAll(async () => {
    for (const a of apps) {
      await a.app.close();
      await a.drop();
    }
  });

  const pages = ['/', '/hdr-org/', '/hdr-org/apply', '/admin/login', '/search?q=x', '/nowhere'];

  it('sends CSP without unsafe-inline, anti-framing and nosniff on every kind of response', async () => {
    for (const url of [...pages, '/api/v1/search?q=x', '/__boom', '/assets/css/site.css']) {
      const res = await plain.app.inject({ method: 'GET', url });
      expectHardenedHeaders(res, url);
    }
  });

  it('renders pages without inline scripts or style attributes (the CSP would block them)', async () => {
    for (const url of pages) {
      const html = (await plain.app.inject({ method: 'GET', url })).body;
      expect(html, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html, url).not.toMatch(/\sstyle="/i);
      expect(html, url).not.toMatch(/\son[a-z]+="/i);
    }
  });

  it('sends HSTS only when the site is served over TLS', async () => {
    const res = await plain.app.inject({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const secure = await tls.app.inject({ method: 'GET', url: '/' });
    expect(String(secure.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
    expect(String(secure.headers['strict-transport-security'])).toContain('includeSubDomains');
  });

  it('sets session, CSRF and mode cookies HttpOnly and SameSite=Lax, and Secure behind TLS', async () => {
    for (const { app, ctx } of apps) {
      const secure = ctx.config.secureCookies;
      const u = await createTestUser(ctx, {});
      const login = await app.inject({ method: 'GET', url: '/admin/login' });
      const jar: CookieJar = new Map();
      storeCookies(jar, login);
      const pw = await app.inject({
        method: 'POST',
        url: '/admin/login',
        headers: {
          cookie: cookieHeader(jar),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          _csrf: csrfFrom(login.body),
          username: u.username,
          password: u.password,
        }).toString(),
      });
      const mode = await app.inject({ method: 'GET', url: '/mode/elder' });
      const cookies = [...login.cookies, ...pw.cookies, ...mode.cookies] as Array<{
        name: string;
        httpOnly?: boolean;
        sameSite?: string;
        secure?: boolean;
        path?: string;
      }>;
      for (const name of ['gk_csrf', 'gk_session', 'gk_mode']) {
        const c = cookies.find((x) => x.name === name);
        expect(c, name).toBeDefined();
        expect(c?.httpOnly, name).toBe(true);
        expect(c?.sameSite, name).toBe('Lax');
        expect(Boolean(c?.secure), `${name} secure=${secure}`).toBe(secure);
        expect(c?.path, name).toBe('/');
      }
    }
  });

  it('shows no stack trace, SQL or paths on error pages, HTML or JSON', async () => {
    const cases: Array<{
      method: 'GET' | 'POST';
      url: string;
      status: number;
      headers?: Record<string, string>;
      payload?: string;
    }> = [
      { method: 'GET', url: '/__boom', status: 500 },
      { method: 'GET', url: '/__boom', status: 500, headers: { accept: 'application/json' } },
      { method: 'GET', url: '/nowhere/at/all', status: 404 },
      { method: 'GET', url: '/api/v1/nowhere', status: 404 },
      { method: 'GET', url: '/hdr-org/items/%E0%A4%A', status: 400 },
      { method: 'GET', url: '/hdr-org/items/abc', status: 404 },
      {
        method: 'POST',
        url: '/admin/login',
        status: 403,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=a',
      },
      {
        method: 'POST',
        url: '/admin/login',
        status: 415,
        headers: { 'content-type': 'application/x-evil' },
        payload: 'x',
      },
      {
        method: 'POST',
        url: '/admin/login',
        status: 413,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `a=${'x'.repeat(1_100_000)}`,
      },
    ];
    for (const c of cases) {
      const res = await plain.app.inject({
        method: c.method,
        url: c.url,
        headers: c.headers ?? {},
        ...(c.payload !== undefined ? { payload: c.payload } : {}),
      });
      expect(res.statusCode, c.url).toBe(c.status);
      expect(String(errorCode(res)), `${c.url} ${res.body.slice(0, 300)}`).toMatch(/^ERR_[A-Z_]+$/);
      for (const leak of LEAKS) expect(res.body, `${c.url} ${leak}`).not.toMatch(leak);
    }
  });
});
