import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, createTestUser, postForm, signIn } from '../../test/factories.js';
import {
  axeViolations,
  describeViolations,
  launchBrowser,
  newContext,
  startSite,
  type RunningSite,
} from '../../test/e2e/harness.js';
import { insertColumn, insertFinding, insertItem } from './rectification.test-support.js';

/**
 * Every rectification, spot-check, score and 自查报告 page in a real Chromium, on a desktop and a
 * phone: zero axe-core violations; a spot-check result recorded without JavaScript.
 */
describe('rectification pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext;
  let findingId = 0;
  let checkUrl = '';

  beforeAll(async () => {
    site = await startSite();
    const { ctx, app } = site;
    const city = await createTestOrg(ctx, { code: 'a11y-city', kind: 'government' });
    const org = await createTestOrg(ctx, { code: 'a11y-mon', parentId: city.id });
    const col = await insertColumn(ctx, org.id, 'news', '工作动态');
    for (let i = 1; i <= 5; i++) await insertItem(ctx, org.id, col, `2026-03-0${i}`);
    const user = await createTestUser(ctx, {
      grants: [
        { orgId: org.id, role: 'org_admin' },
        { orgId: city.id, role: 'supervisor' },
      ],
    });
    findingId = await insertFinding(ctx, org.id, {
      columnId: col,
      assigneeId: user.id,
      dueOn: '2026-01-01',
      detail: { url: 'https://example.gov.cn/a', page: 'https://example.gov.cn/', status: 404 },
    });
    const session = await signIn(app, ctx, user);
    const created = await postForm(app, session, '/admin/orgs/a11y-mon/spot-checks', {
      title: '一季度抽查',
      period_from: '2026-01-01',
      period_to: '2026-03-31',
      sample_size: '3',
      seed: 'a11y',
    });
    checkUrl = String(created.headers.location).split('?')[0] ?? '';
    browser = await launchBrowser();
    context = await newContext(browser);
    await context.addCookies(
      session.cookie.split('; ').map((pair) => {
        const i = pair.indexOf('=');
        return { name: pair.slice(0, i), value: pair.slice(i + 1), url: site.baseUrl };
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await site?.stop();
  });

  const paths = () => [
    '/admin/orgs/a11y-mon/monitoring/findings',
    `/admin/orgs/a11y-mon/monitoring/findings/${findingId}`,
    '/admin/tasks',
    '/admin/orgs/a11y-mon/spot-checks',
    checkUrl,
    '/admin/orgs/a11y-mon/scores?from=2026-01-01&to=2026-06-30',
    '/admin/orgs/a11y-city/scores/ranking?from=2026-01-01&to=2026-06-30',
    '/admin/orgs/a11y-mon/self-inspection?from=2026-01-01&to=2026-06-30',
  ];

  it('has no axe violations on any page type, on a desktop and on a phone', async () => {
    const phone = await newContext(browser, { mobile: true });
    await phone.addCookies(await context.cookies());
    for (const ctxt of [context, phone]) {
      const page = await ctxt.newPage();
      for (const path of paths()) {
        const res = await page.goto(site.baseUrl + path);
        expect(res?.status(), path).toBe(200);
        const v = await axeViolations(page);
        expect(v, describeViolations(path, v)).toEqual([]);
      }
      // A form re-rendered with errors.
      await page.goto(`${site.baseUrl}/admin/orgs/a11y-mon/monitoring/findings/${findingId}`);
      await page.getByRole('button', { name: '标记为误报' }).click();
      expect(await page.locator('.error-summary').count()).toBe(1);
      const v = await axeViolations(page);
      expect(v, describeViolations('finding with errors', v)).toEqual([]);
    }
    await phone.close();
  }, 120_000);

  it('records a spot-check result without JavaScript', async () => {
    const noJs = await newContext(browser, { javaScript: false });
    await noJs.addCookies(await context.cookies());
    const page = await noJs.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(site.baseUrl + checkUrl);
    const form = page.locator('.spot-item form').first();
    for (const label of ['合格']) {
      const radios = form.getByLabel(label, { exact: true });
      for (let i = 0; i < (await radios.count()); i++) await radios.nth(i).check();
    }
    await form.getByRole('button', { name: '记录检查结果' }).click();
    expect(await page.locator('.spot-item[data-result="pass"]').count()).toBe(1);
    await noJs.close();
  }, 60_000);
});
