import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { CHECKLIST } from './spot-checks.model.js';
import { runMonitorScan } from './scan.service.js';
import { systemActor } from '../platform/authz.js';
import { insertColumn, insertItem } from './rectification.test-support.js';

type Session = { cookie: string; csrf: string };
const allPass = Object.fromEntries(CHECKLIST.map((c) => [`p_${c.key}`, 'pass']));

describeEachDb('spot checks (抽查)', (get) => {
  let app: FastifyInstance;
  let admin: Session;
  let supervisor: Session;
  let editor: Session;
  let orgId: number;
  const base = '/admin/orgs/sb/spot-checks';
  const page = (s: Session, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const checks = () => get().db.selectFrom('spot_checks').selectAll().orderBy('id').execute();
  const sampled = (id: number) =>
    get()
      .db.selectFrom('spot_check_items')
      .selectAll()
      .where('spot_check_id', '=', id)
      .orderBy('id')
      .execute();
  const create = (s: Session, over: Record<string, string> = {}) =>
    postForm(app, s, base, {
      title: '2026年第三季度抽查',
      period_from: '2026-07-01',
      period_to: '2026-09-30',
      sample_size: '6',
      seed: 'q3',
      ...over,
    });

  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    const city = await createTestOrg(ctx, { code: 'scity', kind: 'government' });
    const org = await createTestOrg(ctx, { code: 'sb', parentId: city.id });
    orgId = org.id;
    const news = await insertColumn(ctx, org.id, 'news', '工作动态');
    const notice = await insertColumn(ctx, org.id, 'notice', '通知公告');
    const policy = await insertColumn(ctx, org.id, 'policy', '政策文件');
    for (let i = 0; i < 20; i++)
      await insertItem(ctx, org.id, news, `2026-08-${String(1 + i).padStart(2, '0')}`);
    for (let i = 0; i < 8; i++)
      await insertItem(ctx, org.id, notice, `2026-07-${String(1 + i).padStart(2, '0')}`);
    await insertItem(ctx, org.id, policy, '2026-09-01');
    await insertItem(ctx, org.id, policy, '2026-12-01'); // outside the period
    admin = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'org_admin' }] }),
    );
    supervisor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: city.id, role: 'supervisor' }] }),
    );
    editor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'editor' }] }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('draws a stratified sample reproducible from its stored seed', async () => {
    const res = await create(supervisor);
    expect(res.statusCode).toBe(303);
    const [check] = await checks();
    expect(check).toMatchObject({ seed: 'q3', sample_size: 6, status: 'open', org_id: orgId });
    const items = await sampled(check?.id ?? 0);
    expect(items).toHaveLength(6);
    // 20 : 8 : 1 with one per column first → 工作动态 3–4, 通知公告 1–2, 政策文件 1.
    const byColumn = new Map<number | null, number>();
    for (const i of items) byColumn.set(i.column_id, (byColumn.get(i.column_id) ?? 0) + 1);
    expect(byColumn.size).toBe(3);
    expect([...byColumn.values()].sort()).toEqual([1, 1, 4]);
    await create(supervisor, { title: '重现' });
    const again = await sampled((await checks())[1]?.id ?? 0);
    expect(again.map((i) => i.item_id)).toEqual(items.map((i) => i.item_id));
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'monitoring.spot_check.create')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it.each([
    [
      'a period with no published items',
      { period_from: '2020-01-01', period_to: '2020-12-31' },
      'ERR_SPOT_CHECK_EMPTY',
    ],
    [
      'an end before the start',
      { period_from: '2026-09-30', period_to: '2026-07-01' },
      'ERR_VALIDATION',
    ],
    ['a sample size of 0', { sample_size: '0' }, 'ERR_VALIDATION'],
    ['a sample size that is not a number', { sample_size: 'abc' }, 'ERR_VALIDATION'],
    ['no title', { title: '' }, 'ERR_VALIDATION'],
  ])('refuses %s with 400 and stores nothing', async (_, over, code) => {
    const before = (await checks()).length;
    const res = await create(admin, over);
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe(code);
    expect(await checks()).toHaveLength(before);
  });

  it('lets an editor see but not create', async () => {
    expect((await page(editor, base)).statusCode).toBe(200);
    const res = await create(editor);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('ERR_MONITORING_FORBIDDEN');
  });

  it('records the checklist, raises a finding from a failed point, and closes with pass rates', async () => {
    const [check] = await checks();
    const id = check?.id ?? 0;
    const items = await sampled(id);
    const url = `${base}/${id}`;
    // Incomplete checklist: 400, nothing stored.
    const bad = await postForm(app, admin, `${url}/items/${items[0]?.id}`, { p_title: 'pass' });
    expect(bad.statusCode).toBe(400);
    expect((await sampled(id))[0]?.result).toBeNull();
    // Closing before every item is checked: 409.
    const early = await postForm(app, admin, `${url}/close`, {});
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe('ERR_SPOT_CHECK_INCOMPLETE');
    for (const [n, item] of items.entries()) {
      const form = n === 0 ? { ...allPass, p_typos: 'fail', note: '“按装”应为“安装”' } : allPass;
      expect((await postForm(app, admin, `${url}/items/${item.id}`, form)).statusCode).toBe(303);
    }
    const first = (await sampled(id))[0];
    expect(first?.result).toBe('fail');
    // Only a failed point can become a finding.
    const notFailed = await postForm(app, admin, `${url}/items/${first?.id}/finding`, {
      point: 'title',
    });
    expect(notFailed.statusCode).toBe(409);
    const raised = await postForm(app, admin, `${url}/items/${first?.id}/finding`, {
      point: 'typos',
    });
    expect(raised.statusCode).toBe(303);
    const finding = await get()
      .db.selectFrom('monitor_findings')
      .selectAll()
      .where('kind', '=', 'content_typo')
      .where('subject_id', '=', String(first?.item_id))
      .executeTakeFirstOrThrow();
    expect(finding).toMatchObject({ org_id: orgId, status: 'open', subject_type: 'item' });
    expect(raised.headers.location).toBe(`/admin/orgs/sb/monitoring/findings/${finding.id}`);
    // Raising it again does not duplicate it.
    await postForm(app, admin, `${url}/items/${first?.id}/finding`, { point: 'typos' });
    const count = await get()
      .db.selectFrom('monitor_findings')
      .select('id')
      .where('key', '=', finding.key)
      .execute();
    expect(count).toHaveLength(1);
    // A scan's monitors do not see a problem a person found, and do not close it for that.
    await runMonitorScan(get(), systemActor(), { orgId });
    const afterScan = await get()
      .db.selectFrom('monitor_findings')
      .select('status')
      .where('id', '=', finding.id)
      .executeTakeFirstOrThrow();
    expect(afterScan.status).toBe('open');
    // Its owner marks it fixed: a person's re-check, closed with the history kept.
    const fixed = await postForm(
      app,
      admin,
      `/admin/orgs/sb/monitoring/findings/${finding.id}/fix`,
      {},
    );
    expect(fixed.statusCode).toBe(303);
    const events = await get()
      .db.selectFrom('monitor_finding_events')
      .select('action')
      .where('finding_id', '=', finding.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['marked_fixed', 'recheck_passed']),
    );
    const closed = await postForm(app, admin, `${url}/close`, { summary: '总体较好' });
    expect(closed.statusCode).toBe(303);
    expect((await checks())[0]?.status).toBe('done');
    const html = (await page(admin, url)).body;
    expect(html).toContain('已结束');
    expect(html).toMatch(/data-rate="[^"]+">\d+(\.\d)?%/);
    // A closed check cannot change.
    const late = await postForm(app, admin, `${url}/items/${first?.id}`, allPass);
    expect(late.statusCode).toBe(409);
    expect(errorCode(late)).toBe('ERR_SPOT_CHECK_CLOSED');
  });

  it('answers 404 for a check of another org or that does not exist', async () => {
    expect(errorCode(await page(admin, `${base}/999999`))).toBe('ERR_SPOT_CHECK_NOT_FOUND');
    expect(errorCode(await page(admin, `${base}/abc`))).toBe('ERR_SPOT_CHECK_NOT_FOUND');
  });
});
