import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../calendar/calendar.model.js';
import { SHIPPED_YEARS } from '../calendar/calendar.data.js';
import { computeClock } from './clock.model.js';
import { describeHolidays } from './explain.js';
import { anApplication, CAL } from './requests.fixtures.js';

const TODAY = '2026-06-30';

describe('reply and correction deadlines (条例第三十条、第三十三条; REGULATIONS.md §4.3 worked examples)', () => {
  it.each([
    { received: '2025-09-30', correction: '2025-10-16', reply: '2025-11-04' },
    { received: '2026-02-10', correction: '2026-02-26', reply: '2026-03-16' },
    { received: '2025-12-31', correction: '2026-01-12', reply: '2026-01-29' },
    { received: '2025-09-26', correction: '2025-10-13', reply: '2025-10-30' },
  ])(
    'received $received: 补正告知 by $correction, reply by $reply',
    ({ received, correction, reply }) => {
      const clock = computeClock(CAL, anApplication(received), { today: received });
      expect(clock.correction_notice_due).toBe(correction);
      expect(clock.reply_due).toBe(reply);
      expect(clock.status).toBe('registered');
      expect(clock.provisional).toBe(false);
    },
  );

  it('explains the issue example with the holiday and the 调休上班 days', () => {
    const clock = computeClock(CAL, anApplication('2025-09-26'), { today: '2025-09-26' });
    const line = clock.explanation.find((l) => l.includes('答复期限2025-10-30'));
    expect(line).toBe(
      '2025-09-26 收到申请，20个工作日，国庆节、中秋节 10月1日至8日不计，9月28日、10月11日调休上班计入，答复期限2025-10-30（条例第三十三条）',
    );
  });

  it('describes holidays across New Year and the 2026 春节', () => {
    expect(describeHolidays(CAL, '2025-12-31', '2026-01-29')).toBe(
      '元旦 1月1日至3日不计，1月4日调休上班计入',
    );
    expect(describeHolidays(CAL, '2026-02-10', '2026-03-16')).toBe(
      '春节 2月15日至23日不计，2月14日、2月28日调休上班计入',
    );
    expect(describeHolidays(CAL, '2025-03-03', '2025-03-20')).toBe('');
  });
});

describe('征求意见 pauses the reply clock (条例第三十二条、第三十三条第三款、第三十四条)', () => {
  const app = anApplication('2025-09-30', [
    { type: 'consultation_started', on: '2025-10-13', party: 'third_party' },
    { type: 'consultation_ended', on: '2025-10-20' },
  ]);

  it('does not count the 5 working days from 2025-10-13 (excluded) to 2025-10-20 (included)', () => {
    const clock = computeClock(CAL, app, { today: '2025-10-21' });
    expect(clock.paused_working_days).toBe(5);
    expect(clock.reply_due).toBe('2025-11-11');
    expect(clock.status).toBe('in_progress');
  });

  it('gives the third party 15 working days from receiving the letter on 2025-10-13 (条例第三十二条)', () => {
    const clock = computeClock(CAL, app, { today: '2025-10-21' });
    expect(clock.consultations[0]?.window_due).toBe('2025-11-03');
  });

  it('pauses an open consultation until today and reports it', () => {
    const open = anApplication('2025-09-30', [
      { type: 'consultation_started', on: '2025-10-13', party: 'other_agency' },
    ]);
    const clock = computeClock(CAL, open, { today: '2025-10-20' });
    expect(clock.status).toBe('paused_consultation');
    expect(clock.pauses[0]).toMatchObject({ open: true, to: '2025-10-20', working_days: 5 });
    expect(clock.reply_due).toBe('2025-11-11');
  });

  it('resumes the clock when the 15-working-day window ends without an opinion recorded', () => {
    const open = anApplication('2025-09-30', [
      { type: 'consultation_started', on: '2025-10-13', party: 'other_agency' },
    ]);
    const clock = computeClock(CAL, open, { today: '2025-12-01' });
    expect(clock.status).toBe('in_progress');
    expect(clock.pauses[0]?.to).toBe('2025-11-03');
    expect(clock.paused_working_days).toBe(15);
  });
});

describe('补正 restarts the reply clock (条例第三十条)', () => {
  it('waits for the correction, with no reply due date meanwhile', () => {
    const app = anApplication('2025-09-30', [
      { type: 'correction_requested', on: '2025-10-10', due_on: '2025-10-24' },
    ]);
    const clock = computeClock(CAL, app, { today: '2025-10-20' });
    expect(clock.status).toBe('correction_pending');
    expect(clock.reply_due).toBeNull();
    expect(clock.correction_overdue).toBe(false);
    expect(computeClock(CAL, app, { today: '2025-10-27' }).correction_overdue).toBe(true);
  });

  it('counts 20 working days from the correction date, the first period void', () => {
    const app = anApplication('2025-09-30', [
      { type: 'correction_requested', on: '2025-10-10', due_on: '2025-10-24' },
      { type: 'correction_received', on: '2025-10-20' },
    ]);
    const clock = computeClock(CAL, app, { today: '2025-10-21' });
    expect(clock.reply_start).toBe('2025-10-20');
    expect(clock.reply_due).toBe('2025-11-17');
    expect(clock.explanation.some((l) => l.startsWith('2025-10-20 收到补正，20个工作日'))).toBe(
      true,
    );
  });
});

describe('extension (条例第三十三条第二款)', () => {
  it('adds the extension days to the reply due date', () => {
    const app = anApplication('2025-09-30', [
      { type: 'extended', on: '2025-11-03', working_days: 20, approved_by: '李主任' },
    ]);
    const clock = computeClock(CAL, app, { today: '2025-11-03' });
    expect(clock.extension_days).toBe(20);
    expect(clock.reply_due).toBe('2025-12-02');
  });

  it('adds extensions after pauses', () => {
    const app = anApplication('2025-09-30', [
      { type: 'consultation_started', on: '2025-10-13', party: 'third_party' },
      { type: 'consultation_ended', on: '2025-10-20' },
      { type: 'extended', on: '2025-11-10', working_days: 5, approved_by: '李主任' },
    ]);
    expect(computeClock(CAL, app, { today: '2025-11-10' }).reply_due).toBe('2025-11-18');
  });
});

describe('信息处理费 pause (国办函〔2020〕109号; platform rule, default on)', () => {
  const events = [
    { type: 'fee_notice', on: '2025-10-13', amount_yuan: 1700, basis: 'per_page', pages: 150 },
    { type: 'fee_paid', on: '2025-10-20', amount_yuan: 1700 },
  ] as const;

  it('excludes the notice day and includes the payment day', () => {
    const clock = computeClock(CAL, anApplication('2025-09-30', [...events]), {
      today: '2025-10-21',
    });
    expect(clock.fee_payment_due).toBe('2025-11-10');
    expect(clock.paused_working_days).toBe(5);
    expect(clock.reply_due).toBe('2025-11-11');
  });

  it('does not pause when the rule is switched off', () => {
    const clock = computeClock(CAL, anApplication('2025-09-30', [...events]), {
      today: '2025-10-21',
      feePause: false,
    });
    expect(clock.reply_due).toBe('2025-11-04');
    expect(clock.pauses).toHaveLength(0);
  });

  it('is awaiting the fee until payment, overdue after 20 working days', () => {
    const app = anApplication('2025-09-30', [events[0]]);
    expect(computeClock(CAL, app, { today: '2025-11-10' })).toMatchObject({
      status: 'awaiting_fee',
      fee_overdue: false,
    });
    expect(computeClock(CAL, app, { today: '2025-11-11' })).toMatchObject({
      status: 'awaiting_fee',
      fee_overdue: true,
    });
  });
});

describe('status and conclusion', () => {
  it('is concluded on time, or overdue when replied late', () => {
    const onTime = anApplication('2025-09-30', [
      { type: 'concluded', on: '2025-11-04', outcome: 'open', legal_basis: null },
    ]);
    expect(computeClock(CAL, onTime, { today: TODAY })).toMatchObject({
      status: 'concluded',
      overdue: false,
      outcome: 'open',
    });
    const late = anApplication('2025-09-30', [
      { type: 'concluded', on: '2025-11-05', outcome: 'open', legal_basis: null },
    ]);
    expect(computeClock(CAL, late, { today: TODAY }).overdue).toBe(true);
  });

  it('is withdrawn and counted as other', () => {
    const app = anApplication('2025-09-30', [{ type: 'withdrawn', on: '2025-10-09' }]);
    expect(computeClock(CAL, app, { today: TODAY })).toMatchObject({
      status: 'withdrawn',
      outcome: 'other',
    });
  });

  it('is overdue when open past the reply due date', () => {
    expect(computeClock(CAL, anApplication('2025-09-30'), { today: '2025-11-05' }).overdue).toBe(
      true,
    );
  });
});

describe('provisional deadlines (REGULATIONS.md §6.1)', () => {
  it('marks a deadline running into 2027 (no official data) as provisional and says so', () => {
    const clock = computeClock(CAL, anApplication('2026-12-20'), { today: '2026-12-20' });
    expect(clock.provisional).toBe(true);
    // 2027-01-01 counts as a working day until the 2027 arrangement is entered.
    expect(clock.reply_due).toBe('2027-01-15');
    expect(clock.explanation.some((l) => l.includes('2027年节假日安排尚未录入'))).toBe(true);
  });

  it('is not provisional once the year has data', () => {
    const cal = buildCalendar([...SHIPPED_YEARS, { year: 2027, days: [] }]);
    expect(
      computeClock(cal, anApplication('2026-12-20'), { today: '2026-12-20' }).provisional,
    ).toBe(false);
  });
});
