import { expect, it } from 'vitest';
import { describeEachDb } from '../platform/db/test-helper.js';
import { findOrgByCode } from '../orgs/orgs.repository.js';
import { computeAnnualReport } from './figures.model.js';
import { loadReportFigures, loadReportInput, overdueCount } from './report.records.js';
import { applicationRecord, importRecords, itemRecord, orgRecord } from './report.test-support.js';

const concluded = (on: string, outcome: string) => ({
  type: 'concluded',
  on,
  outcome,
  legal_basis: null,
});

describeEachDb('the records a report is computed from', (get) => {
  it('loads only what the figures read, and counts overdue answers in SQL', async () => {
    const ctx = get();
    await importRecords(ctx, {
      orgs: [orgRecord('rec', 'department', null), orgRecord('other', 'department', null)],
      items: [
        itemRecord('rec', 'I2024', '2024-03-01', ['portal', 'platform']),
        itemRecord('rec', 'I2023', '2023-03-01', ['portal']),
        itemRecord('rec', 'N2020', '2020-03-01', ['portal'], 'normative'),
        itemRecord('other', 'X2024', '2024-03-01', ['portal']),
      ],
      applications: [
        // Answered on time (within 20 working days).
        applicationRecord('rec', 'A1', '2024-03-01', [concluded('2024-03-05', 'open')]),
        // Answered months after the due date: overdue in 2024.
        applicationRecord('rec', 'A2', '2024-03-01', [
          {
            type: 'fee_notice',
            on: '2024-03-04',
            amount_yuan: 100.5,
            basis: 'per_page',
            pages: 300,
          },
          { type: 'fee_paid', on: '2024-03-06', amount_yuan: 100.5 },
          concluded('2024-09-02', 'partial'),
        ]),
        // Overdue, but concluded in 2025: not an overdue answer of 2024.
        applicationRecord('rec', 'A3', '2024-11-01', [concluded('2025-06-02', 'open')]),
        // Withdrawn after an extension: only the withdrawal counts.
        applicationRecord('rec', 'A4', '2024-05-06', [
          { type: 'extended', on: '2024-05-20', working_days: 20, approved_by: '负责人' },
          { type: 'withdrawn', on: '2024-05-27' },
        ]),
        applicationRecord(
          'rec',
          'A6',
          '2024-06-03',
          [concluded('2024-07-01', 'unable_not_held')],
          'commercial',
        ),
        // Carried over from 2023 and still open at the end of 2025.
        applicationRecord('rec', 'A7', '2023-12-28', [], 'research'),
        // Received after the year: not loaded.
        applicationRecord('rec', 'A5', '2025-01-02', []),
        applicationRecord('other', 'B1', '2024-03-01', [concluded('2024-12-30', 'open')]),
      ],
    });
    const org = await findOrgByCode(ctx.db, 'rec');
    if (!org) throw new Error('org missing');

    expect(await overdueCount(ctx.db, org.id, 2024)).toBe(1);
    expect(await overdueCount(ctx.db, org.id, 2025)).toBe(1);
    expect(await overdueCount(ctx.db, org.id, 2023)).toBe(0);

    const input = await loadReportInput(ctx.db, org, 2024);
    // Items of type other count only when published in the year; documents always (their stock).
    expect(input.items.map((i) => i.ref).sort()).toEqual(['I2024', 'N2020']);
    expect(input.applications.map((a) => a.ref).sort()).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'A6',
      'A7',
    ]);
    const events = Object.fromEntries(
      input.applications.map((a) => [a.ref, a.events.map((e) => e.type)]),
    );
    expect(events).toEqual({
      A1: ['concluded'],
      A2: ['fee_notice', 'fee_paid', 'concluded'],
      A3: ['concluded'],
      A4: ['withdrawn'],
      A6: ['concluded'],
      A7: [],
    });

    const doc = computeAnnualReport(input, 2024);
    expect(doc.applications.rows.new).toEqual([4, 1, 0, 0, 0, 0, 5]);
    expect(doc.applications.rows.open).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(doc.applications.rows.partial).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(doc.applications.rows.other).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(doc.applications.rows.carried_out).toEqual([1, 0, 1, 0, 0, 0, 2]);
    expect(doc.fees).toEqual({ notices: 1, notice_amount_yuan: 100.5, collected_yuan: 100.5 });
    expect(doc.channels).toMatchObject({ portal: 1, platform: 1 });
    expect(doc.proactive.normative_documents).toEqual({ issued: 0, abolished: 0, in_force: 1 });

    expect(doc.applications.rows.unable_not_held).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(doc.applications.rows.carried_in).toEqual([0, 0, 1, 0, 0, 0, 1]);

    const next = computeAnnualReport(await loadReportInput(ctx.db, org, 2025), 2025);
    expect(next.applications.rows.carried_in).toEqual([1, 0, 1, 0, 0, 0, 2]);
    expect(next.applications.rows.new).toEqual([1, 0, 0, 0, 0, 0, 1]);

    // The database's count (what generateDocument uses) gives the same table 三 and fees.
    for (const year of [2023, 2024, 2025]) {
      const inMemory = computeAnnualReport(await loadReportInput(ctx.db, org, year), year);
      const counted = await loadReportFigures(ctx.db, org, year);
      expect(counted.applications).toEqual(inMemory.applications);
      expect(counted.fees).toEqual(inMemory.fees);
      expect(counted.input.applications).toEqual([]);
    }
  });
});
