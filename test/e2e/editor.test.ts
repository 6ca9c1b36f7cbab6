import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestOrg, createTestUser, signIn } from '../factories.js';
import {
  axeViolations,
  describeViolations,
  launchBrowser,
  newContext,
  startSite,
  type RunningSite,
} from './harness.js';

const WORD_HTML = fs.readFileSync(path.resolve('src/catalogue/fixtures/word-notice.html'), 'utf8');

/**
 * The item form's rich-text editor in Chromium: typing, a heading and a list from the toolbar,
 * a Word paste through a real ClipboardEvent, submit, and the stored HTML; the toolbar by
 * keyboard; zero axe-core violations with JS on, with the 长辈版 styles and on a phone; the plain
 * textarea without JS.
 */
describe('item form rich-text editor in Chromium', { timeout: 120_000 }, () => {
  let site: RunningSite;
  let browser: Browser;
  let cookies: Array<{ name: string; value: string; url: string }>;
  let formUrl = '';

  beforeAll(async () => {
    site = await startSite();
    const org = await createTestOrg(site.ctx, { code: 'ed-org', kind: 'zone' });
    const user = await createTestUser(site.ctx, { grants: [{ orgId: org.id, role: 'editor' }] });
    const { cookie } = await signIn(site.app, site.ctx, user);
    cookies = cookie.split('; ').map((c) => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1), url: site.baseUrl };
    });
    formUrl = `${site.baseUrl}/admin/orgs/ed-org/items/new`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function open(opts: { javaScript?: boolean; mobile?: boolean; elder?: boolean } = {}) {
    const context: BrowserContext = await newContext(browser, opts);
    await context.addCookies(cookies);
    if (opts.elder)
      await context.addCookies([{ name: 'gk_mode', value: 'elder', url: site.baseUrl }]);
    const page = await context.newPage();
    await page.goto(formUrl);
    return { context, page };
  }

  async function expectAccessible(page: Page, label: string) {
    const v = await axeViolations(page);
    expect(v, describeViolations(label, v)).toEqual([]);
  }

  it('types, formats, pastes from Word and stores the cleaned structure', async () => {
    const { context, page } = await open();
    try {
      expect(await page.isHidden('textarea[name="body_html"]')).toBe(true);
      const area = page.getByRole('textbox', { name: '正文' });
      await expect(area.count()).resolves.toBe(1);
      await expectAccessible(page, 'editor');

      await page.selectOption('select[name="column_id"]', { label: '政策文件' });
      await page.fill('input[name="title"]', '编辑器测试通知');
      await page.fill('input[name="formed_on"]', '2026-03-02');

      await area.click();
      await page.keyboard.type('第一段正文');
      await page.keyboard.press('Enter');
      await page.keyboard.type('工作目标');
      await page.getByRole('button', { name: '标题二' }).click();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '正文' }).click();
      await page.getByRole('button', { name: '有序列表' }).click();
      await page.keyboard.type('条目一');
      await page.keyboard.press('Enter');
      await page.keyboard.type('条目二');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');

      // A real paste event carrying Word's clipboard HTML (text/html flavour).
      await area.evaluate((el, html) => {
        const dt = new DataTransfer();
        dt.setData('text/html', html);
        dt.setData('text/plain', '关于做好2026年政务公开工作的通知');
        el.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }),
        );
      }, WORD_HTML);

      const synced = await page.inputValue('textarea[name="body_html"]');
      expect(synced).toContain('<p>第一段正文</p>');
      expect(synced).toContain('<h2>工作目标</h2>');
      expect(synced).toContain('<ol><li>条目一</li><li>条目二</li></ol>');
      expect(synced).toContain(
        '<ol><li>完善主动公开目录<ul><li>行政规范性文件统一公开</li></ul></li>',
      );
      expect(synced).not.toMatch(/style=|class=|<span|<o:p|mso-|file:/);

      await page.getByRole('button', { name: '保存' }).click();
      await page.waitForURL(/\/items\/\d+(\?|$)/);
      const id = Number(/\/items\/(\d+)/.exec(page.url())?.[1]);
      const row = await site.ctx.db
        .selectFrom('items')
        .select('body_html')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.body_html).toContain('<h2>工作目标</h2>');
      expect(row.body_html).toContain('<ol><li>条目一</li><li>条目二</li></ol>');
      expect(row.body_html).toContain('<td colspan="2"><strong>责任单位</strong></td>');
      expect(row.body_html).toContain('<td rowspan="2">目录编制</td>');
      expect(row.body_html).toContain('<h3>（一）责任分工</h3>');
      expect(row.body_html).not.toMatch(/style=|class=|<span|<font|mso-/);
    } finally {
      await context.close();
    }
  });

  it('moves through the toolbar with the arrow keys (one tab stop)', async () => {
    const { context, page } = await open();
    try {
      const toolbar = page.getByRole('toolbar', { name: '正文编辑工具' });
      const tabStops = await toolbar.locator('button[tabindex="0"]').count();
      expect(tabStops).toBe(1);
      await toolbar.getByRole('button', { name: '标题二' }).focus();
      await page.keyboard.press('ArrowRight');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('标题三');
      await page.keyboard.press('End');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('清除格式');
      await page.keyboard.press('ArrowRight');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('标题二');
      await page.keyboard.press('ArrowLeft');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('清除格式');
    } finally {
      await context.close();
    }
  });

  it('has zero axe-core violations on a phone and with the 长辈版 styles (60 px tools)', async () => {
    for (const opts of [{ elder: false }, { elder: true }, { elder: true, mobile: true }]) {
      const { context, page } = await open({ mobile: 'mobile' in opts });
      try {
        // The admin layout has no 长辈版 switch yet: apply its body class to check the styles.
        if (opts.elder) await page.evaluate(() => document.body.classList.add('elder'));
        await expectAccessible(page, `editor ${JSON.stringify(opts)}`);
        const m = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          width: document.documentElement.clientWidth,
          button: document.querySelector('.rich-editor__button')?.getBoundingClientRect().height,
        }));
        expect(m.scroll).toBeLessThanOrEqual(m.width);
        expect(m.button).toBeGreaterThanOrEqual(opts.elder ? 60 : 44);
      } finally {
        await context.close();
      }
    }
  });

  it('keeps the plain textarea without JavaScript', async () => {
    const { context, page } = await open({ javaScript: false });
    try {
      expect(await page.isVisible('textarea[name="body_html"]')).toBe(true);
      expect(await page.locator('[role="toolbar"]').count()).toBe(0);
      expect(await page.locator('[contenteditable]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
