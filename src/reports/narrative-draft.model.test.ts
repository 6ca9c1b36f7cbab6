import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeAnnualReport } from './figures.model.js';
import {
  PLACEHOLDER_MARK,
  change,
  defaultTemplate,
  draftNarrative,
  templateFromNarrative,
} from './narrative-draft.model.js';
import type { AnnualReportInput, ReportApplication } from './reports.model.js';
import type { AnnualReport } from './reports.schema.js';
import { validateReports } from './validate.model.js';

const seed = JSON.parse(
  readFileSync(new URL('./fixtures/wzgxq-2022.json', import.meta.url), 'utf8'),
) as AnnualReport;

const empty: AnnualReportInput = {
  org: { code: 'wzgxq', name: '温州高新区(经开区)管委会', kind: 'zone' },
  items: [],
  applications: [],
  appeals: [],
};

/** The seed's figures: 3686 items on the portal, 372 on the platform, nothing else. */
function seedFigures(): AnnualReport {
  const doc = computeAnnualReport(empty, 2022);
  return { ...doc, channels: { ...doc.channels, portal: 3686, platform: 372 } };
}

const app = (ref: string, received_on: string, events: ReportApplication['events']) =>
  ({ org: 'wzgxq', ref, applicant: { type: 'natural_person' }, received_on, events }) as const;

describe('change', () => {
  it.each([
    [75, 60, '增长25.0%'],
    [57, 60, '下降5.0%'],
    [60, 60, '持平'],
    [5, 0, null],
    [5, undefined, null],
  ])('from %s against %s is %s', (current, previous, expected) => {
    expect(change(current, previous)).toBe(expected);
  });
});

describe('draftNarrative', () => {
  it('writes the seed report’s figures in the seed’s structure', () => {
    const report = seedFigures();
    const n = draftNarrative({ year: 2022, report, template: defaultTemplate('zone') });
    const lines = n.overview.split('\n');
    expect(lines.map((l) => l.slice(0, 3))).toEqual([
      PLACEHOLDER_MARK.slice(0, 3),
      '（一）',
      '（二）',
      '（三）',
      '（四）',
      '（五）',
    ]);
    expect(lines[1]).toBe(
      '（一）主动公开方面。2022年，我委主动公开政府信息4058条，其中管委会门户网站公开3686条，市信息公开平台公开372条。',
    );
    expect(lines[2]).toBe(
      '（二）依申请公开方面。2022年，我委共收到政府信息公开申请0件，无信息公开行政复议及行政诉讼发生。',
    );
    expect(n.other).toBe('本年度本机关未收取政府信息公开处理费，无其他需要报告的事项。');
    const findings = validateReports([{ ...report, narrative: n }]);
    expect(findings.map((f) => f.code)).toEqual([]);
  });

  it.each([
    ['applications grew', 75, 60, '共收到政府信息公开申请75件，同比增长25.0%（上年60件）'],
    ['applications fell', 57, 60, '共收到政府信息公开申请57件，同比下降5.0%（上年60件）'],
    ['no previous year', 5, undefined, '共收到政府信息公开申请5件。'],
  ])('compares with the previous year when %s', (_name, now, before, phrase) => {
    const mk = (count: number, year: number) =>
      computeAnnualReport(
        {
          ...empty,
          applications: Array.from({ length: count }, (_, i) =>
            app(`A${year}-${i}`, `${year}-03-01`, [
              { type: 'concluded', on: `${year}-03-10`, outcome: 'open' },
            ]),
          ),
        },
        year,
      );
    const report = mk(now, 2024);
    const previous = before === undefined ? null : mk(before, 2023);
    const n = draftNarrative({ year: 2024, report, previous, template: defaultTemplate('zone') });
    expect(n.overview).toContain(phrase);
    expect(n.overview).toContain(
      `本年度办结${now}件，其中予以公开${now}件；结转下年度继续办理0件。`,
    );
    const findings = validateReports([{ ...report, narrative: n }]);
    expect(findings.filter((f) => f.code === 'NARRATIVE_MISMATCH')).toEqual([]);
  });

  it('states overdue cases, appeals with the 复议纠正率, fees, and last year’s pending appeals', () => {
    const report = computeAnnualReport(
      {
        ...empty,
        applications: [
          app('A1', '2024-02-01', [
            { type: 'fee_notice', on: '2024-02-10', amount_yuan: 200 },
            { type: 'fee_paid', on: '2024-02-15', amount_yuan: 200 },
            { type: 'concluded', on: '2024-03-20', outcome: 'partial' },
          ]),
        ],
        appeals: [
          {
            org: 'wzgxq',
            ref: 'R1',
            kind: 'review',
            filed_on: '2024-04-01',
            decided_on: '2024-06-01',
            result: 'corrected',
          },
          {
            org: 'wzgxq',
            ref: 'R2',
            kind: 'review',
            filed_on: '2024-04-02',
            decided_on: '2024-06-02',
            result: 'maintained',
          },
          {
            org: 'wzgxq',
            ref: 'L1',
            kind: 'litigation_direct',
            filed_on: '2024-05-01',
            decided_on: null,
            result: null,
          },
        ],
      },
      2024,
    );
    const previous = {
      ...seedFigures(),
      appeals: { ...seedFigures().appeals, review: [0, 0, 0, 2, 2] },
    };
    const n = draftNarrative({
      year: 2024,
      report,
      previous,
      overdue: 1,
      template: defaultTemplate('department'),
    });
    expect(n.overview).toContain('逾期答复1件。');
    expect(n.overview).toContain('被申请政府信息公开行政复议2件，被提起政府信息公开行政诉讼1件。');
    expect(n.overview).toContain('复议纠正率50.0%');
    expect(n.overview).toContain('上年尚未审结的信息公开行政复议、行政诉讼案件2件');
    expect(n.other).toContain('实际收取信息处理费共计200元');
    const findings = validateReports([{ ...report, narrative: n }]);
    expect(findings.filter((f) => f.code === 'NARRATIVE_MISMATCH')).toEqual([]);
  });

  it('carries an org’s own paragraphs forward from its previous report, moving the year on', () => {
    const t = templateFromNarrative(seed.narrative, 2022, 2023, defaultTemplate('zone'));
    expect(t.intro).toContain('认真落实《国务院办公厅关于印发2023年政务公开工作要点的通知》');
    expect(t.management.startsWith('巩固和做好公文公开属性源头认定')).toBe(true);
    expect(t.platform.startsWith('完成门户网站移动端和适老化改造')).toBe(true);
    expect(t.oversight.startsWith('根据机构改革结果')).toBe(true);
    expect(t.problems.startsWith('2023年,我委认真落实')).toBe(true);
    expect(t.other).toBe('');
    const n = draftNarrative({ year: 2023, report: { ...seedFigures(), year: 2023 }, template: t });
    expect(n.overview).not.toContain(PLACEHOLDER_MARK);
  });
});
