import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestOrg } from '../factories.js';
import {
  Journey,
  launchBrowser,
  mainText,
  newContext,
  pathOf,
  residentId,
  startSite,
  type RunningSite,
} from './harness.js';

/**
 * Issue 4, the applicant: a citizen applies at /{org}/apply, receives a 受理编号 and 查询码, and
 * tracks the case; a wrong 居民身份证号 is refused at its field and nothing is stored; a double
 * submit makes one application; the form in 长辈版, on a phone and without JavaScript.
 * Screenshots in test-artifacts/e2e/apply/.
 */
describe('journey: a citizen applies and tracks the application', () => {
  let site: RunningSite;
  let browser: Browser;
  const journey = new Journey('apply');
  const ORG = 'e2eapply';

  beforeAll(async () => {
    site = await startSite();
    await createTestOrg(site.ctx, { code: ORG, name: '测试市交通运输局', kind: 'department' });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const count = async () =>
    Number(
      (
        await site.ctx.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function fillPerson(page: Page, idNumber: string, description: string) {
    await page.check('#f-applicant_kind-person');
    await page.fill('input[name="name"]', '张三');
    await page.selectOption('select[name="id_type"]', 'resident_id');
    await page.fill('input[name="id_number"]', idNumber);
    await page.fill('input[name="phone"]', '13800138000');
    await page.fill('input[name="email"]', 'zhangsan@example.cn');
    await page.fill('textarea[name="description"]', description);
    await page.check('#f-delivery-email');
  }

  it('applies, is refused a bad ID number, gets a 受理编号 and tracks it', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${site.baseUrl}/${ORG}/apply`);
    expect(await page.title()).toContain('政府信息公开申请');
    expect(await mainText(page)).toContain('第二十九条');
    await journey.check(page, 'form');

    // A 居民身份证号 with a wrong check character: a Chinese message at the field, nothing stored.
    const good = residentId('19800101', 123);
    const wrongCheck = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    await fillPerson(page, wrongCheck, '2024年本局道路养护资金使用情况');
    await page.click('main form button[type="submit"]');
    expect(pathOf(page)).toBe(`/${ORG}/apply`);
    expect(await page.getAttribute('form[data-error-code]', 'data-error-code')).toBe(
      'ERR_VALIDATION',
    );
    expect(await page.textContent('#f-id_number-error')).toContain('校验位不正确');
    expect(await page.getAttribute('#f-id_number', 'aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary a[href="#f-id_number"]').count()).toBe(1);
    // What the applicant typed is kept.
    expect(await page.inputValue('textarea[name="description"]')).toBe(
      '2024年本局道路养护资金使用情况',
    );
    expect(await count()).toBe(0);
    await journey.check(page, 'bad-id-number');

    // Corrected: the application is stored and the receipt shows 受理编号 and 查询码.
    await page.fill('input[name="id_number"]', good);
    await page.click('main form button[type="submit"]');
    expect(pathOf(page)).toBe(`/${ORG}/apply/receipt`);
    const ref = (await page.textContent('.panel--success strong.code >> nth=0')) ?? '';
    const code = (await page.textContent('.panel--success strong.code >> nth=1')) ?? '';
    expect(ref).toMatch(/^YSQ\d{4}-[0-9A-Z]{8}$/);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await count()).toBe(1);
    const stored = await site.ctx.db
      .selectFrom('applications')
      .select(['ref', 'status', 'channel'])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ ref, status: 'awaiting_confirmation', channel: 'online' });
    await journey.check(page, 'receipt');

    // The receipt is shown once.
    await page.reload();
    expect(await mainText(page)).not.toContain(ref);

    // Tracking: a wrong 查询码 gets the same answer as an unknown number.
    await page.goto(`${site.baseUrl}/${ORG}/track`);
    await journey.check(page, 'track-form');
    await page.fill('input[name="ref"]', ref);
    await page.fill('input[name="code"]', 'AAAA-AAAA');
    await page.click('main form button[type="submit"]');
    const wrong = await page.textContent('main .notice');
    expect(wrong).toContain('受理编号或查询码不正确');
    expect(await page.inputValue('input[name="ref"]')).toBe(ref); // kept for correction
    await page.fill('input[name="ref"]', 'YSQ2026-ZZZZZZZZ');
    await page.fill('input[name="code"]', 'AAAA-AAAA');
    await page.click('main form button[type="submit"]');
    expect(await page.textContent('main .notice')).toBe(wrong);
    await journey.check(page, 'track-not-found');

    await page.fill('input[name="ref"]', ref);
    await page.fill('input[name="code"]', code.toLowerCase());
    await page.click('main form button[type="submit"]');
    expect(pathOf(page)).toBe(`/${ORG}/track/case`);
    const tracked = await mainText(page);
    expect(tracked).toContain(`申请 ${ref} 的办理进度`);
    expect(tracked).toContain('待确认（网上申请）');
    expect(tracked).toContain('待工作人员确认（条例第三十一条）');
    await journey.check(page, 'track-case');
    await page.context().close();
  }, 90_000);

  it('a double submit creates one application', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${site.baseUrl}/${ORG}/apply`);
    await fillPerson(page, residentId('19751231', 456), '本局2023年政府采购合同');
    const before = await count();
    // The same filled form sent twice at once (a double click), then once more by the button.
    const refs = await page.evaluate(async () => {
      const form = document.querySelector<HTMLFormElement>('main form[method="post"]');
      if (!form) throw new Error('no form');
      const send = () =>
        fetch(form.action, { method: 'POST', body: new FormData(form), redirect: 'manual' });
      const all = await Promise.all([send(), send()]);
      return all.map((r) => r.type);
    });
    expect(refs).toEqual(['opaqueredirect', 'opaqueredirect']);
    await page.click('main form button[type="submit"]');
    expect(pathOf(page)).toBe(`/${ORG}/apply/receipt`);
    const ref = (await page.textContent('.panel--success strong.code >> nth=0')) ?? '';
    expect(await count()).toBe(before + 1);
    const rows = await site.ctx.db
      .selectFrom('applications')
      .select('ref')
      .where('description', '=', '本局2023年政府采购合同')
      .execute();
    expect(rows).toEqual([{ ref }]);
    await page.context().close();
  }, 60_000);

  it('the form works without JavaScript, in 长辈版 and on a phone', async () => {
    // Without JavaScript: the multipart post → redirect → receipt still works.
    const noJs = await (await newContext(browser, { javaScript: false })).newPage();
    await noJs.goto(`${site.baseUrl}/${ORG}/apply`);
    await noJs.getByRole('link', { name: '长辈版' }).click();
    expect(await noJs.locator('body').getAttribute('class')).toBe('elder');
    await fillPerson(noJs, residentId('19620315', 789), '本局老年人乘车优惠政策文件');
    await noJs.click('main form button[type="submit"]');
    expect(pathOf(noJs)).toBe(`/${ORG}/apply/receipt`);
    expect(await mainText(noJs)).toContain('申请已提交');
    await noJs.context().close();

    // 长辈版 with scripts (axe needs them): larger text and controls, no violations.
    const elder = await (await newContext(browser)).newPage();
    await elder.goto(`${site.baseUrl}/mode/elder?back=/${ORG}/apply`);
    expect(pathOf(elder)).toBe(`/${ORG}/apply`);
    const m = await elder.evaluate(() => ({
      font: parseFloat(getComputedStyle(document.body).fontSize),
      button: document.querySelector('main form button[type="submit"]')?.getBoundingClientRect()
        .height,
    }));
    expect(m.font).toBeGreaterThanOrEqual(27);
    expect(m.button ?? 0).toBeGreaterThanOrEqual(60);
    await journey.check(elder, 'elder-form');
    await elder.goto(`${site.baseUrl}/${ORG}/track`);
    await journey.check(elder, 'elder-track');
    await elder.context().close();

    // A phone: no horizontal scrolling, base text at least 18 px, errors still at the fields.
    const phone = await (await newContext(browser, { mobile: true })).newPage();
    await phone.goto(`${site.baseUrl}/${ORG}/apply`);
    await phone.click('main form button[type="submit"]');
    expect(await phone.textContent('#f-name-error')).toContain('请填写');
    const p = await phone.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      font: parseFloat(getComputedStyle(document.body).fontSize),
    }));
    expect(p.scroll).toBeLessThanOrEqual(p.width);
    expect(p.font).toBeGreaterThanOrEqual(18);
    await journey.check(phone, 'phone-errors');
    await phone.context().close();
  }, 90_000);
});
