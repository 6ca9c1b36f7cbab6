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
import type { Actor } from '../platform/authz.js';
import { addWhitelistEntry } from '../monitoring/whitelist.repository.js';
import { form } from './catalogue.test-support.js';
import { listColumns } from './columns.service.js';
import { createItem } from './items.service.js';
import { submitItem } from './workflow.service.js';

/**
 * The content gate in a real Chromium (issue 7): the item and review pages with blocking and
 * warning findings, and the whitelist page, with zero axe-core violations on a desktop and a
 * phone; a reviewer clears a finding without JavaScript.
 */
describe('content gate pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let context: BrowserContext;
  let itemId = 0;
  const base = '/admin/orgs/a11y-gate';

  beforeAll(async () => {
    site = await startSite();
    const { ctx, app } = site;
    const org = await createTestOrg(ctx, { code: 'a11y-gate', kind: 'zone' });
    const editor = await createTestUser(ctx, { grants: [{ orgId: org.id, role: 'editor' }] });
    const reviewer = await createTestUser(ctx, {
      grants: [
        { orgId: org.id, role: 'reviewer' },
        { orgId: org.id, role: 'org_admin' },
      ],
    });
    const author: Actor = {
      userId: editor.id,
      username: editor.username,
      isPlatformAdmin: false,
      grants: [{ orgId: org.id, role: 'editor' }],
    };
    const col = (await listColumns(ctx, author, org.id)).find((c) => c.code === 'policy')?.id ?? 0;
    const { item } = await createItem(
      ctx,
      author,
      org.id,
      form(col, {
        body_html:
          '<p>机密★5年</p><p>申请人身份证号：11010519491231002X，联系人手机：13812345678，按装完毕。</p>',
      }),
    );
    itemId = item.id;
    await submitItem(ctx, author, org.id, item.id);
    await ctx.db.transaction().execute((trx) =>
      addWhitelistEntry(trx, {
        org_id: org.id,
        text: '0577-12345678',
        rule: null,
        reason: '本单位公开的办公电话',
        created_by: reviewer.id,
        created_at: new Date().toISOString(),
      }),
    );
    const session = await signIn(app, ctx, reviewer);
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

  it('has no axe violations on the item, review and whitelist pages, desktop and phone', async () => {
    const phone = await newContext(browser, { mobile: true });
    await phone.addCookies(await context.cookies());
    for (const c of [context, phone]) {
      const page = await c.newPage();
      for (const path of [
        `${base}/items/${itemId}`,
        `${base}/items/${itemId}/review`,
        `${base}/monitoring/whitelist`,
      ]) {
        const res = await page.goto(site.baseUrl + path);
        expect(res?.status(), path).toBe(200);
        const v = await axeViolations(page);
        expect(v, describeViolations(path, v)).toEqual([]);
      }
    }
    await phone.close();
  }, 300_000);

  it('clears a blocking finding without JavaScript', async () => {
    const noJs = await newContext(browser, { javaScript: false });
    await noJs.addCookies(await context.cookies());
    const page = await noJs.newPage();
    await page.goto(`${site.baseUrl}${base}/items/${itemId}/review`);
    // 涉密标志, 身份证号 and a mobile number next to 手机 block; 按装 only warns.
    expect(await page.locator('.content-gate__blocking').count()).toBe(3);
    await page.getByLabel('确认理由（必填）').first().fill('已解密');
    await page.getByRole('button', { name: '确认可以发布' }).first().click();
    await page.waitForURL(/done=cleared/);
    expect(await page.locator('.content-gate__blocking').count()).toBe(2);
    await noJs.close();
  }, 120_000);
});
