import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestOrg, createTestUser, errorCode, signIn } from '../../test/factories.js';
import { describeEachDb } from '../platform/db/test-helper.js';
import { buildApp } from '../platform/http/app.js';
import { systemActor } from '../platform/authz.js';
import { insertColumn, insertFinding, insertItem } from './rectification.test-support.js';
import { selfInspection } from './self-inspection.service.js';
import { orgScore } from './scores.service.js';

type Session = { cookie: string; csrf: string };

describeEachDb('绩效考核 scores, ranking and 自查报告 (REGULATIONS.md §7.1)', (get) => {
  let app: FastifyInstance;
  let supervisor: Session;
  let editor: Session;
  let outsider: Session;
  const q = 'from=2026-01-01&to=2026-06-30';
  const page = (s: Session, url: string) =>
    app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const seen = (d: string) => `${d}T02:00:00.000Z`;

  beforeAll(async () => {
    const ctx = get();
    app = await buildApp(ctx);
    const city = await createTestOrg(ctx, {
      code: 'kcity',
      name: '示范市人民政府',
      kind: 'government',
    });
    const good = await createTestOrg(ctx, {
      code: 'kgood',
      name: '示范市教育局',
      parentId: city.id,
    });
    const weak = await createTestOrg(ctx, {
      code: 'kweak',
      name: '示范市财政局',
      parentId: city.id,
    });
    const vetoed = await createTestOrg(ctx, {
      code: 'kveto',
      name: '示范市商务局',
      parentId: city.id,
    });
    const other = await createTestOrg(ctx, { code: 'kother' });
    const col = await insertColumn(ctx, good.id, 'news', '工作动态');
    // kgood: 4 items, one published 40 days after 成文 (late); two major broken links.
    await insertItem(ctx, good.id, col, '2026-03-02', '2026-03-02');
    await insertItem(ctx, good.id, col, '2026-03-03', '2026-03-03');
    await insertItem(ctx, good.id, col, '2026-03-04', '2026-03-04');
    await insertItem(ctx, good.id, col, '2026-04-20', '2026-03-10');
    await insertFinding(ctx, good.id, {
      kind: 'broken_link',
      severity: 'major',
      firstSeenAt: seen('2026-02-01'),
      title: '首页链接失效',
    });
    await insertFinding(ctx, good.id, {
      kind: 'broken_link',
      severity: 'major',
      firstSeenAt: seen('2026-02-02'),
    });
    // Outside the period and ignored findings do not count.
    await insertFinding(ctx, good.id, {
      kind: 'broken_link',
      severity: 'major',
      firstSeenAt: seen('2025-12-01'),
    });
    await insertFinding(ctx, good.id, {
      kind: 'content_typo',
      severity: 'major',
      status: 'ignored',
      firstSeenAt: seen('2026-02-03'),
    });
    // A task closed after its due date counts as rectification overdue.
    await insertFinding(ctx, good.id, {
      kind: 'content_typo',
      severity: 'minor',
      status: 'closed',
      dueOn: '2026-03-01',
      closedAt: seen('2026-03-10'),
      firstSeenAt: seen('2026-02-10'),
    });
    // kweak: ten major stale columns (capped at 25) and ten major content findings (capped at 20).
    for (let i = 0; i < 10; i++) {
      await insertFinding(ctx, weak.id, {
        kind: 'stale_column',
        subjectType: 'column',
        severity: 'major',
        firstSeenAt: seen('2026-05-01'),
      });
      await insertFinding(ctx, weak.id, {
        kind: 'content_expression',
        severity: 'major',
        firstSeenAt: seen('2026-05-01'),
      });
    }
    await insertFinding(ctx, vetoed.id, {
      kind: 'home_not_updated',
      subjectType: 'org',
      severity: 'veto',
      firstSeenAt: seen('2026-06-01'),
    });
    supervisor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: city.id, role: 'supervisor' }] }),
    );
    editor = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: good.id, role: 'editor' }] }),
    );
    outsider = await signIn(
      app,
      ctx,
      await createTestUser(ctx, { grants: [{ orgId: other.id, role: 'org_admin' }] }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('scores an org from its records: capped deductions per indicator, the formula shown', async () => {
    const view = await orgScore(get(), systemActor(), 'kgood', {
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(view.inputs).toMatchObject({
      published: 4,
      latePublished: 1,
      overdueTasks: 1,
      overdueApplications: 0,
    });
    expect(view.inputs.findings).toHaveLength(3);
    // links 2×2 = 4; timeliness 25% × 0.5 = 12.5; content 1 minor = 1; rectification 1.
    expect(view.score.total).toBe(100 - 4 - 12.5 - 1 - 1);
    expect(view.score.result).toBe('合格');
    const res = await page(editor, `/admin/orgs/kgood/scores?${q}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-total="81.5"');
    expect(res.body).toContain('2×2 + 0×1 = 4，上限 10 → 扣 4 分');
    expect(res.body).toContain('得分 = 100 − 各项扣分之和');
  });

  it('a 单项否决 makes the org 不合格 without a score', async () => {
    const res = await page(supervisor, `/admin/orgs/kveto/scores?${q}`);
    expect(res.body).toContain('单项否决：首页不更新 1 项');
    expect(res.body).not.toContain('data-total=');
  });

  it('ranks the children for the supervisor with an SVG chart and an XLSX export', async () => {
    const res = await page(supervisor, `/admin/orgs/kcity/scores/ranking?${q}`);
    expect(res.statusCode).toBe(200);
    const order = [...res.body.matchAll(/data-org="(k[a-z]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['kgood', 'kweak', 'kveto']);
    const svg = /<svg[\s\S]*<\/svg>/.exec(res.body)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    expect(svg).toContain('示范市财政局：55分（不合格）');
    expect(svg).not.toMatch(/<script|style="|<style/);
    const xlsx = await page(supervisor, `/admin/orgs/kcity/scores/ranking.xlsx?${q}`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('考核排名');
    expect(sheet?.getCell(3, 2).value).toBe('kgood');
    expect(sheet?.getCell(3, 5).value).toBe(81.5);
    expect(sheet?.getCell(4, 4).value).toBe('不合格');
    expect(sheet?.getCell(4, 5).value).toBe(55);
  });

  it('refuses the ranking to an editor and everything to another org (403)', async () => {
    const r = await page(editor, `/admin/orgs/kcity/scores/ranking?${q}`);
    expect(r.statusCode).toBe(403);
    expect(errorCode(r)).toBe('ERR_MONITORING_FORBIDDEN');
    expect((await page(outsider, `/admin/orgs/kgood/scores?${q}`)).statusCode).toBe(403);
    expect((await page(outsider, `/admin/orgs/kgood/self-inspection?${q}`)).statusCode).toBe(403);
  });

  it.each(['from=2026-13-01', 'from=2026-06-30&to=2026-01-01', 'to=abc'])(
    'refuses a bad period (%s) with 400',
    async (bad) => {
      const res = await page(supervisor, `/admin/orgs/kgood/scores?${bad}`);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('ERR_VALIDATION');
    },
  );

  it('produces the 自查报告 as HTML and DOCX with all six sections', async () => {
    const data = await selfInspection(get(), systemActor(), 'kgood', {
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(data.problems.map((p) => [p.kind, p.count])).toEqual([
      ['broken_link', 2],
      ['content_typo', 1],
    ]);
    expect(data.rectification).toMatchObject({ total: 4, closed: 1, open: 2, ignored: 1 });
    const res = await page(editor, `/admin/orgs/kgood/self-inspection?${q}`);
    expect(res.statusCode).toBe(200);
    for (const h of [
      '一、基本情况',
      '二、检查发现的问题',
      '三、整改情况',
      '四、抽查情况',
      '五、考核得分',
      '六、下一步工作',
    ])
      expect(res.body).toContain(h);
    expect(res.body).toContain('首页链接失效');
    const docx = await page(editor, `/admin/orgs/kgood/self-inspection.docx?${q}`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('示范市教育局政务公开工作自查报告');
    expect(xml).toContain('六、下一步工作');
    expect(xml).toContain('仿宋_GB2312');
  });
});
