import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureDefaultColumns } from '../../src/catalogue/columns.service.js';
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

/** A small but real PDF (the type is checked by content, not by the file name). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Issue 3 "Done when": an editor drafts an item with an attachment → submits → the reviewer
 * returns it with a comment → the editor fixes it → the reviewer approves and publishes → the
 * item is on the portal with its metadata box → 长辈版 and a phone → withdrawal with a reason →
 * the stable URL answers 410 with the withdrawal notice. The editor drives the plain form with
 * JavaScript off (as it must work without it; the rich-text editor is not relied on); each of
 * those pages is audited by axe in a scripted tab of the same session.
 */
describe('journey: an editor publishes through review; the item is withdrawn', () => {
  let site: RunningSite;
  let browser: Browser;
  let editor: TestUser;
  let reviewer: TestUser;
  const journey = new Journey('publish');
  const ORG = 'e2epub';
  const TITLE = '关于做好2026年冬季道路养护工作的通知';

  beforeAll(async () => {
    site = await startSite();
    const org = await createTestOrg(site.ctx, { code: ORG, name: '测试市交通运输局' });
    await site.ctx.db.transaction().execute((trx) => ensureDefaultColumns(site.ctx, trx, org.id));
    editor = await createTestUser(site.ctx, {
      displayName: '赵信息员',
      grants: [{ orgId: org.id, role: 'editor' }],
    });
    reviewer = await createTestUser(site.ctx, {
      displayName: '钱审核人',
      grants: [{ orgId: org.id, role: 'reviewer' }],
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** A scripted tab sharing the cookies of a script-less one, to run axe on the same page. */
  async function auditTwin(noJs: BrowserContext): Promise<Page> {
    const ctx = await newContext(browser);
    await ctx.addCookies(await noJs.cookies());
    return ctx.newPage();
  }

  /** Screenshot of the script-less page and axe on the same URL (GET) in the scripted twin. */
  async function checkNoJs(page: Page, twin: Page, step: string) {
    await twin.goto(page.url());
    await journey.check(twin, step);
  }

  it('draft → returned → fixed → approved → on the portal → 长辈版 → withdrawn (410)', async () => {
    const today = chinaDate(new Date());
    const year = today.slice(0, 4);

    // The editor drafts without JavaScript.
    const editorCtx = await newContext(browser, { javaScript: false });
    const ed = await editorCtx.newPage();
    await signInPage(ed, site.baseUrl, editor);
    const edTwin = await auditTwin(editorCtx);
    await ed.goto(`${site.baseUrl}/admin/orgs/${ORG}/items/new`);
    await checkNoJs(ed, edTwin, 'new-item-form');
    await ed.selectOption('select[name="column_id"]', { label: '政策文件' });
    await ed.fill('input[name="title"]', '关于做好冬季道路养护工作的通知');
    await ed.fill(
      'textarea[name="body_html"]',
      '各科室、各养护站：\n\n为做好冬季道路养护工作，现将有关事项通知如下。',
    );
    await ed.fill('input[name="doc_number"]', `测交〔${year}〕5号`);
    await ed.fill('input[name="formed_on"]', today);
    await ed.selectOption('select[name="doc_type"]', 'other');
    await ed.selectOption('select[name="validity"]', 'valid');
    await ed.click('main form button[type="submit"] >> text=保存');
    expect(pathOf(ed)).toMatch(new RegExp(`^/admin/orgs/${ORG}/items/\\d+$`));
    const itemPath = pathOf(ed);
    const id = Number(itemPath.split('/').pop());
    expect(await ed.textContent('main h1')).toBe('关于做好冬季道路养护工作的通知');
    await checkNoJs(ed, edTwin, 'draft-saved');

    // The attachment, uploaded through the multipart form without scripts.
    await ed.setInputFiles('#f-file', {
      name: '养护工作安排表.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await ed.click('form[enctype="multipart/form-data"] button[type="submit"]');
    expect(pathOf(ed)).toBe(itemPath);
    expect(await mainText(ed)).toContain('养护工作安排表.pdf（application/pdf');
    await checkNoJs(ed, edTwin, 'attachment-added');

    await ed.getByRole('button', { name: '送审' }).click();
    expect(await mainText(ed)).toContain('待第 1 级审核');
    await checkNoJs(ed, edTwin, 'submitted');

    // The reviewer returns it with a comment.
    const rv = await (await newContext(browser)).newPage();
    await signInPage(rv, site.baseUrl, reviewer);
    await rv.goto(`${site.baseUrl}${itemPath}`);
    await journey.check(rv, 'reviewer-item');
    await rv.getByRole('link', { name: '审核', exact: true }).click();
    await journey.check(rv, 'review-form');
    await rv.selectOption('select[name="decision"]', 'return');
    await rv.click('main form button[type="submit"] >> text=确定');
    // Returning without a comment is refused at the field.
    expect(await rv.textContent('#f-comment-error')).toContain('退回');
    await journey.check(rv, 'review-comment-required');
    await rv.fill('textarea[name="comment"]', '标题请写明年份。');
    await rv.click('main form button[type="submit"] >> text=确定');
    expect(pathOf(rv)).toBe(itemPath);
    expect(await mainText(rv)).toContain('标题请写明年份。');
    await journey.check(rv, 'returned');

    // The editor sees the comment, fixes the title and submits again.
    await ed.goto(`${site.baseUrl}${itemPath}`);
    expect(await mainText(ed)).toContain('标题请写明年份。');
    await ed.getByRole('link', { name: '编辑' }).click();
    await checkNoJs(ed, edTwin, 'edit-form');
    await ed.fill('input[name="title"]', TITLE);
    await ed.click('main form button[type="submit"] >> text=保存');
    expect(await ed.textContent('main h1')).toBe(TITLE);
    await ed.getByRole('button', { name: '送审' }).click();
    await checkNoJs(ed, edTwin, 'resubmitted');
    // The author may not approve their own item: no review link for the editor.
    expect(await ed.getByRole('link', { name: '审核', exact: true }).count()).toBe(0);

    // The reviewer approves and publishes now.
    await rv.goto(`${site.baseUrl}${itemPath}`);
    await rv.getByRole('link', { name: '审核', exact: true }).click();
    await rv.selectOption('select[name="decision"]', 'approve');
    await rv.click('main form button[type="submit"] >> text=确定');
    expect(await mainText(rv)).toContain('审核已全部通过，待发布');
    await rv.getByRole('link', { name: '发布', exact: true }).click();
    await journey.check(rv, 'publish-form');
    await rv.click('main form button[type="submit"] >> text=确定');
    expect(pathOf(rv)).toBe(itemPath);
    await journey.check(rv, 'published');

    // The public sees it on the portal with the government metadata box and the attachment.
    const pub = await (await newContext(browser)).newPage();
    const res = await pub.goto(`${site.baseUrl}/${ORG}/items/${id}`);
    expect(res?.status()).toBe(200);
    expect(await pub.textContent('main h1')).toBe(TITLE);
    const meta = await pub.locator('table.meta-box th').allTextContents();
    for (const label of ['索引号', '发布机构', '成文日期', '发布日期', '文号', '有效性'])
      expect(meta).toContain(label);
    const box = (await pub.textContent('table.meta-box')) ?? '';
    expect(box).toContain(`测交〔${year}〕5号`);
    expect(box).toContain('测试市交通运输局');
    expect(box).toContain(today);
    const link = pub.locator('#attachments ~ ul a').first();
    expect(await link.textContent()).toContain('养护工作安排表');
    const file = await pub.context().request.get(site.baseUrl + (await link.getAttribute('href')));
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    expect((await file.body()).equals(PDF)).toBe(true);
    await journey.check(pub, 'portal-item');
    await pub.goto(`${site.baseUrl}/${ORG}/columns/policy`);
    expect(await mainText(pub)).toContain(TITLE);
    await journey.check(pub, 'portal-column');

    // 长辈版 of the item page.
    await pub.goto(`${site.baseUrl}/mode/elder?back=/${ORG}/items/${id}`);
    expect(pathOf(pub)).toBe(`/${ORG}/items/${id}`);
    expect(await pub.evaluate(() => document.body.classList.contains('elder'))).toBe(true);
    const size = await pub.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(size).toBeGreaterThanOrEqual(27);
    await journey.check(pub, 'portal-item-elder');

    // On a phone: no horizontal scrolling.
    const phone = await (await newContext(browser, { mobile: true })).newPage();
    await phone.goto(`${site.baseUrl}/${ORG}/items/${id}`);
    const m = await phone.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
    }));
    expect(m.scroll).toBeLessThanOrEqual(m.width);
    await journey.check(phone, 'portal-item-phone');

    // Withdrawal needs a reason; the stable URL then answers 410 with the notice.
    await rv.goto(`${site.baseUrl}${itemPath}`);
    await rv.getByRole('link', { name: '撤回', exact: true }).click();
    await rv.click('main form button[type="submit"] >> text=确定');
    expect(await rv.locator('#f-reason-error').count()).toBe(1);
    await journey.check(rv, 'withdraw-reason-required');
    await rv.fill('textarea[name="reason"]', '该通知已被新的养护工作方案替代。');
    await rv.click('main form button[type="submit"] >> text=确定');
    expect(await mainText(rv)).toContain('撤回原因：该通知已被新的养护工作方案替代。');
    await journey.check(rv, 'withdrawn');

    const gone = await pub.goto(`${site.baseUrl}/${ORG}/items/${id}`);
    expect(gone?.status()).toBe(410);
    const notice = await mainText(pub);
    expect(notice).toContain('该信息已撤回');
    expect(notice).toContain(`您访问的信息“${TITLE}”已于${today}撤回`);
    expect(notice).toContain('撤回原因：该通知已被新的养护工作方案替代。');
    await journey.check(pub, 'portal-withdrawn-elder');
    await pub.goto(`${site.baseUrl}/mode/standard?back=/${ORG}/items/${id}`);
    expect(await pub.textContent('main h1')).toBe('该信息已撤回');
    await journey.check(pub, 'portal-withdrawn');
  }, 300_000);
});
