import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser, signIn } from '../../../test/factories.js';
import { systemActor } from '../authz.js';
import type { AppContext } from '../context.js';
import { describeEachDb } from '../db/test-helper.js';
import { buildApp } from '../http/app.js';
import { audit } from './audit.service.js';

async function record(
  ctx: AppContext,
  at: string,
  orgId: number | null,
  action: string,
  n: number,
): Promise<void> {
  const realNow = ctx.now;
  ctx.now = () => new Date(at);
  try {
    await ctx.db.transaction().execute((trx) =>
      audit(ctx, trx, systemActor('zhangsan'), {
        orgId,
        action,
        targetType: 'item',
        targetId: n,
        before: { title: `旧${n}` },
        after: { title: `新${n}` },
      }),
    );
  } finally {
    ctx.now = realNow;
  }
}

/** Sequence numbers shown on the page, in order. */
function seqsOf(html: string): number[] {
  return [...html.matchAll(/<tr><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
}

describeEachDb('audit log page', (get) => {
  let app: FastifyInstance;
  const cookies: Record<'admin' | 'districtAdmin' | 'supervisor' | 'editor', string> = {
    admin: '',
    districtAdmin: '',
    supervisor: '',
    editor: '',
  };

  beforeAll(async () => {
    const ctx = get();
    const city = await createTestOrg(ctx, { code: 'city', name: '市政府' });
    const district = await createTestOrg(ctx, {
      code: 'district',
      name: '区政府',
      parentId: city.id,
    });
    const bureau = await createTestOrg(ctx, {
      code: 'bureau',
      name: '区教育局',
      parentId: district.id,
    });
    const other = await createTestOrg(ctx, { code: 'other', name: '另一市' });
    await record(ctx, '2026-11-01T02:00:00.000Z', city.id, 'item.update', 1);
    await record(ctx, '2026-11-02T02:00:00.000Z', district.id, 'item.update', 2);
    await record(ctx, '2026-11-03T02:00:00.000Z', bureau.id, 'item.publish', 3);
    await record(ctx, '2026-11-04T02:00:00.000Z', other.id, 'item.update', 4);
    await record(ctx, '2026-11-05T15:30:00.000Z', null, 'calendar.update', 5);
    app = await buildApp(ctx);
    const users = {
      admin: await createTestUser(ctx, { platformAdmin: true }),
      districtAdmin: await createTestUser(ctx, {
        grants: [{ orgId: district.id, role: 'org_admin' }],
      }),
      supervisor: await createTestUser(ctx, { grants: [{ orgId: bureau.id, role: 'supervisor' }] }),
      editor: await createTestUser(ctx, { grants: [{ orgId: district.id, role: 'editor' }] }),
    };
    for (const k of Object.keys(users) as Array<keyof typeof users>) {
      cookies[k] = (await signIn(app, ctx, users[k])).cookie;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const getPage = (who: keyof typeof cookies, url = '/admin/audit') =>
    app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });

  it('shows the platform admin every entry, newest first, in China time with a diff table', async () => {
    const res = await getPage('admin');
    expect(res.statusCode).toBe(200);
    const seqs = seqsOf(res.body);
    // Signing in records entries of its own; ours are 1–5.
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs.slice(-5)).toEqual([5, 4, 3, 2, 1]);
    // 15:30 UTC on 5 November is 23:30 in China.
    expect(res.body).toContain('2026-11-05 23:30');
    expect(res.body).toContain('区教育局');
    expect(res.body).toContain('平台');
    expect(res.body).toMatch(/<code>title<\/code><\/th><td>旧3<\/td><td>新3<\/td>/);
  });

  it('shows an org admin the entries of their org and the orgs below it', async () => {
    const res = await getPage('districtAdmin');
    expect(res.statusCode).toBe(200);
    expect(seqsOf(res.body)).toEqual([3, 2]);
    expect(res.body).not.toContain('另一市');
  });

  it('shows a supervisor only their own subtree', async () => {
    const res = await getPage('supervisor');
    expect(seqsOf(res.body)).toEqual([3]);
  });

  it('refuses staff without an admin or supervisor role', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/admin/audit',
      headers: { cookie: cookies.editor, accept: 'application/json' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'ERR_AUDIT_FORBIDDEN' } });
  });

  it('sends visitors who are not signed in to the sign-in page', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/audit' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/admin/login');
  });

  it('filters by action, actor, target type and China date range', async () => {
    expect(seqsOf((await getPage('admin', '/admin/audit?action=item.update')).body)).toEqual([
      4, 2, 1,
    ]);
    expect(seqsOf((await getPage('admin', '/admin/audit?actor=nobody')).body)).toEqual([]);
    const only = (q: string) => getPage('admin', `/admin/audit?actor=zhangsan&${q}`);
    expect(
      seqsOf((await getPage('admin', '/admin/audit?actor=zhangsan&targetType=item')).body),
    ).toEqual([5, 4, 3, 2, 1]);
    // 23:30 China time on the 5th belongs to the 5th, not the 6th.
    expect(seqsOf((await only('from=2026-11-02&to=2026-11-05')).body)).toEqual([5, 4, 3, 2]);
    expect(seqsOf((await only('from=2026-11-06&to=2026-11-10')).body)).toEqual([]);
  });

  it('filters by org only within what the actor may see', async () => {
    const ctx = get();
    const ids = await ctx.db.selectFrom('orgs').select(['id', 'code']).execute();
    const id = (code: string) => ids.find((o) => o.code === code)?.id ?? -1;
    expect(
      seqsOf((await getPage('districtAdmin', `/admin/audit?org=${id('bureau')}`)).body),
    ).toEqual([3]);
    expect(
      seqsOf((await getPage('districtAdmin', `/admin/audit?org=${id('other')}`)).body),
    ).toEqual([]);
    const form = (await getPage('districtAdmin')).body;
    expect(form).toContain('区教育局');
    expect(form).not.toContain('>市政府<');
  });

  it('shows an invalid date next to its field', async () => {
    const res = await getPage('admin', '/admin/audit?from=2026-02-30&to=x');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('href="#f-from"');
    expect(res.body).toContain('aria-describedby="f-to-error"');
  });

  it('pages through long logs keeping the filters', async () => {
    const ctx = get();
    for (let i = 0; i < 55; i++)
      await record(ctx, '2026-11-20T01:00:00.000Z', null, 'bulk.change', 100 + i);
    const first = await getPage('admin', '/admin/audit?action=bulk.change');
    expect(seqsOf(first.body)).toHaveLength(50);
    expect(first.body).toContain('href="/admin/audit?action=bulk.change&amp;page=2"');
    const second = await getPage('admin', '/admin/audit?action=bulk.change&page=2');
    expect(seqsOf(second.body)).toHaveLength(5);
    expect(second.body).not.toContain('page=3');
  });
});
