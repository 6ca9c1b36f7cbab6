import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { createTestOrg, createTestUser, postForm, signIn } from '../../test/factories.js';
import {
  axeViolations,
  describeViolations,
  launchBrowser,
  newContext,
  startSite,
  type RunningSite,
} from '../../test/e2e/harness.js';

/**
 * Every staff page type of the catalogue in a real Chromium: zero axe-core violations, and the
 * item form usable without JavaScript. (Browser journey; the lead may move it to test/e2e.)
 */
describe('catalogue staff pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext;
  let itemUrl = '';

  beforeAll(async () => {
    site = await startSite();
    const { ctx, app } = site;
    const org = await createTestOrg(ctx, { code: 'a11y-org', kind: 'department' });
    const user = await createTestUser(ctx, {
      grants: [
        { orgId: org.id, role: 'editor' },
        { orgId: org.id, role: 'org_admin' },
      ],
    });
    const session = await signIn(app, ctx, user);
    const form = await app.inject({
      url: '/admin/orgs/a11y-org/items/new',
      headers: { cookie: session.cookie },
    });
    const column = /<option value="(\d+)"[^>]*>政策文件<\/option>/.exec(form.body)?.[1] ?? '';
    const created = await postForm(app, session, '/admin/orgs/a11y-org/items/new', {
      column_id: column,
      title: '关于印发某某办法的通知',
      body_html: '<h2>一、总则</h2><p>正文</p><table><tr><th>项目</th><td>内容</td></tr></table>',
      doc_number: '某局〔2026〕1号',
      formed_on: '2026-11-02',
      doc_type: 'normative',
      attribute: 'active',
      channels: 'portal',
    });
    itemUrl = String(created.headers.location).split('?')[0] ?? '';
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

  it('has no axe violations on any page type', async () => {
    const page = await context.newPage();
    const paths = [
      '/admin/orgs/a11y-org/items',
      '/admin/orgs/a11y-org/items?view=review',
      '/admin/orgs/a11y-org/items/new',
      itemUrl,
      `${itemUrl}/edit`,
      `${itemUrl}/review`,
      `${itemUrl}/publish`,
      `${itemUrl}/withdraw`,
      `${itemUrl}/versions?a=1&b=1`,
      '/admin/orgs/a11y-org/columns',
      '/admin/orgs/a11y-org/rereview',
      '/admin/orgs/a11y-org/interpretations-missing',
    ];
    for (const path of paths) {
      const res = await page.goto(site.baseUrl + path);
      expect(res?.status(), path).toBe(200);
      const v = await axeViolations(page);
      expect(v, describeViolations(path, v)).toEqual([]);
    }
    // A form re-rendered with errors (error summary linked to the fields).
    await page.goto(`${site.baseUrl}/admin/orgs/a11y-org/items/new`);
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.locator('.error-summary').count()).toBe(1);
    const v = await axeViolations(page);
    expect(v, describeViolations('form with errors', v)).toEqual([]);
  });

  it('saves a draft without JavaScript', async () => {
    const noJs = await newContext(browser, { javaScript: false });
    await noJs.addCookies(await context.cookies());
    const page = await noJs.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`${site.baseUrl}/admin/orgs/a11y-org/items/new`);
    await page.locator('#f-column_id').selectOption({ label: '政策文件' });
    await page.locator('#f-title').fill('无脚本起草');
    await page.locator('#f-body_html').fill('第一段\n\n第二段');
    await page.getByRole('button', { name: '保存' }).click();
    expect(await page.locator('h1').textContent()).toBe('无脚本起草');
    expect(await page.locator('.article-body p').count()).toBe(2);
    await noJs.close();
  });
});
