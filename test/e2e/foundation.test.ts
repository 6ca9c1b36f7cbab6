import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../src/demo/seed.js';
import {
  axeViolations,
  describeViolations,
  launchBrowser,
  newContext,
  startSite,
  type RunningSite,
} from './harness.js';

/**
 * The foundation's pages in a real Chromium: zero axe-core violations in normal and 长辈版
 * mode, usable without JavaScript, and on a phone-sized screen without horizontal scrolling.
 */
describe('foundation pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let adminPassword = '';

  beforeAll(async () => {
    site = await startSite();
    adminPassword = (await seedDemo(site.ctx)).adminPassword ?? '';
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function expectAccessible(page: Page, label: string) {
    const v = await axeViolations(page);
    expect(v, describeViolations(`${label} ${page.url()}`, v)).toEqual([]);
  }

  const PORTAL = ['/', '/wzgxq/', '/wzgxq/guide', '/no-such-org/'];

  it('the 长辈版 switch is a plain link that works without JavaScript', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/wzgxq/guide`);
    expect(await page.locator('body').getAttribute('class')).toBeNull();
    await page.getByRole('link', { name: '长辈版' }).click();
    expect(new URL(page.url()).pathname).toBe('/wzgxq/guide');
    expect(await page.locator('body').getAttribute('class')).toBe('elder');
    await page.getByRole('link', { name: '切换到标准版' }).click();
    expect(await page.locator('body').getAttribute('class')).toBeNull();
    await context.close();
  });

  // axe-core needs scripts (timers) to run, so the audits use a JavaScript-enabled browser.
  it('portal pages have no axe violations in normal and 长辈版 mode', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const path of PORTAL) {
      await page.goto(site.baseUrl + path);
      await expectAccessible(page, 'normal');
    }
    await page.goto(`${site.baseUrl}/mode/elder?back=/`);
    for (const path of PORTAL) {
      await page.goto(site.baseUrl + path);
      expect(await page.evaluate(() => document.body.classList.contains('elder')), path).toBe(true);
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(size).toBeGreaterThanOrEqual(27); // 1.5 × 18px
      await expectAccessible(page, '长辈版');
    }
    await context.close();
  });

  it('portal pages fit a phone screen with base text of at least 18px', async () => {
    const context = await newContext(browser, { mobile: true });
    const page = await context.newPage();
    for (const path of PORTAL) {
      await page.goto(site.baseUrl + path);
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        width: document.documentElement.clientWidth,
        font: parseFloat(getComputedStyle(document.body).fontSize),
      }));
      expect(m.scroll, path).toBeLessThanOrEqual(m.width);
      expect(m.font).toBeGreaterThanOrEqual(18);
      await expectAccessible(page, 'mobile');
    }
    await context.close();
  });

  it('an administrator signs in without JavaScript; forms re-render with their errors', async () => {
    const context: BrowserContext = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/admin/orgs`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', adminPassword);
    await page.click('button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/admin/enrol-2fa');
    await page.getByRole('button', { name: '暂不设置，稍后提醒' }).click();
    await page.goto(`${site.baseUrl}/admin/orgs/new`);
    await page.fill('input[name="code"]', 'Bad Code!');
    await page.click('form[method="post"] button[type="submit"] >> nth=-1');
    expect(await page.locator('.error-summary a[href^="#f-"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#f-code').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  }, 120_000);

  it('an administrator signs in and every back-office page is accessible', async () => {
    const context: BrowserContext = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await expectAccessible(page, 'login');

    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', 'wrong-password-123');
    await page.click('button[type="submit"]');
    await expect(
      page.locator('.error-summary, .field__error, .notice--warning').first().isVisible(),
    ).resolves.toBe(true);
    await expectAccessible(page, 'login error');

    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', adminPassword);
    await page.click('button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/admin/enrol-2fa');
    await expectAccessible(page, 'enrol');
    expect(await page.locator('img[src^="data:image/png"]').count()).toBe(1);

    await page.getByRole('button', { name: '暂不设置，稍后提醒' }).click();
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.locator('[role="alert"]').first().textContent()).toContain('双因素');
    await expectAccessible(page, 'dashboard');

    for (const path of [
      '/admin/orgs',
      '/admin/orgs/wzgxq',
      '/admin/orgs/wzgxq/edit',
      '/admin/orgs/new',
      '/admin/users',
      '/admin/users/new',
      '/admin/account',
      '/admin/calendar?year=2025',
      '/admin/calendar/2027/edit',
      '/admin/calendar/calc?from=2025-09-26&n=20',
      '/admin/audit',
    ]) {
      const res = await page.goto(site.baseUrl + path);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page, path);
    }

    // A form with errors re-renders with a summary linking to the fields, still accessible.
    await page.goto(`${site.baseUrl}/admin/orgs/new`);
    await page.fill('input[name="code"]', 'Bad Code!');
    await page.click('form[method="post"] button[type="submit"] >> nth=-1');
    expect(await page.locator('.error-summary a[href^="#f-"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'org form errors');

    // Sign out, and the back office is closed again.
    await page.goto(`${site.baseUrl}/admin`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.goto(`${site.baseUrl}/admin/orgs`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await context.close();
  }, 120_000);
});
