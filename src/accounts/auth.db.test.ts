import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../platform/http/app.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { cookieHeader, createTestUser, csrfFrom, signIn, storeCookies, type CookieJar } from '../../test/factories.js';
import { totpCode } from './credentials.js';

describeEachDb('sign-in', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(get());
  });
  afterAll(async () => {
    await app.close();
  });

  it('signs in with password and TOTP and reaches the dashboard', async () => {
    const ctx = get();
    const user = await createTestUser(ctx, { platformAdmin: true });
    const s = await signIn(app, ctx, user);
    const res = await app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('工作台');
    expect(res.body).toContain('平台管理员');
  });
});
