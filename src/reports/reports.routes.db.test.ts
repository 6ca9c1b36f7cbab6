import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestUser, errorCode, postForm, signIn } from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { findOrg } from '../orgs/orgs.service.js';
import { applicationRecord, importRecords, itemRecord, orgRecord } from './report.test-support.js';

type Session = { cookie: string; csrf: string };
const concluded = (on: string) => ({ type: 'concluded', on, outcome: 'open', legal_basis: null });

describeEachDb('annual report pages', (get) => {
  let app: FastifyInstance;
  let orgAdmin: Session;
  let supervisor: Session;
  let editor: Session;
  const page = (s: Session, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const base = '/admin/orgs/bureau/reports/2024';

  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    await importRecords(ctx, {
      orgs: [
        orgRecord('town', 'government', null, '示范县人民政府'),
        orgRecord('bureau', 'department', 'town', '示范县财政局'),
        orgRecord('school', 'department', 'town', '示范县教育局'),
      ],
      items: [
        itemRecord('bureau', 'I1', '2024-02-01', ['portal']),
        itemRecord('bureau', 'I2', '2024-03-01', ['portal', 'platform']),
      ],
      applications: [
        applicationRecord('bureau', 'A1', '2023-12-28', [concluded('2024-01-08')]),
        applicationRecord('bureau', 'A2', '2024-06-03', [concluded('2024-06-20')]),
      ],
    });
    const bureau = await findOrg(ctx, 'bureau');
    const town = await findOrg(ctx, 'town');
    if (!bureau || !town) throw new Error('orgs missing');
    orgAdmin = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: bureau.id, role: 'org_admin' }] }),
    );
    supervisor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: town.id, role: 'supervisor' }] }),
    );
    editor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: bureau.id, role: 'editor' }] }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('generates a report from the records and shows it with drill-down links', async () => {
    const res = await postForm(app, orgAdmin, '/admin/orgs/bureau/reports', { year: '2024' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(base);
    const html = (await page(orgAdmin, base)).body;
    expect(html).toContain('草稿');
    expect(html).toContain('不能手工修改');
    expect(html).toContain('公布期限：2025-01-31');
    expect(html).toContain(
      `${base}/drill?path=${encodeURIComponent('applications.rows.carried_in[0]')}`,
    );
    const drill = await page(
      orgAdmin,
      `${base}/drill?path=${encodeURIComponent('applications.rows.carried_in[6]')}`,
    );
    expect(drill.statusCode).toBe(200);
    expect(drill.body).toContain('A1');
    expect(drill.body).not.toContain('>A2<');
  });

  it('refuses a bad year with its code, and editors may look but not generate', async () => {
    const bad = await postForm(app, orgAdmin, '/admin/orgs/bureau/reports', { year: 'abcd' });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('ERR_REPORT_YEAR');
    expect((await page(editor, base)).statusCode).toBe(200);
    const denied = await postForm(app, editor, `${base}/generate`, {});
    expect(denied.statusCode).toBe(403);
    expect(errorCode(denied)).toBe('ERR_REPORT_FORBIDDEN');
  });

  it('shows why submission is refused, then submits and publishes once all is complete', async () => {
    const blocked = await postForm(app, orgAdmin, `${base}/submit`, {});
    expect(blocked.statusCode).toBe(422);
    expect(errorCode(blocked)).toBe('ERR_REPORT_FIGURES_MISSING');
    const badFigures = await postForm(app, orgAdmin, `${base}/figures`, {
      licensing: '-1',
      penalty: '',
      enforcement: '0',
      fees_10k_yuan: '0',
    });
    expect(badFigures.statusCode).toBe(400);
    expect(badFigures.body).toContain('不能为负数');
    const figures = await postForm(app, orgAdmin, `${base}/figures`, {
      licensing: '5',
      penalty: '0',
      enforcement: '0',
      fees_10k_yuan: '0',
    });
    expect(figures.statusCode).toBe(303);
    const text = await postForm(app, orgAdmin, `${base}/narrative`, {
      overview: '2024年，本机关持续深化政务公开。',
      problems: '政策解读形式单一。',
      other: '',
    });
    expect(text.statusCode).toBe(303);
    const unacked = await postForm(app, orgAdmin, `${base}/submit`, {});
    expect(errorCode(unacked)).toBe('ERR_REPORT_WARNINGS_UNACKNOWLEDGED');
    expect(unacked.body).toContain('LATE');
    const ack = await postForm(app, orgAdmin, `${base}/acknowledge`, {
      code: 'LATE',
      path: 'year',
      'reason-0': '系统上线前未能按期编制',
    });
    expect(ack.statusCode).toBe(303);
    expect((await postForm(app, orgAdmin, `${base}/submit`, {})).statusCode).toBe(303);
    expect((await postForm(app, orgAdmin, `${base}/publish`, {})).statusCode).toBe(303);
    expect((await page(orgAdmin, base)).body).toContain('已公开');
  });

  it('publishes the report on the portal’s 公开年报 column with accessible tables', async () => {
    const list = await app.inject({ method: 'GET', url: '/bureau/annual-reports' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('示范县财政局2024年政府信息公开工作年度报告');
    const report = await app.inject({ method: 'GET', url: '/bureau/annual-reports/2024' });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('<caption');
    expect(report.body).toContain('scope="col"');
    const docx = await app.inject({
      method: 'GET',
      url: '/bureau/annual-reports/2024/download?format=docx',
    });
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const missing = await app.inject({ method: 'GET', url: '/school/annual-reports/2024' });
    expect(missing.statusCode).toBe(404);
  });

  it('lets the supervisor see every child’s state and export them all', async () => {
    const res = await page(supervisor, '/admin/orgs/town/reports/supervise?year=2024');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-org="bureau" data-state="published"/);
    expect(res.body).toMatch(/data-org="school" data-state="late"/);
    expect(res.body).toContain('<svg');
    const zip = await page(supervisor, '/admin/orgs/town/reports/supervise/export?year=2024');
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.rawPayload.subarray(0, 4).toString('hex')).toBe('504b0304');
    const denied = await page(editor, '/admin/orgs/town/reports/supervise?year=2024');
    expect(errorCode(denied)).toBe('ERR_REPORT_FORBIDDEN');
  });

  it('imports an earlier published report from a pasted JSON document', async () => {
    const doc = {
      format: 'gongkai-annual-report',
      version: 1,
      org: { code: 'school', name: '示范县教育局', kind: 'department' },
      year: 2023,
      fees: { notices: 0, notice_amount_yuan: 0, collected_yuan: 0 },
    };
    const ok = await postForm(app, supervisor, '/admin/orgs/school/reports/import', {
      json: JSON.stringify(doc),
    });
    expect(errorCode(ok)).toBe('ERR_REPORT_FORBIDDEN');
    const admin = await signIn(app, get(), await createTestUser(get(), { platformAdmin: true }));
    const res = await postForm(app, admin, '/admin/orgs/school/reports/import', {
      json: JSON.stringify(doc),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('已导入 2023 年度报告');
    const bad = await postForm(app, admin, '/admin/orgs/school/reports/import', {
      json: JSON.stringify({ ...doc, fees: { notices: -1 } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('fees.notices');
  });
});
