import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../src/demo/seed.js';
import { findOrg } from '../../src/orgs/orgs.service.js';
import { createTestUser, type TestUser } from '../factories.js';
import {
  Journey,
  launchBrowser,
  mainText,
  newContext,
  pathOf,
  signInPage,
  startSite,
  type RunningSite,
} from './harness.js';

/**
 * The annual report in Chromium over the demo data: the administrator of 温州高新区 generates the
 * 2022 report from the records, enters table 二's figures, writes the text, acknowledges the LATE
 * warning, submits and publishes; the supervisor (温州市人民政府) sees the children's reports;
 * the public reads the report. Every page has zero axe-core violations.
 */
describe('annual report journey in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let orgAdmin: TestUser;
  let supervisor: TestUser;

  beforeAll(async () => {
    site = await startSite();
    await seedDemo(site.ctx);
    const zone = await findOrg(site.ctx, 'wzgxq');
    const city = await findOrg(site.ctx, 'wenzhou');
    if (!zone || !city) throw new Error('demo orgs missing');
    orgAdmin = await createTestUser(site.ctx, { grants: [{ orgId: zone.id, role: 'org_admin' }] });
    supervisor = await createTestUser(site.ctx, {
      grants: [{ orgId: city.id, role: 'supervisor' }],
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  // Screenshots in test-artifacts/e2e/report-admin/; axe-core on every page (zero violations).
  const journey = new Journey('report-admin');
  const expectAccessible = (page: Page, step: string) => journey.check(page, step);
  const signIn = (page: Page, user: TestUser) => signInPage(page, site.baseUrl, user);

  it('the administrator generates, checks and publishes the 2022 report', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, orgAdmin);
    await page.goto(`${site.baseUrl}/admin/orgs/wzgxq/reports`);
    await expectAccessible(page, 'report list');
    await page.fill('input[name="year"]', '2022');
    await page.click('main form button:has-text("根据记录生成")');
    expect(new URL(page.url()).pathname).toBe('/admin/orgs/wzgxq/reports/2022');
    expect(await page.textContent('main')).toContain('主动公开政府信息4058条');
    // The validation results are on the page: the late-publication warning awaits a reason.
    expect(await page.textContent('#findings-title')).toBe('校验结果');
    expect(
      await page.locator('section[aria-labelledby="findings-title"] [data-finding]').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('[data-finding] strong', { hasText: '错误' }).count()).toBe(0);
    await expectAccessible(page, 'draft report');

    await page.click('a:has-text("填写表二数据")');
    await expectAccessible(page, 'figures form empty');
    for (const name of ['licensing', 'penalty', 'enforcement', 'fees_10k_yuan'])
      await page.fill(`input[name="${name}"]`, '0');
    await page.click('main form button:has-text("保存")');
    await expectAccessible(page, 'figures form');
    await page.click('a:has-text("返回年度报告")');

    const overview = await page.inputValue('textarea[name="overview"]');
    await page.fill(
      'textarea[name="overview"]',
      overview.replace(/【请填写[^】]*】/g, '本年度认真落实政务公开各项工作。'),
    );
    await page.fill('textarea[name="problems"]', '一是政策解读形式单一。下一步将丰富解读形式。');
    await page.click('button:has-text("保存文字")');
    await expectAccessible(page, 'text saved');
    await page.click('button:has-text("报送上级主管部门")');
    expect(await page.textContent('main')).toContain('尚未确认');
    await expectAccessible(page, 'blocked submission');
    await page.fill('input[name^="reason"]', '平台上线前的年度，补充公开');
    await page.click('button:has-text("确认此警告")');
    expect(await mainText(page)).toContain('平台上线前的年度，补充公开');
    await expectAccessible(page, 'warning acknowledged');
    await page.click('button:has-text("报送上级主管部门")');
    await expectAccessible(page, 'submitted');
    await page.click('button:has-text("在门户网站公开")');
    expect(await page.textContent('main')).toContain('已公开');
    await expectAccessible(page, 'published report');

    await page.click('a[href*="drill?path=proactive.normative_documents.issued"]');
    expect(await page.textContent('[data-count]')).toBe('18');
    await expectAccessible(page, 'drill-down');
  }, 300_000);

  it('the supervisor sees the children’s reports', async () => {
    const page = await (await newContext(browser)).newPage();
    await signIn(page, supervisor);
    await page.goto(`${site.baseUrl}/admin/orgs/wenzhou/reports/supervise?year=2022`);
    expect(await page.getAttribute('tr[data-org="wzgxq"]', 'data-state')).toBe('published');
    expect(await page.textContent('tr[data-org="wzgxq"]')).toContain('温州高新区');
    await expectAccessible(page, 'supervision');
  }, 120_000);

  it('the public reads the report in the 公开年报 column', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${site.baseUrl}/wzgxq/annual-reports`);
    await expectAccessible(page, 'public list');
    await page.click('a:has-text("2022年政府信息公开工作年度报告")');
    expect(pathOf(page)).toBe('/wzgxq/annual-reports/2022');
    expect(await page.textContent('main')).toContain(
      '温州高新区(经开区)管委会2022年政府信息公开工作年度报告',
    );
    expect(await mainText(page)).toContain('4058');
    await expectAccessible(page, 'public report');

    // 长辈版 and a phone: larger text; the wide tables scroll inside their box, not the page.
    await page.goto(`${site.baseUrl}/mode/elder?back=/wzgxq/annual-reports/2022`);
    expect(await page.evaluate(() => document.body.classList.contains('elder'))).toBe(true);
    await expectAccessible(page, 'public report elder');
    const phone = await (await newContext(browser, { mobile: true })).newPage();
    await phone.goto(`${site.baseUrl}/wzgxq/annual-reports/2022`);
    const m = await phone.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
    }));
    expect(m.scroll).toBeLessThanOrEqual(m.width);
    await expectAccessible(phone, 'public report phone');
  }, 120_000);
});
