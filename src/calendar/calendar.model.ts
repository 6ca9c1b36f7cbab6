/**
 * The working-day calendar (REGULATIONS.md §6.1) and deadline arithmetic (§4.3). Pure: dates are
 * China calendar dates `YYYY-MM-DD`; no clock, no time zone of the server is involved.
 *
 * workday(d) = d is a 调休上班日, or (d is Monday–Friday and d is not a 放假日).
 */

export interface HolidayCalendar {
  /** 放假日 (official days off, including weekend days inside a holiday). */
  offDays: ReadonlySet<string>;
  /** 调休上班日 (weekend days that are working days). */
  workDays: ReadonlySet<string>;
  /** Years with official data; other years count weekends only and are provisional. */
  years: ReadonlySet<number>;
  /** Holiday names by date, for explanations (e.g. '国庆节'). */
  names?: ReadonlyMap<string, string>;
}

export interface DayEntry {
  date: string;
  isOffDay: boolean;
  name: string;
}

/** Builds a calendar from per-year day lists (official data or an administrator's override). */
export function buildCalendar(years: Array<{ year: number; days: DayEntry[] }>): HolidayCalendar {
  const offDays = new Set<string>();
  const workDays = new Set<string>();
  const names = new Map<string, string>();
  const ys = new Set<number>();
  for (const y of years) {
    ys.add(y.year);
    for (const d of y.days) {
      (d.isOffDay ? offDays : workDays).add(d.date);
      names.set(d.date, d.name);
    }
  }
  return { offDays, workDays, years: ys, names };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function toUtc(date: string): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

/** The date `n` calendar days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/** True when `date` is a working day (§6.1). */
export function isWorkingDay(cal: HolidayCalendar, date: string): boolean {
  if (cal.workDays.has(date)) return true;
  if (cal.offDays.has(date)) return false;
  return !isWeekend(date);
}

/** True when the year of `date` has no official data (weekends only, provisional). */
export function isProvisional(cal: HolidayCalendar, date: string): boolean {
  return !cal.years.has(Number(date.slice(0, 4)));
}

export interface DeadlineResult {
  date: string;
  /** Some day counted lies in a year without official data. */
  provisional: boolean;
}

/**
 * The n-th working day after `date` (§4.3): the start day is not counted, even if it is itself a
 * working day ("开始的当日不计入", 民法典第二百零一条). `skip` excludes further working days
 * (paused days, e.g. 征求意见 under 条例第三十二条). n = 0 returns `date`.
 */
export function addWorkingDays(
  cal: HolidayCalendar,
  date: string,
  n: number,
  skip?: (d: string) => boolean,
): DeadlineResult {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let d = date;
  let provisional = false;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isProvisional(cal, d)) provisional = true;
    if (isWorkingDay(cal, d) && !(skip?.(d) ?? false)) left--;
  }
  return { date: d, provisional };
}

/**
 * Working days in the interval (from, to]: the count such that addWorkingDays(from, k) = to when
 * `to` is a working day. Negative when `to` is before `from`.
 */
export function workingDaysBetween(cal: HolidayCalendar, from: string, to: string): number {
  if (to < from) return -workingDaysBetween(cal, to, from);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (isWorkingDay(cal, d)) count++;
  }
  return count;
}

/** Chinese weekday names indexed like `weekday()`: 0 = 周日. */
export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** The Chinese weekday of a date, e.g. '周三'. */
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[weekday(date)] ?? '';
}

/** 2025-10-01 → '10月1日' (or '2025年10月1日' with the year). */
export function chineseDate(date: string, withYear = false): string {
  const [y, m, d] = date.split('-');
  const md = `${Number(m)}月${Number(d)}日`;
  return withYear ? `${Number(y)}年${md}` : md;
}

/**
 * The dates one year's notice may list (§6.2): the year itself plus December of the year before
 * and January of the year after, since a notice can move days across New Year (the 2019 notice
 * lists 2018-12-29/30/31).
 */
export function yearWindow(year: number): { first: string; last: string } {
  return { first: `${year - 1}-12-01`, last: `${year + 1}-01-31` };
}

/** A problem with one entry of a year's day list; `index` is its position in the list. */
export interface DayProblem {
  index: number;
  message: string;
}

/**
 * Checks a year's arrangement before it is stored (§6.1, §6.2): real dates inside the year's
 * window, a 调休上班日 only on a Saturday or Sunday (a weekday is a working day anyway), each date
 * listed once, a name for every day. Returns every problem, in list order.
 */
export function yearDayProblems(year: number, days: readonly DayEntry[]): DayProblem[] {
  const { first, last } = yearWindow(year);
  const seen = new Map<string, number>();
  const problems: DayProblem[] = [];
  days.forEach((d, index) => {
    if (!isIsoDate(d.date)) {
      problems.push({ index, message: `“${d.date}”不是有效日期，应写作 YYYY-MM-DD` });
      return;
    }
    if (d.date < first || d.date > last) {
      problems.push({
        index,
        message: `${d.date} 不在 ${year} 年的范围内（允许 ${first} 至 ${last}）`,
      });
    }
    const earlier = seen.get(d.date);
    if (earlier !== undefined) {
      problems.push({ index, message: `${d.date} 重复列出（与第 ${earlier + 1} 条相同）` });
    } else seen.set(d.date, index);
    if (!d.isOffDay && !isWeekend(d.date)) {
      problems.push({
        index,
        message: `${d.date} 是${weekdayName(d.date)}，调休上班日只能是周六或周日`,
      });
    }
    if (d.name.trim() === '') problems.push({ index, message: `${d.date} 缺少节日名称` });
  });
  return problems;
}
