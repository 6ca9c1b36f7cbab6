import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadCalendar } from '../../src/calendar/calendar.service.js';
import {
  addWorkingDays,
  isWorkingDay,
  addDays,
  type HolidayCalendar,
} from '../../src/calendar/calendar.model.js';
import { chinaDate } from '../../src/platform/time.js';
import { createTestOrg, createTestUser, type TestUser } from '../factories.js';
import {
  Journey,
  launchBrowser,
  mainText,
  newContext,
  pathOf,
  residentId,
  signInPage,
  startSite,
  type RunningSite,
} from './harness.js';

/**
 * Issues 4 and 8, the clerk: a case_worker registers an application received in person, opens the
 * case and handles 补正 (notice letter) → the applicant's correction → 征求意见 (third party) →
 * 延期 (by the 负责人 holding the approver role, 条例第三十三条第二款) → 答复 with an outcome,
 * opening every letter (HTML, and DOCX with its content type) and reading the clock at each step.
 * The dates are working days counted back from today so that no event lies in the future.
 */
describe('journey: a clerk handles a case under the statutory clock', () => {
  let site: RunningSite;
  let browser: Browser;
  let clerk: TestUser;
  let head: TestUser;
  let cal: HolidayCalendar;
  const journey = new Journey('casework');
  const ORG = 'e2ecase';
  /** Working day k of the case: w(0) is the day the application was received. */
  let w: (k: number) => string = () => '';

  beforeAll(async () => {
    site = await startSite();
    const org = await createTestOrg(site.ctx, { code: ORG, name: '测试市自然资源局' });
    await site.ctx.db
      .updateTable('orgs')
      .set({
        contact_office: '办公室',
        contact_address: '测试市人民路1号',
        contact_phone: '0577-88888888',
        contact_postcode: '325000',
        contact_email: 'gk@example.cn',
      })
      .where('id', '=', org.id)
      .execute();
    clerk = await createTestUser(site.ctx, {
      displayName: '王办事员',
      grants: [{ orgId: org.id, role: 'case_worker' }],
    });
    head = await createTestUser(site.ctx, {
      displayName: '李负责人',
      grants: [{ orgId: org.id, role: 'approver' }],
    });
    cal = await loadCalendar(site.ctx);
    // Day 0 is 25 working days before today.
    let d = chinaDate(new Date());
    for (let n = 0; n < 25;) {
      d = addDays(d, -1);
      if (isWorkingDay(cal, d)) n++;
    }
    const day0 = d;
    w = (k) => addWorkingDays(cal, day0, k).date;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** The value shown for `label` in the case page's summary lists. */
  async function shown(page: Page, label: string): Promise<string> {
    const row = page.locator('.summary-list__row', { has: page.locator(`dt:text-is("${label}")`) });
    return ((await row.first().locator('dd').textContent()) ?? '').trim();
  }

  /** Fills an action's form, previews its letter (checked), sends it, and returns to the case. */
  async function act(
    page: Page,
    label: string,
    fields: Record<string, string>,
    step: string,
    expectLetter: string | null,
  ) {
    await page.getByRole('link', { name: label, exact: true }).click();
    expect(await page.textContent('main h1')).toBe(label);
    expect(await mainText(page)).toContain('条例');
    await journey.check(page, `${step}-form`);
    for (const [name, value] of Object.entries(fields)) {
      const el = page.locator(`main form [name="${name}"]`);
      if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
      else await el.fill(value);
    }
    if (expectLetter) {
      await page.click('main form button[value="preview"]');
      expect(await page.textContent('main h1')).toBe('预览告知书');
      expect(await page.textContent('.letter-preview')).toContain(expectLetter);
      await journey.check(page, `${step}-preview`);
      await page.click('main form button[value="send"]');
    } else {
      await page.click('main form button[type="submit"]');
    }
    expect(pathOf(page)).toMatch(new RegExp(`^/admin/orgs/${ORG}/applications/YSQ`));
    expect(await page.locator('[data-error-code]').count()).toBe(0);
  }

  it('补正 → 补正收到 → 征求意见 → 延期 (负责人) → 答复, with letters and the clock', async () => {
    const page = await (await newContext(browser)).newPage();
    await signInPage(page, site.baseUrl, clerk);

    // Registration of an application handed in at the counter.
    await page.goto(`${site.baseUrl}/admin/orgs/${ORG}/applications/new`);
    await journey.check(page, 'register-form');
    await page.selectOption('select[name="channel"]', 'in_person');
    await page.fill('input[name="submitted_on"]', w(0));
    await page.check('#f-applicant_kind-person');
    await page.fill('input[name="name"]', '陈某某');
    await page.fill('input[name="id_number"]', residentId('19700520', 31));
    await page.fill('input[name="phone"]', '13900139000');
    await page.fill('input[name="address"]', '测试市解放路8号');
    await page.fill('textarea[name="description"]', '某地块土地征收补偿方案');
    await page.check('#f-delivery-paper');
    await page.click('main form button[type="submit"]');
    const ref = (await page.textContent('.notice--success strong >> nth=0')) ?? '';
    expect(ref).toMatch(/^YSQ/);
    expect(pathOf(page)).toBe(`/admin/orgs/${ORG}/applications/${ref}`);
    expect(await shown(page, '收到申请之日')).toBe(w(0));
    const firstDue = addWorkingDays(cal, w(0), 20).date;
    expect(await shown(page, '答复期限')).toContain(firstDue);
    expect(await mainText(page)).toContain(`${w(0)} 收到申请，20个工作日`);
    // The clerk is not offered the extension: it needs the 负责人 (条例第三十三条第二款).
    expect(await page.getByRole('link', { name: '延长答复期限' }).count()).toBe(0);
    await journey.check(page, 'case-registered');

    // The clerk finds it in the list and opens it.
    await page.goto(`${site.baseUrl}/admin/orgs/${ORG}/applications`);
    await journey.check(page, 'case-list');
    await page.getByRole('link', { name: ref }).click();
    expect(pathOf(page)).toBe(`/admin/orgs/${ORG}/applications/${ref}`);

    // 补正: the reply clock waits for the correction.
    await act(
      page,
      '告知补正',
      {
        on: w(2),
        due_on: addWorkingDays(cal, w(2), 10).date,
        points: '请明确所需信息对应的地块名称或者位置。',
      },
      'correction',
      '补正',
    );
    expect(await shown(page, '答复期限')).toBe('待补正');
    const letters = page.locator('#case-letters ~ ul li');
    expect(await letters.count()).toBe(1);
    expect(await letters.first().textContent()).toContain('补正');
    await journey.check(page, 'case-correction-requested');

    // The letter opens as HTML and as DOCX with the right content types.
    const htmlHref =
      (await letters.first().locator('a', { hasText: 'HTML' }).getAttribute('href')) ?? '';
    const html = await page.context().request.get(site.baseUrl + htmlHref);
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(await html.text()).toContain('请明确所需信息对应的地块名称或者位置。');
    const docxHref =
      (await letters.first().locator('a', { hasText: 'DOCX' }).getAttribute('href')) ?? '';
    const docx = await page.context().request.get(site.baseUrl + docxHref);
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    const download = page.waitForEvent('download');
    await letters.first().locator('a', { hasText: 'DOCX' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.docx$/);

    // The correction arrives: the 20 working days start again from that day.
    await act(page, '收到补正', { on: w(5) }, 'correction-received', null);
    const afterCorrection = addWorkingDays(cal, w(5), 20).date;
    expect(await shown(page, '答复期限')).toContain(afterCorrection);
    await journey.check(page, 'case-correction-received');

    // 征求意见: the clock pauses while the third party has 15 working days.
    await act(
      page,
      '征求第三方意见',
      { on: w(7), party_name: '测试市某置业有限公司', content: '补偿方案中涉及贵公司的补偿金额。' },
      'consultation',
      '第三十二条',
    );
    // Started 18 working days ago, the third party's 15-day window has run out: the pause is
    // counted up to the window's end while no answer is recorded.
    const explained = (await page.locator('ul.explanation').textContent()) ?? '';
    expect(explained).toContain(`${w(7)} 征求第三方意见（条例第三十二条），15个工作日`);
    expect(explained).toContain('不计入答复期限（条例第三十三条第三款）');
    expect(await shown(page, '暂停计算的工作日')).toBe('15');
    expect(await shown(page, '答复期限')).toContain(addWorkingDays(cal, afterCorrection, 15).date);
    await journey.check(page, 'case-consulting');
    await act(page, '意见征询结束', { on: w(10) }, 'consultation-ended', null);
    const paused = Number(await shown(page, '暂停计算的工作日'));
    expect(paused).toBeGreaterThan(0);
    const afterPause = addWorkingDays(cal, afterCorrection, paused).date;
    expect(await shown(page, '答复期限')).toContain(afterPause);
    expect(await page.locator('#case-letters ~ ul li').count()).toBe(2);
    await journey.check(page, 'case-consultation-ended');

    // A clerk's extension is refused even when posted by hand.
    const refused = await page
      .context()
      .request.post(`${site.baseUrl}/admin/orgs/${ORG}/applications/${ref}/actions/extend`, {
        form: {
          _csrf: (await page.getAttribute('input[name="_csrf"]', 'value')) ?? '',
          on: w(12),
          working_days: '10',
          reason: '需要调取档案',
          step: 'send',
        },
      });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('条例第三十三条第二款');
    await page.context().close();

    // 延期 by the 负责人 (approver role).
    const headPage = await (await newContext(browser)).newPage();
    await signInPage(headPage, site.baseUrl, head);
    await headPage.goto(`${site.baseUrl}/admin/orgs/${ORG}/applications/${ref}`);
    await journey.check(headPage, 'case-head');
    await act(
      headPage,
      '延长答复期限',
      { on: w(12), working_days: '10', reason: '涉及多个部门的档案，需要调取核实。' },
      'extension',
      '延长',
    );
    const extended = addWorkingDays(cal, afterPause, 10).date;
    expect(await shown(headPage, '答复期限')).toContain(extended);
    expect(await shown(headPage, '延长的工作日')).toBe('10');
    expect(await mainText(headPage)).toContain('延长10个工作日');
    await journey.check(headPage, 'case-extended');
    await headPage.context().close();

    // 答复 by the clerk with an outcome: the case is concluded and the reply letter is kept.
    const again = await (await newContext(browser)).newPage();
    await signInPage(again, site.baseUrl, clerk);
    await again.goto(`${site.baseUrl}/admin/orgs/${ORG}/applications/${ref}`);
    await act(
      again,
      '作出答复',
      {
        on: w(14),
        outcome: 'open',
        letter_kind: 'reply_open_provided',
        reply_detail: '现将补偿方案以纸质形式邮寄给您。',
      },
      'reply',
      '本机关决定予以公开',
    );
    expect(await shown(again, '状态')).toBe('已答复');
    const final = await again.locator('#case-letters ~ ul li').allTextContents();
    expect(final).toHaveLength(4);
    expect(await again.getByRole('link', { name: '作出答复', exact: true }).count()).toBe(0);
    const stored = await site.ctx.db
      .selectFrom('applications')
      .select(['status', 'outcome', 'concluded_on', 'reply_due_on'])
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ outcome: 'open', concluded_on: w(14), reply_due_on: extended });
    await journey.check(again, 'case-concluded');
    await again.context().close();
  }, 300_000);
});
