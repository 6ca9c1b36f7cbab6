import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { h, type VNode } from 'preact';
import { PortalLayout, type PortalOrg } from '../../src/platform/views/layouts.js';
import { renderDocument } from '../../src/platform/views/render.js';
import { ANNUAL_REPORT_CSS, AnnualReportBody } from '../../src/reports/render.html.js';
import { trendChartSvg, trendPoints } from '../../src/reports/render.charts.js';
import {
  aFullReport,
  seedReport,
  seriesReports,
  trialFormatReport,
} from '../../src/reports/render.fixtures.js';
import type { RenderableReport } from '../../src/reports/render.shared.js';
import { axeViolations, describeViolations, launchBrowser, newContext } from './harness.js';

/**
 * The annual report's HTML (AnnualReportBody inside the portal layout, with a trend chart) in a
 * real Chromium: zero axe-core violations in normal and 长辈版 mode, for the seed report, a report
 * with every table filled and a trial-format report with missing parts.
 */
const SITE_CSS = fs.readFileSync(new URL('../../public/css/site.css', import.meta.url), 'utf8');

const org: PortalOrg = {
  code: 'demo',
  name: '示例市某某局',
  siteIdCode: null,
  contactOffice: '办公室',
  contactAddress: '示例市人民路1号',
  contactPhone: '0577-88888888',
  contactEmail: null,
  contactPostcode: '325000',
};

function page(doc: RenderableReport, elder: boolean): string {
  const chart = trendChartSvg(trendPoints(seriesReports()), {
    title: '申请与复议诉讼趋势',
    metrics: ['applications', 'reviews', 'lawsuits'],
    idPrefix: 'trend',
  });
  return renderDocument(
    h(PortalLayout, {
      org,
      title: '年度报告',
      elderMode: elder,
      currentPath: '/demo/reports',
      children: [
        h(AnnualReportBody, {
          doc,
          org: { ...org, name: doc.org.name },
          links: (path: string) => `/demo/reports/${doc.year}/figures/${path}`,
        }),
        h('figure', { dangerouslySetInnerHTML: { __html: chart } }),
      ],
    }) as VNode,
  );
}

describe('annual report HTML in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function load(p: Page, html: string): Promise<void> {
    await p.route('**/*', (route) => route.abort());
    await p.setContent(html);
    await p.addStyleTag({ content: SITE_CSS + ANNUAL_REPORT_CSS });
  }

  // The seed and the trial-format report lack table 二, shown as （未填报）.
  const reports: Array<[string, () => RenderableReport, number]> = [
    ['seed 2022', seedReport, 2],
    ['every table filled', aFullReport, 3],
    ['trial format with missing parts', trialFormatReport, 2],
  ];

  for (const [label, make, tableCount] of reports) {
    it(`has no axe violations in normal and 长辈版 mode: ${label}`, async () => {
      const context = await newContext(browser);
      const p = await context.newPage();
      for (const elder of [false, true]) {
        await load(p, page(make(), elder));
        expect(await p.evaluate(() => document.body.classList.contains('elder'))).toBe(elder);
        expect(await p.locator('table.report-table').count()).toBe(tableCount);
        const v = await axeViolations(p);
        expect(v, describeViolations(`${label} elder=${elder}`, v)).toEqual([]);
      }
      await context.close();
    });
  }

  it('lets a keyboard user reach and scroll a wide table on a phone', async () => {
    const context = await newContext(browser, { mobile: true });
    const p = await context.newPage();
    await load(p, page(aFullReport(), false));
    const region = p.getByRole('region', { name: '表三　收到和处理政府信息公开申请情况' });
    await region.focus();
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const scroll = await p.evaluate(
      () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    );
    expect(scroll).toBe(true);
    await context.close();
  });
});
