import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDb } from '../db/test-helper.js';
import { buildApp } from './app.js';
import { main } from '../../cli.js';

describeEachDb('web application basics', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(get());
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports the database as reachable on /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: get().dialect });
  });

  it('answers an unknown page with a Chinese 404 page, and the API with JSON', async () => {
    const page = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('lang="zh-CN"');
    expect(page.body).toContain('页面不存在');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'ERR_NOT_FOUND' } });
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await app.inject({ method: 'GET', url: '/no/such/page' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('refuses an oversized body with 413 and a clear message', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `username=${'x'.repeat(get().config.bodyLimit + 10)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('提交的内容过大');
  });

  it('refuses a form post without a CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: 'username=a&password=b',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'ERR_CSRF' } });
  });

  it('switches to 长辈版 with a cookie and never redirects off-site', async () => {
    const res = await app.inject({ method: 'GET', url: '/mode/elder?back=/wzgxq/' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/wzgxq/');
    expect(String(res.headers['set-cookie'])).toContain('gk_mode=elder');
    for (const back of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const r = await app.inject({
        method: 'GET',
        url: `/mode/elder?back=${encodeURIComponent(back)}`,
      });
      expect(r.headers.location).toBe('/');
    }
  });
});

it('exits 1 and names every bad variable when the configuration is invalid', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['migrate'], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { PORT: 'x', DATABASE_URL: 'mysql://nope' },
    readStdin: async () => '',
  });
  expect(code).toBe(1);
  expect(err.join('')).toMatch(/PORT/);
  expect(err.join('')).toMatch(/DATABASE_URL/);
});
