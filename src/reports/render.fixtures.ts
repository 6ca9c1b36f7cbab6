import fs from 'node:fs';
import { OUTCOMES, ROW_KEYS, type RowKey } from './reports.model.js';
import type { AnnualReport, PublishedAnnualReport } from './reports.schema.js';

/**
 * Reports for the renderers' tests: the seed report, the clean three-year series and a report
 * with every figure of every table non-zero (and still balanced).
 */

const fixture = (name: string): PublishedAnnualReport =>
  JSON.parse(
    fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'),
  ) as PublishedAnnualReport;

/** The seed document: 温州高新区(经开区)管委会 2022 (no table 二 in the published text). */
export const seedReport = (): PublishedAnnualReport => fixture('wzgxq-2022.json');

/** The clean demo-dept series, 2021–2023. */
export const seriesReports = (): PublishedAnnualReport[] =>
  [2021, 2022, 2023].map((y) => fixture(`series/demo-dept-${y}.json`));

/** The trial-format report of 2019 (no table 二, no fees, no channels). */
export const trialFormatReport = (): PublishedAnnualReport =>
  fixture('trial-format/xzq-gov-2019.json');

/** A report where every cell of tables 二, 三 and 四 holds a distinct non-zero figure. */
export function aFullReport(): AnnualReport {
  // Outcome row i, column c holds i + 1 + c; carried_in = 1 per column; new balances the rest.
  const outcomeRows = Object.fromEntries(
    OUTCOMES.map((o, i) => [o, [0, 1, 2, 3, 4, 5].map((c) => i + 1 + c)]),
  ) as Record<(typeof OUTCOMES)[number], number[]>;
  const sumCol = (c: number) => OUTCOMES.reduce((s, o) => s + (outcomeRows[o][c] ?? 0), 0);
  const six = [0, 1, 2, 3, 4, 5];
  const carriedOut = six.map((c) => 2 + c);
  const carriedIn = six.map(() => 1);
  const totals = six.map(sumCol);
  const newRow = six.map((c) => (totals[c] ?? 0) + (carriedOut[c] ?? 0) - (carriedIn[c] ?? 0));
  const withTotal = (r: number[]) => [...r, r.reduce((s, n) => s + n, 0)];
  const rows = {} as Record<RowKey, number[]>;
  for (const key of ROW_KEYS) {
    const base =
      key === 'new'
        ? newRow
        : key === 'carried_in'
          ? carriedIn
          : key === 'total'
            ? totals
            : key === 'carried_out'
              ? carriedOut
              : outcomeRows[key];
    rows[key] = withTotal(base);
  }
  const block = (a: number, b: number, c: number, d: number) => [a, b, c, d, a + b + c + d];
  return {
    format: 'gongkai-annual-report',
    version: 1,
    org: { code: 'full-org', name: '示例市某某局', kind: 'department' },
    year: 2024,
    proactive: {
      rules: { issued: 2, abolished: 1, in_force: 17 },
      normative_documents: { issued: 12, abolished: 3, in_force: 93 },
      licensing: 1520,
      penalty: 86,
      enforcement: 9,
      fees_10k_yuan: 123.45,
    },
    applications: {
      columns: [
        'natural_person',
        'commercial',
        'research',
        'public_interest',
        'legal_services',
        'other',
        'total',
      ],
      rows,
    },
    appeals: {
      review: block(3, 1, 1, 2),
      litigation_direct: block(2, 1, 1, 1),
      litigation_after_review: block(1, 1, 2, 3),
    },
    fees: { notices: 4, notice_amount_yuan: 1300, collected_yuan: 900 },
    channels: { portal: 3100, platform: 420, new_media: 77 },
    narrative: {
      overview:
        '2024年，本局主动公开政府信息3597条。\n（一）主动公开方面。门户网站公开3100条。\n（二）依申请公开方面。<script>alert(1)</script>',
      problems: '一是公开不够及时。二是解读形式单一。',
      other: '本年度无其他需要报告的事项。',
    },
  };
}
