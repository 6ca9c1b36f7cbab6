import { describe, expect, it } from 'vitest';
import { SHIPPED_YEARS } from './calendar.data.js';
import { explainDeadline } from './calendar.explain.js';
import { buildCalendar } from './calendar.model.js';

const cal = buildCalendar([...SHIPPED_YEARS]);

describe('explainDeadline (REGULATIONS §4.3: which days moved a deadline)', () => {
  it('names the 国庆 holiday skipped and the 调休 Saturday/Sunday counted for 2025-09-26 + 20', () => {
    const e = explainDeadline(cal, '2025-09-26', 20);
    expect(e.date).toBe('2025-10-30');
    expect(e.provisional).toBe(false);
    expect(e.holidays).toEqual([
      { name: '国庆节、中秋节', first: '2025-10-01', last: '2025-10-08', days: 8 },
    ]);
    expect(e.makeupDays).toEqual(['2025-09-28', '2025-10-11']);
    expect(e.text).toContain('第20个工作日为2025年10月30日（周四）');
    expect(e.text).toContain('国庆节、中秋节 10月1日至8日不计');
    expect(e.text).toContain('9月28日（周日）、10月11日（周六）调休上班计入');
  });

  it('spans New Year with the year written out (received 2025-12-31 → 2026-01-29)', () => {
    const e = explainDeadline(cal, '2025-12-31', 20);
    expect(e.date).toBe('2026-01-29');
    expect(e.text).toContain('元旦 2026年1月1日至3日不计');
    expect(e.text).toContain('2026年1月4日（周日）调休上班计入');
  });

  it('warns that a count through a year without data (2027) is provisional', () => {
    const e = explainDeadline(cal, '2027-02-01', 20);
    expect(e).toMatchObject({
      date: '2027-03-01',
      provisional: true,
      provisionalYears: [2027],
      weekendDays: 8,
    });
    expect(e.text).toContain('2027年尚无官方放假安排');
  });

  it('explains 0 working days as the start day itself', () => {
    expect(explainDeadline(cal, '2025-10-01', 0)).toMatchObject({
      date: '2025-10-01',
      holidays: [],
      weekendDays: 0,
    });
  });
});
