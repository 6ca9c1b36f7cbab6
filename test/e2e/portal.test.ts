import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
 * The public portal in a real Chromium over the demo data: every page type with zero axe-core
 * violations in normal and 长辈版 mode, the 政策文件 filter form without JavaScript, and no
 * horizontal scrolling on a phone or at 200% zoom (a 640 px wide viewport ≈ 1280 px at 200%).
 */
describe('portal pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let pages: string[] = [];

  beforeAll(async () => {
    site = await startSite();
    await seedDemo(site.ctx);
    const rows = await site.ctx.db
      .selectFrom('items')
      .select(['id', 'ref'])
      .where('ref', 'in', ['demo-2022-policy-001', 'demo-withdrawn-2023', 'demo-changed-2024'])
      .execute();
    const id = (ref: string) => rows.find((r) => r.ref === ref)?.id ?? 0;
    pages = [
      '/wzgxq/',
      '/wzgxq/columns/notice',
      '/wzgxq/columns/statutory',
      `/wzgxq/items/${id('demo-2022-policy-001')}`,
      `/wzgxq/items/${id('demo-changed-2024')}`,
      `/wzgxq/items/${id('demo-2022-policy-001')}?print=1`,
      `/wzgxq/items/${id('demo-withdrawn-2023')}`,
      '/wzgxq/policies?year=2022&doc_type=normative&validity=valid',
      '/wzgxq/guide',
    ];
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

  async function expectNoHorizontalScroll(page: Page, label: string) {
    const m = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      font: parseFloat(getComputedStyle(document.body).fontSize),
    }));
    expect(m.scroll, label).toBeLessThanOrEqual(m.width);
    expect(m.font, label).toBeGreaterThanOrEqual(18);
  }

  it('every portal page type has no axe violations in normal and 长辈版 mode', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const path of pages) {
      const res = await page.goto(site.baseUrl + path);
      expect([200, 410], path).toContain(res?.status());
      await expectAccessible(page, 'normal');
    }
    await page.goto(`${site.baseUrl}/mode/elder?back=/`);
    for (const path of pages) {
      await page.goto(site.baseUrl + path);
      expect(await page.evaluate(() => document.body.classList.contains('elder')), path).toBe(true);
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(size, path).toBeGreaterThanOrEqual(27);
      await expectAccessible(page, '长辈版');
    }
    await context.close();
  }, 180_000);

  it('the 政策文件 filter form works without JavaScript', async () => {
    const context = await newContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/wzgxq/policies`);
    await page.selectOption('select[name="year"]', '2021');
    await page.selectOption('select[name="validity"]', 'abolished');
    await page.click('form[role="search"] button[type="submit"]');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/wzgxq/policies');
    expect(url.searchParams.get('year')).toBe('2021');
    expect(url.searchParams.get('validity')).toBe('abolished');
    const titles = await page.locator('.item-list__item').allTextContents();
    expect(titles.length).toBe(1);
    expect(titles[0]).toContain('温高管〔2021〕1号');
    expect(await page.locator('select[name="year"] option[selected]').textContent()).toBe('2021年');
    await context.close();
  });

  it('pages fit a phone screen and a 640 px viewport (200% zoom) in both modes', async () => {
    for (const opts of [{ mobile: true }, {}]) {
      const context = await newContext(browser, opts);
      const page = await context.newPage();
      if (!opts.mobile) await page.setViewportSize({ width: 640, height: 800 });
      for (const mode of ['standard', 'elder']) {
        await page.goto(`${site.baseUrl}/mode/${mode}?back=/`);
        for (const path of pages) {
          await page.goto(site.baseUrl + path);
          await expectNoHorizontalScroll(
            page,
            `${opts.mobile ? 'phone' : '640px'} ${mode} ${path}`,
          );
        }
      }
      await context.close();
    }
  }, 180_000);

  it('a reader reaches an item from the home page with the keyboard only', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/wzgxq/`);
    const first = page.locator('#latest + .item-list a').first();
    const href = await first.getAttribute('href');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === href);
    expect(await page.locator('table.meta-box th').first().textContent()).toBe('索引号');
    await context.close();
  });
});
