import { expect, it } from 'vitest';
import { systemActor, type Actor } from '../platform/authz.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { findOrg } from '../orgs/orgs.service.js';
import { drill } from './report.drill.js';
import { importPublishedReport, saveManualFigures } from './report.figures.js';
import { PLACEHOLDER_MARK } from './narrative-draft.model.js';
import { applicationRecord, importRecords, itemRecord, orgRecord } from './report.test-support.js';
import {
  acknowledgeWarning,
  amendReport,
  publishReport,
  saveNarrative,
  submitReport,
} from './report.workflow.js';
import { generateReport, getReport } from './reports.service.js';
import { exportSupervision, supervise } from './supervisor.service.js';
import { computeAnnualReport } from './figures.model.js';

const admin = systemActor('test');
const figures = { licensing: '12', penalty: '3', enforcement: '0', fees_10k_yuan: '1.5' };
const narrative = {
  overview: '2024年，本机关持续深化政务公开。',
  problems: '一是政策解读形式单一。',
  other: '无其他需要报告的事项。',
};
const concluded = (on: string, outcome: string) => ({
  type: 'concluded',
  on,
  outcome,
  legal_basis: null,
});

/** A published 2023 report with only table 三 (as imported): `carried_out` persons carried over. */
function published2023(org: string, carriedOut: number) {
  const empty = computeAnnualReport(
    {
      org: { code: org, name: `${org}单位`, kind: 'department' },
      items: [],
      applications: [],
      appeals: [],
    },
    2023,
  );
  const rows = { ...empty.applications.rows };
  rows.new = [carriedOut, 0, 0, 0, 0, 0, carriedOut];
  rows.carried_out = [carriedOut, 0, 0, 0, 0, 0, carriedOut];
  const { proactive: _p, narrative: _n, ...doc } = empty;
  return { ...doc, applications: { ...empty.applications, rows } };
}

describeEachDb('annual reports generated from the records', (get) => {
  it('sets up orgs and records', async () => {
    const ctx = get();
    await importRecords(ctx, {
      orgs: [
        orgRecord('city', 'government', null, '示范市人民政府'),
        orgRecord('dept', 'department', 'city', '示范市财政局'),
        orgRecord('dept2', 'department', 'city', '示范市教育局'),
        orgRecord('dept3', 'department', 'city', '示范市民政局'),
      ],
      items: [
        itemRecord('dept', 'I1', '2024-02-01', ['portal']),
        itemRecord('dept', 'I2', '2024-03-01', ['portal']),
        itemRecord('dept', 'I3', '2024-04-01', ['portal']),
        itemRecord('dept', 'I4', '2024-05-01', ['portal', 'platform']),
        itemRecord('dept', 'I0', '2023-05-01', ['portal']),
      ],
      applications: [
        applicationRecord('dept', 'A1', '2023-12-20', [concluded('2024-01-10', 'open')]),
        applicationRecord(
          'dept',
          'A2',
          '2024-03-01',
          [concluded('2024-03-20', 'partial')],
          'commercial',
        ),
        applicationRecord('dept', 'A3', '2024-12-27', []),
      ],
      appeals: [
        {
          org: 'dept',
          ref: 'R1',
          application: 'A2',
          kind: 'review',
          filed_on: '2024-05-01',
          decided_on: '2024-07-01',
          result: 'corrected',
        },
      ],
    });
    const r = await importPublishedReport(ctx, admin, 'dept', {
      ...published2023('dept', 1),
      org: { code: 'dept', name: '示范市财政局', kind: 'department' },
    });
    expect(r).toMatchObject({ year: 2023, result: 'created', findings: [] });
  });

  it('generates a draft whose tables and text come from the records', async () => {
    const ctx = get();
    expect(await generateReport(ctx, admin, 'dept', 2024)).toEqual({ created: true });
    const view = await getReport(ctx, admin, 'dept', 2024);
    if (!view) throw new Error('no report');
    expect(view).toMatchObject({ state: 'draft', revision: 1, deadline: '2025-01-31' });
    expect(view.doc.applications.rows.carried_in).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(view.doc.applications.rows.partial).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(view.doc.applications.rows.carried_out).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(view.doc.appeals.review).toEqual([0, 1, 0, 0, 1]);
    expect(view.doc.channels).toMatchObject({ portal: 4, platform: 1 });
    expect(view.missingFigures).toHaveLength(4);
    expect(view.findings.map((f) => f.code)).toEqual(['LATE']);
    expect(view.doc.narrative.overview).toContain(
      '2024年，本机关主动公开政府信息4条，其中门户网站公开4条',
    );
    expect(view.doc.narrative.overview).toContain('复议纠正率100.0%');
  });

  it('blocks submission until figures, text and acknowledgements are complete', async () => {
    const ctx = get();
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { code?: string }) => e.code,
      );
    expect(await code(submitReport(ctx, admin, 'dept', 2024))).toBe('ERR_REPORT_FIGURES_MISSING');
    await saveManualFigures(ctx, admin, 'dept', 2024, figures);
    expect(await code(submitReport(ctx, admin, 'dept', 2024))).toBe(
      'ERR_REPORT_NARRATIVE_INCOMPLETE',
    );
    await saveNarrative(ctx, admin, 'dept', 2024, narrative);
    const err = await submitReport(ctx, admin, 'dept', 2024).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ERR_REPORT_WARNINGS_UNACKNOWLEDGED',
      findings: [{ code: 'LATE' }],
    });
    expect(
      await code(
        acknowledgeWarning(ctx, admin, 'dept', 2024, { code: 'LATE', path: 'year', reason: '' }),
      ),
    ).toBe('ERR_VALIDATION');
    expect(
      await code(
        acknowledgeWarning(ctx, admin, 'dept', 2024, {
          code: 'S2_STOCK',
          path: 'x',
          reason: '说明理由',
        }),
      ),
    ).toBe('ERR_REPORT_WARNING_NOT_FOUND');
    await acknowledgeWarning(ctx, admin, 'dept', 2024, {
      code: 'LATE',
      path: 'year',
      reason: '机构改革，延后编制',
    });
    await submitReport(ctx, admin, 'dept', 2024);
    const view = await getReport(ctx, admin, 'dept', 2024);
    expect(view?.state).toBe('submitted');
    expect(view?.doc.proactive).toMatchObject({
      licensing: 12,
      penalty: 3,
      enforcement: 0,
      fees_10k_yuan: 1.5,
    });
    expect(await code(generateReport(ctx, admin, 'dept', 2024))).toBe('ERR_REPORT_NOT_DRAFT');
    expect(await code(saveNarrative(ctx, admin, 'dept', 2024, narrative))).toBe(
      'ERR_REPORT_NOT_DRAFT',
    );
  });

  it('publishes, then amends with a new revision while the old one stays readable', async () => {
    const ctx = get();
    await publishReport(ctx, admin, 'dept', 2024);
    const published = await getReport(ctx, admin, 'dept', 2024);
    expect(published?.state).toBe('published');
    expect(published?.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(amendReport(ctx, admin, 'dept', 2024, { change_note: '' })).rejects.toMatchObject({
      code: 'ERR_VALIDATION',
    });
    await amendReport(ctx, admin, 'dept', 2024, { change_note: '更正表二行政许可数据' });
    const draft = await getReport(ctx, admin, 'dept', 2024);
    expect(draft).toMatchObject({
      revision: 2,
      state: 'draft',
      changeNote: '更正表二行政许可数据',
    });
    expect(draft?.doc.narrative.overview).toBe(narrative.overview);
    await acknowledgeWarning(ctx, admin, 'dept', 2024, {
      code: 'LATE',
      path: 'year',
      reason: '更正版本',
    });
    await submitReport(ctx, admin, 'dept', 2024);
    await publishReport(ctx, admin, 'dept', 2024);
    expect((await getReport(ctx, admin, 'dept', 2024, 1))?.state).toBe('amended');
    expect(
      (await getReport(ctx, admin, 'dept', 2024))?.revisions.map((r) => [r.revision, r.state]),
    ).toEqual([
      [2, 'published'],
      [1, 'amended'],
    ]);
  });

  it('refuses submission when this year’s 上年结转 differs from last year’s published report', async () => {
    const ctx = get();
    await importPublishedReport(ctx, admin, 'dept3', {
      ...published2023('dept3', 2),
      org: { code: 'dept3', name: '示范市民政局', kind: 'department' },
    });
    await generateReport(ctx, admin, 'dept3', 2024);
    await saveManualFigures(ctx, admin, 'dept3', 2024, figures);
    await saveNarrative(ctx, admin, 'dept3', 2024, narrative);
    const err = await submitReport(ctx, admin, 'dept3', 2024).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_REPORT_INVALID' });
    expect((err as { findings: Array<{ code: string }> }).findings.map((f) => f.code)).toContain(
      'CARRY_OVER',
    );
  });

  it('asks for LATE to be acknowledged when a report submitted in time is published late', async () => {
    const ctx = get();
    const realNow = ctx.now;
    ctx.now = () => new Date('2026-01-10T02:00:00Z');
    try {
      await generateReport(ctx, admin, 'dept2', 2025);
      await saveManualFigures(ctx, admin, 'dept2', 2025, figures);
      await saveNarrative(ctx, admin, 'dept2', 2025, narrative);
      await submitReport(ctx, admin, 'dept2', 2025);
    } finally {
      ctx.now = realNow;
    }
    const err = await publishReport(ctx, admin, 'dept2', 2025).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ERR_REPORT_WARNINGS_UNACKNOWLEDGED',
      findings: [{ code: 'LATE' }],
    });
    await acknowledgeWarning(ctx, admin, 'dept2', 2025, {
      code: 'LATE',
      path: 'year',
      reason: '上级审核时间较长',
    });
    await publishReport(ctx, admin, 'dept2', 2025);
    expect((await getReport(ctx, admin, 'dept2', 2025))?.state).toBe('published');
  });

  it('lists the records behind a figure', async () => {
    const ctx = get();
    const carried = await drill(ctx, admin, 'dept', 2024, 'applications.rows.carried_in[0]');
    expect(carried.applications.map((a) => a.ref)).toEqual(['A1']);
    expect(carried.label).toContain('二、上年结转政府信息公开申请数量');
    const portal = await drill(ctx, admin, 'dept', 2024, 'channels.portal');
    expect(portal.items.map((i) => i.ref).sort()).toEqual(['I1', 'I2', 'I3', 'I4']);
    const review = await drill(ctx, admin, 'dept', 2024, 'appeals.review[1]');
    expect(review.appeals.map((a) => a.ref)).toEqual(['R1']);
    await expect(drill(ctx, admin, 'dept', 2024, 'proactive.licensing')).rejects.toMatchObject({
      code: 'ERR_REPORT_DRILL_PATH',
    });
  });

  it('shows the supervisor every child’s state, the sums and the trend, and exports them', async () => {
    const ctx = get();
    const view = await supervise(ctx, admin, 'city', 2024);
    const states = Object.fromEntries(view.reports.map((r) => [r.org.code, r.state]));
    expect(states).toEqual({ dept: 'published', dept2: 'late', dept3: 'late' });
    expect(view.reports.find((r) => r.org.code === 'dept3')?.errors).toBeGreaterThan(0);
    expect(view.sums.newApplications).toBe(2);
    expect(view.sums.carriedIn).toBe(1);
    expect(view.trend.map((p) => [p.year, p.applications])).toEqual([
      [2023, 3],
      [2024, 2],
      [2025, 0],
    ]);
    const zip = await exportSupervision(ctx, admin, 'city', 2024);
    expect(zip.fileName).toBe('city-2024-annual-reports.zip');
    expect(zip.data.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(zip.data.includes(Buffer.from('2024年度报告汇总.xlsx'))).toBe(true);
    expect(zip.data.includes(Buffer.from('dept-2024-示范市财政局.docx'))).toBe(true);
  });

  it('keeps staff of other roles and orgs out', async () => {
    const ctx = get();
    const dept = await findOrg(ctx, 'dept');
    if (!dept) throw new Error('dept missing');
    const editor: Actor = {
      userId: 9,
      username: 'e',
      isPlatformAdmin: false,
      grants: [{ orgId: dept.id, role: 'editor' }],
    };
    await expect(generateReport(ctx, editor, 'dept', 2024)).rejects.toMatchObject({
      code: 'ERR_REPORT_FORBIDDEN',
    });
    await expect(supervise(ctx, editor, 'city', 2024)).rejects.toMatchObject({
      code: 'ERR_REPORT_FORBIDDEN',
    });
    expect((await getReport(ctx, editor, 'dept', 2024))?.state).toBe('published');
    await expect(generateReport(ctx, admin, 'nowhere', 2024)).rejects.toMatchObject({
      code: 'ERR_ORG_NOT_FOUND',
    });
    await expect(generateReport(ctx, admin, 'dept', 2031)).rejects.toMatchObject({
      code: 'ERR_REPORT_YEAR',
    });
    expect(PLACEHOLDER_MARK).toBe('【请填写');
  });
});
