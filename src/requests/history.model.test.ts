import { describe, expect, it } from 'vitest';
import {
  assertValidHistory,
  HistoryError,
  validateHistory,
  type HistoryCode,
} from './history.model.js';
import type { Application, ApplicationEvent } from './requests.model.js';
import { anApplication, CAL } from './requests.fixtures.js';

const R = '2025-09-30';
const ask = (on: string, due_on = '2025-10-31'): ApplicationEvent => ({
  type: 'correction_requested',
  on,
  due_on,
});
const got = (on: string): ApplicationEvent => ({ type: 'correction_received', on });
const start = (on: string): ApplicationEvent => ({
  type: 'consultation_started',
  on,
  party: 'third_party',
});
const end = (on: string): ApplicationEvent => ({ type: 'consultation_ended', on });
const extend = (on: string, working_days: number): ApplicationEvent => ({
  type: 'extended',
  on,
  working_days,
  approved_by: '李主任',
});
const notice = (
  on: string,
  extra: Partial<Extract<ApplicationEvent, { type: 'fee_notice' }>> = {},
): ApplicationEvent => ({
  type: 'fee_notice',
  on,
  amount_yuan: 1700,
  basis: 'per_page',
  pages: 150,
  ...extra,
});
const paid = (on: string): ApplicationEvent => ({ type: 'fee_paid', on, amount_yuan: 1700 });
const done = (
  on: string,
  outcome: Extract<ApplicationEvent, { type: 'concluded' }>['outcome'] = 'open',
): ApplicationEvent => ({
  type: 'concluded',
  on,
  outcome,
  legal_basis: null,
});

describe('possible histories are accepted', () => {
  it.each<[string, ApplicationEvent[]]>([
    ['当场答复 on the day of receipt (条例第三十三条)', [done(R)]],
    [
      '补正 within 7 working days, then a reply (条例第三十条)',
      [ask('2025-10-16'), got('2025-10-20'), done('2025-11-10')],
    ],
    [
      'two consultations one after the other (条例第三十二条、第三十四条)',
      [
        start('2025-10-09'),
        end('2025-10-10'),
        start('2025-10-13'),
        end('2025-10-20'),
        done('2025-11-11'),
      ],
    ],
    [
      'extensions of 20 working days in total (条例第三十三条第二款)',
      [extend('2025-10-20', 10), extend('2025-11-04', 10), done('2025-12-01')],
    ],
    [
      'a fee notice and payment (国办函〔2020〕109号)',
      [notice('2025-10-13'), paid('2025-10-20'), done('2025-11-11')],
    ],
    [
      '逾期不补正 after the 补正期限 (条例第三十条)',
      [ask('2025-10-09', '2025-10-20'), done('2025-10-21', 'other_correction_overdue')],
    ],
    [
      '逾期未缴费 after 20 working days (国办函〔2020〕109号)',
      [notice('2025-10-13'), done('2025-11-11', 'other_fee_unpaid')],
    ],
    [
      '补正后仍不明确 after a correction (条例第三十条)',
      [ask('2025-10-09'), got('2025-10-13'), done('2025-10-20', 'unable_unclear_after_correction')],
    ],
    ['a withdrawal', [start('2025-10-09'), { type: 'withdrawn', on: '2025-10-10' }]],
  ])('%s', (_name, events) => {
    expect(validateHistory(CAL, anApplication(R, events), '2026-06-30')).toEqual([]);
  });
});

describe('impossible histories are refused with a stable code', () => {
  it.each<[HistoryCode, string, ApplicationEvent[], Partial<Application>?]>([
    ['ERR_INVALID_DATE', 'dates are real YYYY-MM-DD dates', [done('2025-02-30')]],
    [
      'ERR_RECEIVED_BEFORE_SUBMITTED',
      '条例第三十一条: receipt is not before submission',
      [],
      { submitted_on: '2025-10-01' },
    ],
    [
      'ERR_EVENTS_OUT_OF_ORDER',
      'events are in date order',
      [start('2025-10-13'), end('2025-10-10')],
    ],
    ['ERR_EVENT_IN_FUTURE', 'nothing is recorded after today', [start('2026-07-01')]],
    ['ERR_EVENT_BEFORE_RECEIPT', 'nothing happens before receipt', [start('2025-09-29')]],
    ['ERR_CONCLUDED_BEFORE_RECEIPT', 'no conclusion before receipt', [done('2025-09-29')]],
    [
      'ERR_EVENT_AFTER_CONCLUSION',
      'nothing after the conclusion',
      [done('2025-10-09'), start('2025-10-10')],
    ],
    [
      'ERR_EVENT_AFTER_CONCLUSION',
      'nothing after a withdrawal',
      [{ type: 'withdrawn', on: '2025-10-09' }, done('2025-10-10')],
    ],
    [
      'ERR_CORRECTION_NOT_REQUESTED',
      '条例第三十条: a correction answers a request',
      [got('2025-10-10')],
    ],
    ['ERR_CORRECTION_TWICE', '条例第三十条: 一次性告知', [ask('2025-10-09'), ask('2025-10-10')]],
    [
      'ERR_CORRECTION_RECEIVED_TWICE',
      '条例第三十条: one correction',
      [ask('2025-10-09'), got('2025-10-10'), got('2025-10-13')],
    ],
    [
      'ERR_CORRECTION_LATE',
      '条例第三十条: within 7 working days (by 2025-10-16)',
      [ask('2025-10-17')],
    ],
    [
      'ERR_CORRECTION_DUE_BEFORE_NOTICE',
      '条例第三十条: a 补正期限 after the notice',
      [ask('2025-10-10', '2025-10-09')],
    ],
    ['ERR_CONSULTATION_NOT_STARTED', '条例第三十二条: an end needs a start', [end('2025-10-10')]],
    [
      'ERR_CONSULTATION_OVERLAP',
      '条例第三十二条: one consultation at a time',
      [start('2025-10-09'), start('2025-10-10')],
    ],
    ['ERR_EXTENSION_DAYS', '条例第三十三条第二款: 1–20 working days', [extend('2025-10-10', 0)]],
    [
      'ERR_EXTENSION_LIMIT',
      '条例第三十三条第二款: at most 20 in total',
      [extend('2025-10-20', 15), extend('2025-11-04', 6)],
    ],
    [
      'ERR_EXTENSION_DURING_CORRECTION',
      '条例第三十条: no period to extend while awaiting 补正',
      [ask('2025-10-09'), extend('2025-10-10', 5)],
    ],
    [
      'ERR_EXTENSION_AFTER_DUE',
      '条例第三十三条第二款: extend before the period ends (2025-11-04)',
      [extend('2025-11-05', 5)],
    ],
    ['ERR_FEE_NOT_NOTIFIED', '国办函〔2020〕109号: payment needs a notice', [paid('2025-10-10')]],
    [
      'ERR_FEE_PAID_TWICE',
      'one payment',
      [notice('2025-10-09'), paid('2025-10-10'), paid('2025-10-13')],
    ],
    [
      'ERR_FEE_BOTH_BASES',
      '109号第三条: not both bases in one notice',
      [notice('2025-10-09', { count_in_month: 12 })],
    ],
    [
      'ERR_FEE_BOTH_BASES',
      '109号第三条: not both bases across notices',
      [
        notice('2025-10-09'),
        notice('2025-10-10', { basis: 'per_application', pages: null, count_in_month: 12 }),
      ],
    ],
    [
      'ERR_FEE_NOTICE_TWICE',
      'one fee notice per application',
      [notice('2025-10-09'), notice('2025-10-10')],
    ],
    [
      'ERR_FEE_NOTICE_FIELDS',
      'a 按量 notice gives the pages',
      [notice('2025-10-09', { pages: null })],
    ],
    [
      'ERR_CORRECTION_OVERDUE_WITHOUT_REQUEST',
      '条例第三十条: overdue needs a request',
      [done('2025-10-21', 'other_correction_overdue')],
    ],
    [
      'ERR_CORRECTION_OVERDUE_WITHOUT_REQUEST',
      '条例第三十条: not overdue once corrected',
      [
        ask('2025-10-09', '2025-10-20'),
        got('2025-10-13'),
        done('2025-10-21', 'other_correction_overdue'),
      ],
    ],
    [
      'ERR_CORRECTION_OVERDUE_EARLY',
      '条例第三十条: only after the 补正期限',
      [ask('2025-10-09', '2025-10-20'), done('2025-10-20', 'other_correction_overdue')],
    ],
    [
      'ERR_FEE_UNPAID_WITHOUT_NOTICE',
      '109号: unpaid needs a notice',
      [done('2025-10-21', 'other_fee_unpaid')],
    ],
    [
      'ERR_FEE_UNPAID_EARLY',
      '109号: only after 20 working days (2025-11-10)',
      [notice('2025-10-13'), done('2025-11-10', 'other_fee_unpaid')],
    ],
    [
      'ERR_UNCLEAR_WITHOUT_CORRECTION',
      '条例第三十条: unclear only after a correction',
      [done('2025-10-10', 'unable_unclear_after_correction')],
    ],
  ])('%s: %s', (code, _rule, events, patch = {}) => {
    const app = { ...anApplication(R, events), ...patch };
    const problems = validateHistory(CAL, app, '2026-06-30');
    expect(problems.map((p) => p.code)).toContain(code);
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('resets the extension total when the correction restarts the period (条例第三十条)', () => {
    const events = [
      extend('2025-10-09', 15),
      ask('2025-10-10'),
      got('2025-10-13'),
      extend('2025-10-20', 15),
    ];
    expect(validateHistory(CAL, anApplication(R, events))).toEqual([]);
  });

  it('points at the event at fault', () => {
    const [problem] = validateHistory(
      CAL,
      anApplication(R, [start('2025-10-09'), end('2025-10-10'), end('2025-10-13')]),
    );
    expect(problem).toMatchObject({ code: 'ERR_CONSULTATION_NOT_STARTED', path: 'events[2]' });
  });

  it('throws a HistoryError carrying the first code', () => {
    const app = anApplication(R, [got('2025-10-10')]);
    expect(() => assertValidHistory(CAL, app)).toThrow(HistoryError);
    expect(() => assertValidHistory(CAL, app)).toThrow(
      expect.objectContaining({ code: 'ERR_CORRECTION_NOT_REQUESTED', status: 400 }),
    );
  });
});
