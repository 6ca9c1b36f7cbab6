import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED_YEARS } from './calendar.data.js';
import {
  addDays,
  addWorkingDays,
  buildCalendar,
  isProvisional,
  isWorkingDay,
  workingDaysBetween,
  yearDayProblems,
} from './calendar.model.js';

const cal = buildCalendar([...SHIPPED_YEARS]);
const due = (from: string, n: number, skip?: (d: string) => boolean) =>
  addWorkingDays(cal, from, n, skip).date;

describe('REGULATIONS §4.3 worked examples (条例第三十条、第三十二条、第三十三条)', () => {
  const pause = (first: string, last: string) => (d: string) => d > first && d <= last;
  it.each([
    [
      '条例第三十条 补正告知: received 2025-09-30 + 7 working days',
      '2025-09-30',
      7,
      undefined,
      '2025-10-16',
    ],
    [
      '条例第三十三条 答复: received 2025-09-30 + 20 working days',
      '2025-09-30',
      20,
      undefined,
      '2025-11-04',
    ],
    [
      '条例第三十二条 consultation 2025-10-13..20 pauses the reply clock by 5 working days',
      '2025-09-30',
      20,
      pause('2025-10-13', '2025-10-20'),
      '2025-11-11',
    ],
    [
      '条例第三十二条 third party window: letter received 2025-10-13 + 15',
      '2025-10-13',
      15,
      undefined,
      '2025-11-03',
    ],
    [
      '条例第三十条 补正告知 over 春节 2026: received 2026-02-10 + 7',
      '2026-02-10',
      7,
      undefined,
      '2026-02-26',
    ],
    [
      '条例第三十三条 答复 over 春节 2026: received 2026-02-10 + 20',
      '2026-02-10',
      20,
      undefined,
      '2026-03-16',
    ],
    [
      '条例第三十三条 答复 across New Year: received 2025-12-31 + 20',
      '2025-12-31',
      20,
      undefined,
      '2026-01-29',
    ],
    [
      '条例第二十六条 (§3.7) 主动公开: formed 2026-09-18 + 20',
      '2026-09-18',
      20,
      undefined,
      '2026-10-22',
    ],
    ['issue example `calendar add 2025-09-26 20`', '2025-09-26', 20, undefined, '2025-10-30'],
  ])('%s → %s', (_name, from, n, skip, expected) => {
    expect(due(from, n, skip)).toBe(expected);
    expect(addWorkingDays(cal, from, n, skip).provisional).toBe(false);
  });
});

describe('§6.1 workday rule over the shipped 2024–2026 arrangements', () => {
  it.each([
    '2024-02-04',
    '2024-02-18',
    '2024-04-07',
    '2024-04-28',
    '2024-05-11',
    '2024-09-14',
    '2024-09-29',
    '2024-10-12',
  ])('§6.4 2024 调休上班日 %s is a working day although it is a weekend', (date) => {
    expect(isWorkingDay(cal, date)).toBe(true);
  });

  it.each([
    ['2025 元旦', '2025-01-01', false],
    ['2025 春节 调休上班 Sunday', '2025-01-26', true],
    ['2025 春节 放假 weekday', '2025-02-04', false],
    ['2025 国庆节、中秋节 8th day (Wednesday)', '2025-10-08', false],
    ['2025 国庆 调休上班 Saturday', '2025-10-11', true],
    ['2026 元旦 调休上班 Sunday', '2026-01-04', true],
    ['2026 春节 Monday 正月初七', '2026-02-23', false],
    ['2026 劳动节 调休上班 Saturday', '2026-05-09', true],
    ['2026 ordinary Saturday', '2026-03-07', false],
    ['2026 ordinary Wednesday', '2026-03-11', true],
  ])('§6.3/§6.4 %s (%s) working: %s', (_name, date, working) => {
    expect(isWorkingDay(cal, date)).toBe(working);
  });

  it('§6.2 New Year boundary: the 2019 notice makes 2018-12-29 a working day and 12-30/31 days off', () => {
    expect(isWorkingDay(cal, '2018-12-29')).toBe(true);
    expect(isWorkingDay(cal, '2018-12-30')).toBe(false);
    expect(isWorkingDay(cal, '2018-12-31')).toBe(false);
    expect(isWorkingDay(cal, '2019-01-01')).toBe(false);
    expect(isWorkingDay(cal, '2019-01-02')).toBe(true);
  });

  it('§6.2 the 2020 春节 extension (to 2 February) is in the shipped data', () => {
    for (const d of ['2020-01-30', '2020-01-31', '2020-02-02'])
      expect(isWorkingDay(cal, d)).toBe(false);
    expect(isWorkingDay(cal, '2020-02-03')).toBe(true);
    expect(due('2020-01-23', 1)).toBe('2020-02-03');
  });

  it('§6.1 a year without data (2027) counts weekends only and is provisional', () => {
    expect(isProvisional(cal, '2027-01-01')).toBe(true);
    expect(isWorkingDay(cal, '2027-01-01')).toBe(true); // a Friday: no 元旦 without a notice
    expect(isWorkingDay(cal, '2027-01-02')).toBe(false);
    expect(addWorkingDays(cal, '2027-02-01', 20)).toEqual({
      date: '2027-03-01',
      provisional: true,
    });
    expect(addWorkingDays(cal, '2026-12-25', 10).provisional).toBe(true);
    expect(addWorkingDays(cal, '2026-12-01', 5).provisional).toBe(false);
  });
});

describe('§4.3 counting convention (民法典第二百零一条: 开始的当日不计入)', () => {
  it.each([
    ['a holiday start day (国庆 10-01)', '2025-10-01', '2025-10-09'],
    ['a weekend inside the holiday (10-05)', '2025-10-05', '2025-10-09'],
    ['a working start day (09-30)', '2025-09-30', '2025-10-09'],
    ['a 调休上班日 as start day (10-11)', '2025-10-11', '2025-10-13'],
    ['the Friday before a 调休 Saturday', '2025-10-10', '2025-10-11'],
  ])('does not count the start day when it is %s', (_name, from, expected) => {
    expect(due(from, 1)).toBe(expected);
  });

  it('returns the start day itself for 0 working days and rejects negative or fractional counts', () => {
    expect(due('2025-10-01', 0)).toBe('2025-10-01');
    expect(() => due('2025-10-01', -1)).toThrow(RangeError);
    expect(() => due('2025-10-01', 1.5)).toThrow(RangeError);
    expect(() => due('2025-02-30', 1)).toThrow(RangeError);
  });

  it('workingDaysBetween(from, addWorkingDays(from, n)) = n over 2024–2026', () => {
    for (let from = '2024-01-01'; from < '2026-12-01'; from = addDays(from, 5)) {
      for (const n of [1, 7, 15, 20]) {
        expect(workingDaysBetween(cal, from, due(from, n))).toBe(n);
      }
    }
    expect(workingDaysBetween(cal, '2025-11-04', '2025-09-30')).toBe(-20);
  });
});

describe('§6.2 validating an administrator’s arrangement (yearDayProblems)', () => {
  it('accepts the shipped 2024, 2025 and 2026 arrangements', () => {
    for (const y of SHIPPED_YEARS.filter((s) => s.year >= 2024))
      expect(yearDayProblems(y.year, y.days)).toEqual([]);
  });

  it('refuses a weekday 调休上班日, a date listed twice, a date outside the year and a bad date', () => {
    const problems = yearDayProblems(2027, [
      { date: '2027-01-01', isOffDay: true, name: '元旦' },
      { date: '2027-02-08', isOffDay: false, name: '春节' },
      { date: '2027-01-01', isOffDay: true, name: '元旦' },
      { date: '2027-13-01', isOffDay: true, name: 'x' },
      { date: '2028-03-01', isOffDay: true, name: 'x' },
      { date: '2026-12-31', isOffDay: true, name: '元旦' },
    ]);
    expect(problems.map((p) => p.index)).toEqual([1, 2, 3, 4]);
  });
});

describe('China-time independence (§6.1 dates are China calendar dates)', () => {
  it('gives the same results when the process runs in America/New_York', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const script = [
      "import { SHIPPED_YEARS } from './src/calendar/calendar.data.ts';",
      "import { buildCalendar, addWorkingDays, isWorkingDay, weekday } from './src/calendar/calendar.model.ts';",
      'const cal = buildCalendar([...SHIPPED_YEARS]);',
      "console.log(JSON.stringify([new Date(2025, 0, 1).getTimezoneOffset(), addWorkingDays(cal, '2025-09-30', 20).date,",
      "  addWorkingDays(cal, '2025-12-31', 20).date, isWorkingDay(cal, '2025-10-11'), weekday('2025-10-11')]));",
    ].join('\n');
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        env: { TZ: 'America/New_York' }, // nothing else inherited: the zone is the only variable
        encoding: 'utf8',
      },
    );
    const [offset, ...rest] = JSON.parse(out) as [number, ...unknown[]];
    expect(offset).toBeGreaterThan(0); // really running west of UTC
    expect(rest).toEqual(['2025-11-04', '2026-01-29', true, 6]);
  });
});
