import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { form, actor } from '../../src/catalogue/catalogue.test-support.js';
import { ensureDefaultColumns } from '../../src/catalogue/columns.service.js';
import { createItem } from '../../src/catalogue/items.service.js';
import { publishItem, reviewItem, submitItem } from '../../src/catalogue/workflow.service.js';
import { ORG_JOB } from '../../src/monitoring/links/links.service.js';
import { buildJobRegistry } from '../../src/platform/jobs/all-jobs.js';
import { JobRegistry } from '../../src/platform/jobs/jobs.registry.js';
import { startWorker, type RunningWorker } from '../../src/platform/jobs/worker.js';
import { chinaDate } from '../../src/platform/time.js';
import { createTestOrg, createTestUser, type TestUser } from '../factories.js';
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
 * Issue 8, monitoring: the org administrator starts a link check of the org's own portal (the
 * site under test is its PUBLIC_URL, served on 127.0.0.1), the worker crawls it, and the back
 * office shows the run's progress and the broken link found on a published item's page.
 */
describe('journey: a link check shows its progress and findings', () => {
  let site: RunningSite;
  let browser: Browser;
  let worker: RunningWorker | undefined;
  let admin: TestUser;
  const journey = new Journey('monitoring');
  const ORG = 'e2emon';
  const BROKEN = `/${ORG}/items/999999`;

  beforeAll(async () => {
    site = await startSite({ publicUrl: true });
    const org = await createTestOrg(site.ctx, { code: ORG, name: '测试市生态环境局' });
    await site.ctx.db.transaction().execute((trx) => ensureDefaultColumns(site.ctx, trx, org.id));
    admin = await createTestUser(site.ctx, { grants: [{ orgId: org.id, role: 'org_admin' }] });
    // One published item whose body links to a page that does not exist.
    const editor = await createTestUser(site.ctx, { grants: [{ orgId: org.id, role: 'editor' }] });
    const reviewer = await createTestUser(site.ctx, {
      grants: [{ orgId: org.id, role: 'reviewer' }],
    });
    const column = await site.ctx.db
      .selectFrom('columns')
      .select('id')
      .where('org_id', '=', org.id)
      .where('code', '=', 'notice')
      .executeTakeFirst();
    const columnId =
      column?.id ??
      (
        await site.ctx.db
          .selectFrom('columns')
          .select('id')
          .where('org_id', '=', org.id)
          .where('code', '=', 'policy')
          .executeTakeFirstOrThrow()
      ).id;
    const ed = actor(editor.id, org.id, 'editor');
    const rv = actor(reviewer.id, org.id, 'reviewer');
    const saved = await createItem(
      site.ctx,
      ed,
      org.id,
      form(columnId, {
        title: '关于开展环境监测数据公开的通知',
        // Absolute: the body cleaner in progress (src/client body-html) drops relative links.
        body_html: `<p>详见<a href="${site.baseUrl}${BROKEN}">监测方案</a>。</p>`,
        doc_number: null,
        doc_type: 'other',
        formed_on: chinaDate(new Date()),
      }),
    );
    await submitItem(site.ctx, ed, org.id, saved.item.id);
    await reviewItem(site.ctx, rv, org.id, saved.item.id, { decision: 'approve', comment: null });
    await publishItem(site.ctx, rv, org.id, saved.item.id, { mode: 'now', scheduled_at: null });
    // A worker with the real handler of the per-org link check and no schedules, so that the
    // only run is the one the administrator starts.
    const handler = buildJobRegistry().handler(ORG_JOB);
    if (!handler) throw new Error(`${ORG_JOB} is not registered`);
    worker = startWorker(site.ctx, {
      pollMs: 200,
      registry: new JobRegistry().define(ORG_JOB, handler),
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await browser?.close();
    await site?.stop();
  });

  it('starts a check, follows its progress and reads the broken link', async () => {
    const page = await (await newContext(browser)).newPage();
    await signInPage(page, site.baseUrl, admin);
    await page.goto(`${site.baseUrl}/admin/orgs/${ORG}/monitoring`);
    await journey.check(page, 'overview');
    await page.goto(`${site.baseUrl}/admin/orgs/${ORG}/monitoring/links`);
    expect(await page.textContent('main h1')).toBe('链接检查');
    expect(await mainText(page)).toContain('尚无检查记录');
    await journey.check(page, 'no-runs');

    await page.click('main form button[type="submit"]');
    expect(pathOf(page)).toBe(`/admin/orgs/${ORG}/monitoring/links`);
    await journey.check(page, 'queued');

    // The worker crawls the portal; the list shows the run's state until it is done.
    let text = '';
    for (let i = 0; i < 60; i++) {
      await page.reload();
      text = await mainText(page);
      if ((await page.locator('main tbody tr').count()) > 0 && /完成|已完成/.test(text)) break;
      await page.waitForTimeout(1000);
    }
    expect(await page.locator('main tbody tr').count()).toBe(1);
    const cells = await page.locator('main tbody tr td').allTextContents();
    expect(Number(cells[2])).toBeGreaterThan(1); // pages crawled
    expect(Number(cells[4]) + Number(cells[5])).toBeGreaterThanOrEqual(1); // broken links
    await journey.check(page, 'run-done');

    await page.locator('main tbody tr a', { hasText: '查看' }).click();
    expect(await page.textContent('main h1')).toBe('链接检查结果');
    expect(await mainText(page)).toContain(BROKEN);
    expect(await mainText(page)).toContain('404');
    await journey.check(page, 'run-findings');
    await page.context().close();
  }, 180_000);
});
