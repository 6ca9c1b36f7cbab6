import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTestOrg, createTestUser, signIn } from '../../test/factories.js';
import {
  axeViolations,
  describeViolations,
  launchBrowser,
  newContext,
  startSite,
  type RunningSite,
} from '../../test/e2e/harness.js';
import { systemActor } from '../platform/authz.js';
import { runMonitorScan } from './scan.service.js';

/**
 * The monitoring pages in a real Chromium: zero axe-core violations (desktop and phone), a form
 * with errors, and the 政务新媒体 register usable without JavaScript.
 */
describe('monitoring pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext;
  let runId = 0;
  const base = '/admin/orgs/a11y-mon';

  beforeAll(async () => {
    site = await startSite();
    const { ctx, app } = site;
    const org = await createTestOrg(ctx, { code: 'a11y-mon' });
    const user = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'org_admin' }] });
    const session = await signIn(app, ctx, user);
    await ctx.db
      .insertInto('new_media_accounts')
      .values({
        org_id: org.id,
        platform: 'wechat',
        name: '测试发布',
        owner: '办公室',
        status: 'operating',
        merged_into: null,
        url: 'https://example.org/x',
        last_update_on: '2020-01-01',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    runId = (
      await ctx.db
        .insertInto('link_check_runs')
        .values({
          org_id: org.id,
          start_url: 'http://127.0.0.1/a11y-mon/',
          started_at: new Date().toISOString(),
          finished_at: new Date().toISOString(),
          status: 'done',
          pages: 2,
          links: 5,
          broken_on_home: 1,
          broken_on_other_pages: 0,
          error: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await ctx.db
      .insertInto('link_check_findings')
      .values({
        run_id: runId,
        page: 'http://127.0.0.1/a11y-mon/',
        url: 'http://127.0.0.1/a11y-mon/very/long/path/that/should/wrap/on/a/phone/old.html',
        text: '旧通知',
        status: '404',
        on_home: 1,
      })
      .execute();
    await runMonitorScan(ctx, systemActor('test'), { orgId: org.id });
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
    `${base}/monitoring`,
    `${base}/monitoring/links`,
    `${base}/monitoring/links/${runId}`,
    `${base}/new-media`,
    `${base}/new-media?edit=1`,
    `${base}/monitoring/settings`,
  ];

  it('has no axe violations on any page, on a desktop and on a phone', async () => {
    const phone = await newContext(browser, { mobile: true });
    await phone.addCookies(await context.cookies());
    for (const c of [context, phone]) {
      const page = await c.newPage();
      for (const path of paths()) {
        const res = await page.goto(site.baseUrl + path);
        expect(res?.status(), path).toBe(200);
        const v = await axeViolations(page);
        expect(v, describeViolations(path, v)).toEqual([]);
      }
    }
    await phone.close();
  }, 300_000);

  it('re-renders the forms with linked errors, accessibly', async () => {
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}${base}/monitoring/settings`);
    await page.locator('#f-news_days').fill('0');
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.locator('.error-summary').count()).toBe(1);
    let v = await axeViolations(page);
    expect(v, describeViolations('settings with errors', v)).toEqual([]);
    await page.goto(`${site.baseUrl}${base}/new-media`);
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.locator('.error-summary').count()).toBe(1);
    v = await axeViolations(page);
    expect(v, describeViolations('register with errors', v)).toEqual([]);
  }, 120_000);

  it('registers an account without JavaScript', async () => {
    const noJs = await newContext(browser, { javaScript: false });
    await noJs.addCookies(await context.cookies());
    const page = await noJs.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${site.baseUrl}${base}/new-media`);
    await page.locator('#f-platform').selectOption({ label: '抖音' });
    await page.locator('#f-name').fill('无脚本账号');
    await page.locator('#f-owner').fill('办公室');
    await page.locator('#f-last_update_on').fill('2020-02-02');
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.locator('.notice--success').textContent()).toContain('已保存');
    expect(await page.locator('table').textContent()).toContain('无脚本账号');
    await noJs.close();
  }, 120_000);
});
