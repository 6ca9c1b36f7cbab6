import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestOrg,
  createTestUser,
  errorCode,
  postForm,
  signIn,
} from '../../test/factories.js';
import type { Role } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { buildJobRegistry } from '../platform/jobs/all-jobs.js';
import { setRunProgress } from './links/run-progress.js';
import { DEFAULT_THRESHOLDS, SETTING_MONITORING_THRESHOLDS } from './monitoring.settings.js';

type Session = { cookie: string; csrf: string };

const goodAccount = {
  platform: 'wechat',
  name: '高新区发布',
  owner: '管委会办公室',
  status: 'operating',
  merged_into: '',
  url: 'https://mp.weixin.qq.com/x',
  last_update_on: '2026-11-20',
};
const thresholdForm = (over: Record<string, string> = {}) => ({
  ...Object.fromEntries(Object.entries(DEFAULT_THRESHOLDS).map(([k, v]) => [k, String(v)])),
  ...over,
});

describeEachDb('monitoring pages', (get) => {
  let app: FastifyInstance;
  const s: Record<string, Session> = {};
  let orgCode = '';

  beforeAll(async () => {
    const ctx = get();
    ctx.now = () => new Date('2026-11-28T02:00:00Z');
    app = await buildApp(ctx);
    const parent = await createTestOrg(ctx, { code: 'mp-parent', kind: 'government' });
    const org = await createTestOrg(ctx, { code: 'mp-org', parentId: parent.id });
    const other = await createTestOrg(ctx, { code: 'mp-other' });
    orgCode = org.code;
    const roles: Array<[string, number, Role]> = [
      ['admin', org.id, 'org_admin'],
      ['editor', org.id, 'editor'],
      ['reviewer', org.id, 'reviewer'],
      ['supervisor', parent.id, 'supervisor'],
      ['parentAdmin', parent.id, 'org_admin'],
      ['outsider', other.id, 'org_admin'],
    ];
    for (const [name, orgId, role] of roles)
      s[name] = await signIn(app, ctx, await createTestUser(ctx, { grants: [{ orgId, role }] }));
  });

  const getPage = (who: string, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: s[who]?.cookie ?? '' } });
  const post = (who: string, url: string, form: Record<string, string>) =>
    postForm(app, s[who] as Session, url, form);
  const accounts = () =>
    get().db.selectFrom('new_media_accounts').selectAll().orderBy('id').execute();

  describe('who sees the monitoring pages (own, child, unrelated org; each role)', () => {
    it.each([
      ['admin', 200],
      ['editor', 200],
      ['reviewer', 200],
      ['supervisor', 200],
      ['parentAdmin', 200],
      ['outsider', 403],
    ])('%s → %i on every page', async (who, status) => {
      for (const path of ['monitoring', 'monitoring/links', 'new-media', 'monitoring/settings']) {
        const res = await getPage(who, `/admin/orgs/${orgCode}/${path}`);
        expect(res.statusCode, path).toBe(status);
        if (status === 403) expect(errorCode(res)).toBe('ERR_MONITORING_FORBIDDEN');
      }
    });

    it('shows the 单项否决 summary and 「立即检查」 only to the org_admin', async () => {
      const mine = await getPage('admin', `/admin/orgs/${orgCode}/monitoring`);
      expect(mine.body).toContain('单项否决指标');
      expect(mine.body).toContain('立即检查');
      const editor = await getPage('editor', `/admin/orgs/${orgCode}/monitoring`);
      expect(editor.body).not.toContain('立即检查');
    });

    it('redirects signed-out visitors and 404s an unknown org', async () => {
      const anon = await app.inject({ method: 'GET', url: `/admin/orgs/${orgCode}/monitoring` });
      expect([302, 303, 401]).toContain(anon.statusCode);
      const res = await getPage('admin', '/admin/orgs/no-such-org/monitoring');
      expect(res.statusCode).toBe(404);
    });
  });

  describe('立即检查', () => {
    it('queues a scan job for the org_admin, refuses others and a missing CSRF token', async () => {
      const url = `/admin/orgs/${orgCode}/monitoring/scan`;
      const ok = await post('admin', url, {});
      expect(ok.statusCode).toBe(303);
      const jobs = await get()
        .db.selectFrom('jobs')
        .select('name')
        .where('name', '=', 'monitoring.scan.org')
        .execute();
      expect(jobs).toHaveLength(1);
      for (const who of ['editor', 'supervisor', 'outsider']) {
        const res = await post(who, url, {});
        expect(res.statusCode).toBe(403);
        expect(errorCode(res)).toBe('ERR_MONITORING_FORBIDDEN');
      }
      const noToken = await post('admin', url, { _csrf: 'bad' });
      expect(noToken.statusCode).toBe(403);
      expect(errorCode(noToken)).toBe('ERR_CSRF');
      const page = await getPage('admin', `/admin/orgs/${orgCode}/monitoring`);
      expect(page.body).toContain('检查已排队');
    });

    it('runs the queued scan in the job and shows its counts with links to the findings', async () => {
      const ctx = get();
      const job = await ctx.db
        .selectFrom('jobs')
        .select('payload')
        .where('name', '=', 'monitoring.scan.org')
        .executeTakeFirstOrThrow();
      const handler = buildJobRegistry().handler('monitoring.scan.org');
      if (!handler) throw new Error('job not registered');
      await handler(ctx, JSON.parse(job.payload), {
        id: 1,
        name: 'monitoring.scan.org',
        attempt: 1,
      });
      const page = await getPage('editor', `/admin/orgs/${orgCode}/monitoring`);
      expect(page.body).toContain(
        `/admin/orgs/${orgCode}/monitoring/findings?kind=home_not_updated`,
      );
      expect(page.body).toContain('已完成');
      expect(page.body).toContain('✗ 否决');
    });
  });

  describe('link checks', () => {
    it('refuses to start without PUBLIC_URL (409) and 404s a run that does not exist', async () => {
      const res = await post('admin', `/admin/orgs/${orgCode}/monitoring/links`, {});
      expect(res.statusCode).toBe(409);
      expect(errorCode(res)).toBe('ERR_PUBLIC_URL_MISSING');
      const editor = await post('editor', `/admin/orgs/${orgCode}/monitoring/links`, {});
      expect(errorCode(editor)).toBe('ERR_MONITORING_FORBIDDEN');
      for (const id of ['999999', 'abc']) {
        const r = await getPage('admin', `/admin/orgs/${orgCode}/monitoring/links/${id}`);
        expect(r.statusCode).toBe(404);
        expect(errorCode(r)).toBe('ERR_LINK_RUN_NOT_FOUND');
      }
    });

    it('lists a run and shows its broken links, 首页 and 其他页面 apart', async () => {
      const ctx = get();
      const org = await ctx.db
        .selectFrom('orgs')
        .select('id')
        .where('code', '=', orgCode)
        .executeTakeFirstOrThrow();
      const run = await ctx.db
        .insertInto('link_check_runs')
        .values({
          org_id: org.id,
          start_url: 'http://127.0.0.1/mp-org/',
          started_at: '2026-11-28T01:00:00.000Z',
          finished_at: '2026-11-28T01:01:00.000Z',
          status: 'done',
          pages: 4,
          links: 9,
          broken_on_home: 1,
          broken_on_other_pages: 1,
          error: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.db
        .insertInto('link_check_findings')
        .values([
          {
            run_id: run.id,
            page: 'http://127.0.0.1/mp-org/',
            url: 'http://127.0.0.1/a',
            text: '首页旧链',
            status: '404',
            on_home: 1,
          },
          {
            run_id: run.id,
            page: 'http://127.0.0.1/mp-org/x',
            url: 'http://127.0.0.1/b',
            text: '',
            status: 'timeout',
            on_home: 0,
          },
        ])
        .execute();
      const list = await getPage('editor', `/admin/orgs/${orgCode}/monitoring/links`);
      expect(list.body).toContain(`/monitoring/links/${run.id}`);
      const detail = await getPage('editor', `/admin/orgs/${orgCode}/monitoring/links/${run.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain('首页失效链接（1）');
      expect(detail.body).toContain('首页旧链');
      expect(detail.body).toContain('超时');
      const foreign = await getPage('outsider', `/admin/orgs/mp-other/monitoring/links/${run.id}`);
      expect(foreign.statusCode).toBe(404);
      // a run crawling in this process shows pages done and queued and the estimate
      const running = await ctx.db
        .insertInto('link_check_runs')
        .values({
          org_id: org.id,
          start_url: 'http://127.0.0.1/mp-org/',
          started_at: '2026-11-28T01:30:00.000Z',
          finished_at: null,
          status: 'running',
          pages: 0,
          links: 0,
          broken_on_home: 0,
          broken_on_other_pages: 0,
          error: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      setRunProgress(running.id, {
        pagesDone: 12,
        pagesQueued: 30,
        linksChecked: 80,
        linksQueued: 5,
        elapsedMs: 2000,
        estimateMs: 5000,
      });
      const live = await getPage('admin', `/admin/orgs/${orgCode}/monitoring/links`);
      expect(live.body).toContain('已检查页面 12 个，待检查 30 个');
      expect(live.body).toContain('预计还需 5 秒');
    });
  });

  describe('thresholds form', () => {
    const url = () => `/admin/orgs/${orgCode}/monitoring/settings`;
    it.each([
      [{ news_days: '' }],
      [{ news_days: 'abc' }],
      [{ news_days: '0' }],
      [{ stale_veto: '2.5' }],
      [{ confirm_days: '99999' }],
    ])('rejects %j with 400 ERR_VALIDATION and stores nothing', async (over) => {
      const res = await post('admin', url(), thresholdForm(over));
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('ERR_VALIDATION');
      expect(res.body).toContain('error-summary');
      const row = await get()
        .db.selectFrom('settings')
        .select('value')
        .where('key', '=', SETTING_MONITORING_THRESHOLDS)
        .executeTakeFirst();
      expect(row).toBeUndefined();
    });

    it('refuses editors and supervisors; saves for the org_admin and the parent org_admin', async () => {
      for (const who of ['editor', 'supervisor', 'outsider']) {
        const res = await post(who, url(), thresholdForm({ news_days: '7' }));
        expect(errorCode(res)).toBe('ERR_MONITORING_FORBIDDEN');
      }
      expect((await post('admin', url(), thresholdForm({ news_days: '7' }))).statusCode).toBe(303);
      expect(
        (await post('parentAdmin', url(), thresholdForm({ blank_veto: '3', news_days: '7' })))
          .statusCode,
      ).toBe(303);
      const page = await getPage('editor', url());
      expect(page.body).toMatch(/动态要闻类栏目更新周期（天）<\/dt><dd>7</);
      const audit = await get()
        .db.selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'monitoring.thresholds')
        .execute();
      expect(audit).toHaveLength(2);
    });
  });

  describe('政务新媒体 register', () => {
    const url = () => `/admin/orgs/${orgCode}/new-media`;
    it.each([
      [{ platform: 'myspace' }, 'platform'],
      [{ name: '  ' }, 'name'],
      [{ owner: '' }, 'owner'],
      [{ status: 'sleeping' }, 'status'],
      [{ status: 'merged', merged_into: '' }, 'merged_into'],
      [{ url: 'ftp://x' }, 'url'],
      [{ last_update_on: '2026-02-30' }, 'last_update_on'],
      [{ last_update_on: '2026-12-01' }, 'last_update_on'],
    ])('rejects %j (field %s) with 400 ERR_VALIDATION and stores nothing', async (over, field) => {
      const res = await post('admin', url(), { ...goodAccount, ...over });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('ERR_VALIDATION');
      expect(res.body).toContain(`href="#f-${field}"`);
      expect(await accounts()).toHaveLength(0);
    });

    it('adds, refuses a duplicate, edits and closes an account, each change audited', async () => {
      expect((await post('admin', url(), goodAccount)).statusCode).toBe(303);
      const dup = await post('admin', url(), goodAccount);
      expect(dup.statusCode).toBe(400);
      expect(errorCode(dup)).toBe('ERR_NEW_MEDIA_DUPLICATE');
      const [acc] = await accounts();
      if (!acc) throw new Error('account not stored');
      const edit = await post('admin', `${url()}/${acc.id}`, {
        ...goodAccount,
        status: 'merged',
        merged_into: '高新区融媒',
      });
      expect(edit.statusCode).toBe(303);
      expect(await accounts()).toMatchObject([{ status: 'merged', merged_into: '高新区融媒' }]);
      expect((await post('admin', `${url()}/${acc.id}/close`, {})).statusCode).toBe(303);
      expect(await accounts()).toMatchObject([{ status: 'closed' }]);
      const audit = await get()
        .db.selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'new_media_account')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'new_media.create',
        'new_media.update',
        'new_media.close',
      ]);
      const page = await getPage('supervisor', url());
      expect(page.body).toContain('高新区发布');
      expect(page.body).not.toContain('登记新账号');
    });

    it('refuses changes by editors and other orgs, and 404s unknown accounts', async () => {
      for (const who of ['editor', 'supervisor', 'outsider']) {
        const res = await post(who, url(), { ...goodAccount, name: '另一个' });
        expect(res.statusCode).toBe(403);
        expect(errorCode(res)).toBe('ERR_MONITORING_FORBIDDEN');
      }
      for (const path of ['999999', '999999/close', 'abc']) {
        const res = await post('admin', `${url()}/${path}`, goodAccount);
        expect(res.statusCode).toBe(404);
        expect(errorCode(res)).toBe('ERR_NEW_MEDIA_NOT_FOUND');
      }
      expect(await accounts()).toHaveLength(1);
    });
  });
});
