import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../src/platform/context.js';
import type { Role } from '../src/platform/authz.js';
import { encryptField } from '../src/platform/crypto/sm.js';
import { isoNow } from '../src/platform/time.js';
import { hashPassword, newTotpSecret, totpCode } from '../src/accounts/credentials.js';

/**
 * Shared test builders. They insert rows directly (fast, no audit entries) and sign in through the
 * real HTTP routes, so route tests exercise the same path as a browser.
 */

export interface TestUser {
  id: number;
  username: string;
  password: string;
  /** Base32 TOTP secret when the user has enrolled a second factor. */
  totpSecret?: string;
}

/**
 * Creates a user. TOTP is enrolled by default (`totp: false` leaves the user to enrol on first
 * sign-in); `grants` become user_roles rows.
 */
export async function createTestUser(
  ctx: AppContext,
  opts: {
    username?: string;
    password?: string;
    displayName?: string;
    platformAdmin?: boolean;
    grants?: Array<{ orgId: number; role: Role }>;
    totp?: boolean;
    mayDefer?: boolean;
  } = {},
): Promise<TestUser> {
  const username = opts.username ?? `u_${crypto.randomBytes(5).toString('hex')}`;
  const password = opts.password ?? `pw-${crypto.randomBytes(9).toString('hex')}`;
  const totpSecret = opts.totp === false ? undefined : newTotpSecret();
  const now = isoNow(ctx.now());
  const row = await ctx.db
    .insertInto('users')
    .values({
      username,
      display_name: opts.displayName ?? username,
      email: null,
      password_hash: await hashPassword(password),
      is_platform_admin: opts.platformAdmin ? 1 : 0,
      totp_secret: totpSecret ? encryptField(ctx.fieldKeys, totpSecret) : null,
      totp_enabled: totpSecret ? 1 : 0,
      totp_may_defer: opts.mayDefer ? 1 : 0,
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of opts.grants ?? []) {
    await ctx.db
      .insertInto('user_roles')
      .values({ user_id: row.id, org_id: g.orgId, role: g.role })
      .execute();
  }
  return totpSecret
    ? { id: row.id, username, password, totpSecret }
    : { id: row.id, username, password };
}

/** Inserts an org (plain row, empty index template). */
export async function createTestOrg(
  ctx: AppContext,
  opts: { code: string; name?: string; kind?: string; parentId?: number | null },
): Promise<{ id: number; code: string; name: string }> {
  const now = isoNow(ctx.now());
  const name = opts.name ?? `测试单位${opts.code}`;
  const row = await ctx.db
    .insertInto('orgs')
    .values({
      code: opts.code,
      name,
      parent_id: opts.parentId ?? null,
      kind: opts.kind ?? 'department',
      uscc: null,
      site_id_code: null,
      contact_office: null,
      contact_address: null,
      contact_hours: null,
      contact_phone: null,
      contact_fax: null,
      contact_email: null,
      contact_postcode: null,
      contact_confirmed_on: null,
      index_template: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, code: opts.code, name };
}

/** Cookie name → value, kept between injected requests like a browser does. */
export type CookieJar = Map<string, string>;

/** Stores the cookies a response sets into the jar (a cleared cookie is removed). */
export function storeCookies(jar: CookieJar, res: LightMyRequestResponse): CookieJar {
  for (const c of res.cookies as Array<{
    name: string;
    value: string;
    maxAge?: number;
    expires?: Date;
  }>) {
    const expired =
      c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
    if (expired || c.value === '') jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return jar;
}

/** The Cookie header value for a jar. */
export function cookieHeader(jar: CookieJar): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The CSRF token of the first form in a rendered page (throws when there is none). */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF field in the page');
  return m[1];
}

/**
 * Signs a user in through the real routes: password, then the TOTP code computed from the
 * secret at ctx.now(). Each call comes from its own IP so rate limits never interfere. A user
 * without TOTP stops after the password step (the session waits for enrolment).
 */
export async function signIn(
  app: FastifyInstance,
  ctx: AppContext,
  user: TestUser,
): Promise<{ cookie: string; csrf: string }> {
  const jar: CookieJar = new Map();
  const ip = `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${1 + crypto.randomInt(254)}`;
  const get = async (url: string) => {
    const res = await app.inject({
      method: 'GET',
      url,
      remoteAddress: ip,
      headers: { cookie: cookieHeader(jar) },
    });
    storeCookies(jar, res);
    return res;
  };
  const post = async (url: string, form: Record<string, string>) => {
    const res = await app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    storeCookies(jar, res);
    return res;
  };
  const login = await get('/admin/login');
  const afterPassword = await post('/admin/login', {
    _csrf: csrfFrom(login.body),
    username: user.username,
    password: user.password,
  });
  if (afterPassword.statusCode !== 303) {
    throw new Error(`sign-in failed for ${user.username}: ${afterPassword.statusCode}`);
  }
  if (user.totpSecret) {
    // Tests often sign the same user in twice within one 30-second step (a fixed ctx.now); a
    // TOTP code is single-use (auth.service), so forget the step used by an earlier sign-in.
    await ctx.db
      .updateTable('users')
      .set({ totp_last_step: null })
      .where('username', '=', user.username)
      .execute();
    const page = await get('/admin/login/2fa');
    const res = await post('/admin/login/2fa', {
      _csrf: csrfFrom(page.body),
      code: await totpCode(user.totpSecret, ctx.now()),
    });
    if (res.statusCode !== 303)
      throw new Error(`second factor failed for ${user.username}: ${res.statusCode}`);
  }
  const next = await get(user.totpSecret ? '/admin' : '/admin/enrol-2fa');
  return { cookie: cookieHeader(jar), csrf: csrfFrom(next.body) };
}

/** Posts a urlencoded form as a signed-in user (the CSRF token is added unless given). */
export function postForm(
  app: FastifyInstance,
  session: { cookie: string; csrf: string },
  url: string,
  form: Record<string, string | string[]>,
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  if (!('_csrf' in form)) body.append('_csrf', session.csrf);
  for (const [k, v] of Object.entries(form))
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

/** The stable error code of a response: JSON error, form `data-error-code` or error page. */
export function errorCode(res: LightMyRequestResponse): string | null {
  if (String(res.headers['content-type'] ?? '').includes('json')) {
    const body = res.json() as { error?: { code?: string } };
    return body.error?.code ?? null;
  }
  const m = /data-error-code="([A-Z_]+)"/.exec(res.body) ?? /错误代码：([A-Z_]+)/.exec(res.body);
  return m?.[1] ?? null;
}
