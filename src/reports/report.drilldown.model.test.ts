import { describe, expect, it } from 'vitest';
import { computeAnnualReport } from './figures.model.js';
import { drillablePaths, drilldown, isDrillablePath } from './report.drilldown.model.js';
import type { AnnualReportInput, ReportApplication, ReportItem } from './reports.model.js';

const ORG = 'demo';
const app = (
  ref: string,
  type: ReportApplication['applicant']['type'],
  received_on: string,
  events: ReportApplication['events'],
): ReportApplication => ({ org: ORG, ref, applicant: { type }, received_on, events });
const item = (ref: string, fields: Partial<ReportItem>): ReportItem => ({
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
});

const input: AnnualReportInput = {
  org: { code: ORG, name: '演示单位', kind: 'department' },
  items: [
    item('I1', { published_on: '2023-02-01', channels: ['portal', 'platform'] }),
    item('I2', { published_on: '2023-05-01', channels: ['portal'] }),
    item('I3', { published_on: '2022-05-01', channels: ['portal'] }),
    item('N1', { doc_type: 'normative', formed_on: '2023-03-01', published_on: '2023-03-02' }),
    item('N2', { doc_type: 'normative', formed_on: '2019-03-01', abolished_on: '2023-06-01' }),
    item('R1', { doc_type: 'rule', formed_on: '2018-03-01', validity: 'invalid' }),
    item('X1', { org: 'other', published_on: '2023-02-01', channels: ['portal'] }),
  ],
  applications: [
    app('A1', 'natural_person', '2022-12-20', [
      { type: 'concluded', on: '2023-01-10', outcome: 'partial' },
    ]),
    app('A2', 'commercial', '2022-11-01', []),
    app('A3', 'natural_person', '2023-03-01', [
      { type: 'fee_notice', on: '2023-03-05', amount_yuan: 100 },
      { type: 'fee_paid', on: '2023-03-08', amount_yuan: 100 },
      { type: 'concluded', on: '2023-03-20', outcome: 'open' },
    ]),
    app('A4', 'research', '2023-12-30', [{ type: 'withdrawn', on: '2024-01-03' }]),
    app('A5', 'natural_person', '2021-01-05', [
      { type: 'concluded', on: '2021-02-01', outcome: 'open' },
    ]),
  ],
  appeals: [
    {
      org: ORG,
      ref: 'P1',
      kind: 'review',
      filed_on: '2023-04-01',
      decided_on: '2024-01-05',
      result: 'corrected',
    },
    {
      org: ORG,
      ref: 'P2',
      kind: 'litigation_direct',
      filed_on: '2023-05-01',
      decided_on: '2023-09-01',
      result: 'maintained',
    },
  ],
};

const refs = (cells: Map<string, Array<{ ref: string }>>, path: string) =>
  (cells.get(path) ?? []).map((r) => r.ref).sort();

describe('drilldown', () => {
  const cells = drilldown(input, 2023);

  it('lists the applications carried in, by applicant column and in 总计', () => {
    expect(refs(cells, 'applications.rows.carried_in[0]')).toEqual(['A1']);
    expect(refs(cells, 'applications.rows.carried_in[1]')).toEqual(['A2']);
    expect(refs(cells, 'applications.rows.carried_in[6]')).toEqual(['A1', 'A2']);
    expect(refs(cells, 'applications.rows.carried_out[6]')).toEqual(['A2', 'A4']);
    expect(refs(cells, 'applications.rows.partial[6]')).toEqual(['A1']);
  });

  it('lists fee cases, items per channel, documents in force and appeals pending at year end', () => {
    expect(refs(cells, 'fees.collected_yuan')).toEqual(['A3']);
    expect(refs(cells, 'channels.portal')).toEqual(['I1', 'I2']);
    expect(refs(cells, 'proactive.normative_documents.in_force')).toEqual(['N1']);
    expect(refs(cells, 'proactive.normative_documents.abolished')).toEqual(['N2']);
    expect(refs(cells, 'appeals.review[3]')).toEqual(['P1']);
    expect(refs(cells, 'appeals.litigation_direct[0]')).toEqual(['P2']);
  });

  it.each([2021, 2022, 2023, 2024])(
    'has as many records in every cell as the figure of the report of %i',
    (year) => {
      const doc = computeAnnualReport(input, year) as unknown as Record<string, unknown>;
      const byYear = drilldown(input, year);
      for (const path of drillablePaths()) {
        if (path === 'fees.notice_amount_yuan' || path === 'fees.collected_yuan') continue;
        const value = valueAt(doc, path) ?? 0;
        expect(byYear.get(path)?.length ?? 0, path).toBe(value);
      }
    },
  );

  it('knows which paths are made from records and which are entered', () => {
    expect(isDrillablePath('applications.rows.carried_in[0]')).toBe(true);
    expect(isDrillablePath('proactive.licensing')).toBe(false);
    expect(isDrillablePath('applications.rows.nope[0]')).toBe(false);
  });
});

function valueAt(doc: Record<string, unknown>, path: string): number | undefined {
  let cur: unknown = doc;
  for (const part of path.split(/\.|\[|\]/).filter(Boolean)) {
    cur = (cur as Record<string, unknown> | undefined)?.[part];
  }
  return typeof cur === 'number' ? cur : undefined;
}
