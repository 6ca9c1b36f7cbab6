import { describe, expect, it } from 'vitest';
import { computeAnnualReport, missingAnnualFigures } from './figures.model.js';
import {
  ROW_KEYS,
  type AnnualReportInput,
  type ApplicantType,
  type ReportAppeal,
  type ReportApplication,
  type ReportEvent,
  type ReportItem,
  type RowKey,
} from './reports.model.js';
import { annualReportSchema } from './reports.schema.js';
import { validateReports } from './validate.model.js';

const ORG = 'demo';

function app(
  ref: string,
  type: ApplicantType,
  received_on: string,
  ...events: ReportEvent[]
): ReportApplication {
  return { org: ORG, ref, applicant: { type }, received_on, events };
}

function item(ref: string, fields: Partial<ReportItem>): ReportItem {
  return {
    org: ORG,
    ref,
    doc_type: 'other',
    formed_on: '2020-01-01',
    published_on: null,
    channels: [],
    validity: null,
    abolished_on: null,
    attribute: 'active',
    ...fields,
  };
}

function appeal(
  ref: string,
  kind: ReportAppeal['kind'],
  filed_on: string,
  decided_on: string | null,
  result: ReportAppeal['result'],
): ReportAppeal {
  return { org: ORG, ref, kind, filed_on, decided_on, result };
}

const applications: ReportApplication[] = [
  app('A1', 'natural_person', '2021-03-01', {
    type: 'concluded',
    on: '2021-03-20',
    outcome: 'open',
  }),
  // Received on the last day of the year: new in 2021, carried into 2022; 部分公开 counted once.
  app('A2', 'natural_person', '2021-12-31', {
    type: 'concluded',
    on: '2022-01-10',
    outcome: 'partial',
    legal_basis: '条例第三十七条',
  }),
  // Received on the first day of the year, then withdrawn: （六）3.其他.
  app('A3', 'commercial', '2022-01-01', { type: 'withdrawn', on: '2022-01-05' }),
  app(
    'A4',
    'research',
    '2021-11-01',
    { type: 'correction_requested', on: '2021-11-05', due_on: '2021-11-20' },
    { type: 'concluded', on: '2022-01-04', outcome: 'other_correction_overdue' },
  ),
  // Correction never answered and the case never closed: carried over year after year.
  app('A5', 'natural_person', '2022-12-20', {
    type: 'correction_requested',
    on: '2022-12-22',
    due_on: '2023-01-10',
  }),
  app(
    'A6',
    'public_interest',
    '2022-05-01',
    { type: 'fee_notice', on: '2022-05-10', amount_yuan: 200 },
    { type: 'concluded', on: '2022-06-15', outcome: 'other_fee_unpaid' },
  ),
  app(
    'A7',
    'natural_person',
    '2022-06-01',
    { type: 'fee_notice', on: '2022-06-05', amount_yuan: 100.1 },
    { type: 'fee_paid', on: '2022-06-08', amount_yuan: 100.1 },
    { type: 'concluded', on: '2022-06-20', outcome: 'open' },
  ),
  app('A8', 'legal_services', '2022-12-31', {
    type: 'concluded',
    on: '2023-01-03',
    outcome: 'open',
  }),
  app('A10', 'natural_person', '2023-01-01', {
    type: 'concluded',
    on: '2023-01-01',
    outcome: 'rejected_duplicate',
  }),
  { ...app('X1', 'natural_person', '2022-02-01'), org: 'someone-else' },
];

const items: ReportItem[] = [
  item('I1', {
    doc_type: 'normative',
    formed_on: '2020-05-01',
    validity: 'valid',
    published_on: '2020-05-10',
    channels: ['portal'],
  }),
  item('I2', {
    doc_type: 'normative',
    formed_on: '2021-03-01',
    validity: 'abolished',
    abolished_on: '2022-03-01',
  }),
  item('I3', { doc_type: 'rule', formed_on: '2022-12-31', validity: 'valid' }),
  item('I4', { doc_type: 'normative', formed_on: '2019-01-01', validity: 'invalid' }),
  item('I5', { published_on: '2022-06-01', channels: ['portal', 'platform', 'portal'] }),
  item('I6', { published_on: '2022-06-01', channels: ['portal'], attribute: 'on_request' }),
  item('I7', { published_on: '2023-01-01', channels: ['new_media'] }),
];

const appeals: ReportAppeal[] = [
  appeal('P1', 'review', '2022-03-01', '2022-05-01', 'maintained'),
  appeal('P2', 'litigation_direct', '2022-11-01', '2023-02-01', 'corrected'),
  appeal('P3', 'litigation_after_review', '2021-12-31', null, null),
];

const input: AnnualReportInput = {
  org: { code: ORG, name: '示范局', kind: 'department' },
  items,
  applications,
  appeals,
  annual_figures: [
    { org: ORG, year: 2022, source: 'published', proactive: { licensing: 8, penalty: 1 } },
    {
      org: ORG,
      year: 2022,
      source: 'manual',
      proactive: { licensing: 10, enforcement: 2, fees_10k_yuan: 1.5 },
    },
  ],
};

const z7 = [0, 0, 0, 0, 0, 0, 0];

/** Expected non-zero rows per year; every other row is all zeros. */
const expectedRows: Record<number, Partial<Record<RowKey, number[]>>> = {
  2021: {
    new: [2, 0, 1, 0, 0, 0, 3],
    open: [1, 0, 0, 0, 0, 0, 1],
    total: [1, 0, 0, 0, 0, 0, 1],
    carried_out: [1, 0, 1, 0, 0, 0, 2],
  },
  2022: {
    new: [2, 1, 0, 1, 1, 0, 5],
    carried_in: [1, 0, 1, 0, 0, 0, 2],
    open: [1, 0, 0, 0, 0, 0, 1],
    partial: [1, 0, 0, 0, 0, 0, 1],
    other_correction_overdue: [0, 0, 1, 0, 0, 0, 1],
    other_fee_unpaid: [0, 0, 0, 1, 0, 0, 1],
    other: [0, 1, 0, 0, 0, 0, 1],
    total: [2, 1, 1, 1, 0, 0, 5],
    carried_out: [1, 0, 0, 0, 1, 0, 2],
  },
  2023: {
    new: [1, 0, 0, 0, 0, 0, 1],
    carried_in: [1, 0, 0, 0, 1, 0, 2],
    open: [0, 0, 0, 0, 1, 0, 1],
    rejected_duplicate: [1, 0, 0, 0, 0, 0, 1],
    total: [1, 0, 0, 0, 1, 0, 2],
    carried_out: [1, 0, 0, 0, 0, 0, 1],
  },
};

describe('computeAnnualReport — table 三 (EXCHANGE.md §2.1)', () => {
  it.each([2021, 2022, 2023])('counts %i row by row', (year) => {
    const report = computeAnnualReport(input, year);
    for (const key of ROW_KEYS) {
      expect([key, report.applications.rows[key]]).toEqual([key, expectedRows[year]?.[key] ?? z7]);
    }
  });

  it('lists the 25 rows in the order of the national table', () => {
    expect(Object.keys(computeAnnualReport(input, 2022).applications.rows)).toEqual([...ROW_KEYS]);
  });

  it('carries over exactly what the previous year carried out', () => {
    for (const year of [2022, 2023]) {
      expect(computeAnnualReport(input, year).applications.rows.carried_in).toEqual(
        computeAnnualReport(input, year - 1).applications.rows.carried_out,
      );
    }
  });

  it('produces three years that validate without error, reminding only of appeals pending at year end', () => {
    const docs = [2021, 2022, 2023].map((year) => computeAnnualReport(input, year));
    const findings = validateReports(docs, { requireAllParts: true });
    expect(findings.map((f) => [f.code, f.year, f.path])).toEqual([
      ['APPEAL_PENDING', 2022, 'appeals.litigation_after_review'],
      ['APPEAL_PENDING', 2023, 'appeals.litigation_direct'],
    ]);
  });

  it("raises no finding once the narrative reports on last year's pending cases", () => {
    const narrative = {
      overview: '上年度未审结的行政诉讼案件已于本年审结。',
      problems: '',
      other: '',
    };
    const docs = [2021, 2022, 2023].map((year) =>
      computeAnnualReport({ ...input, narrative }, year),
    );
    expect(validateReports(docs, { requireAllParts: true })).toEqual([]);
  });
});

describe('computeAnnualReport — tables 二 and 四, fees and channels', () => {
  it('counts normative documents issued, abolished and in force', () => {
    const r2021 = computeAnnualReport(input, 2021).proactive;
    const r2022 = computeAnnualReport(input, 2022).proactive;
    expect(r2021.normative_documents).toEqual({ issued: 1, abolished: 0, in_force: 2 });
    expect(r2022.normative_documents).toEqual({ issued: 0, abolished: 1, in_force: 1 });
    expect(r2022.rules).toEqual({ issued: 1, abolished: 0, in_force: 1 });
  });

  it('takes licensing and fee income from annual_figures, manual entries first', () => {
    const proactive = computeAnnualReport(input, 2022).proactive;
    expect([
      proactive.licensing,
      proactive.penalty,
      proactive.enforcement,
      proactive.fees_10k_yuan,
    ]).toEqual([10, 1, 2, 1.5]);
    expect(missingAnnualFigures(input, 2022)).toEqual([]);
    expect(missingAnnualFigures(input, 2021)).toEqual([
      'proactive.licensing',
      'proactive.penalty',
      'proactive.enforcement',
      'proactive.fees_10k_yuan',
    ]);
  });

  it.each([
    [
      2021,
      {
        review: [0, 0, 0, 0, 0],
        litigation_direct: [0, 0, 0, 0, 0],
        litigation_after_review: [0, 0, 0, 1, 1],
      },
    ],
    [
      2022,
      {
        review: [1, 0, 0, 0, 1],
        litigation_direct: [0, 0, 0, 1, 1],
        litigation_after_review: [0, 0, 0, 0, 0],
      },
    ],
    [
      2023,
      {
        review: [0, 0, 0, 0, 0],
        litigation_direct: [0, 0, 0, 0, 0],
        litigation_after_review: [0, 0, 0, 0, 0],
      },
    ],
  ])('counts appeals filed in %i with their result as of 31 December', (year, expected) => {
    expect(computeAnnualReport(input, year).appeals).toEqual(expected);
  });

  it.each([
    [2021, { notices: 0, notice_amount_yuan: 0, collected_yuan: 0 }],
    [2022, { notices: 2, notice_amount_yuan: 300.1, collected_yuan: 100.1 }],
  ])('counts fee notices and payments dated in %i, unpaid ones included', (year, expected) => {
    expect(computeAnnualReport(input, year).fees).toEqual(expected);
  });

  it('counts active items once per channel they were published to in the year', () => {
    expect(computeAnnualReport(input, 2022).channels).toEqual({
      portal: 1,
      platform: 1,
      gazette: 0,
      new_media: 0,
      other: 0,
    });
    expect(computeAnnualReport(input, 2023).channels).toEqual({
      portal: 0,
      platform: 0,
      gazette: 0,
      new_media: 1,
      other: 0,
    });
  });

  it('writes a complete document that the strict schema accepts', () => {
    expect(annualReportSchema.safeParse(computeAnnualReport(input, 2022)).success).toBe(true);
  });
});
