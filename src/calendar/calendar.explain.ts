import {
  addDays,
  addWorkingDays,
  chineseDate,
  isProvisional,
  isWeekend,
  isWorkingDay,
  weekdayName,
  type HolidayCalendar,
} from './calendar.model.js';

/** A run of consecutive listed days with the same name and kind, e.g. 国庆节 10月1日至8日. */
export interface DayRun {
  name: string;
  first: string;
  last: string;
  days: number;
}

/** Why a deadline falls where it does: the result and the days that moved it. */
export interface DeadlineExplanation {
  from: string;
  workingDays: number;
  date: string;
  provisional: boolean;
  /** 放假日 inside (from, date], not counted. */
  holidays: DayRun[];
  /** 调休上班日 inside (from, date], counted. */
  makeupDays: string[];
  /** Ordinary Saturdays and Sundays inside (from, date], not counted. */
  weekendDays: number;
  /** Years without official data that the count ran through. */
  provisionalYears: number[];
  /** The whole explanation in Chinese, one paragraph. */
  text: string;
}

function formatRun(r: DayRun, withYear: boolean): string {
  if (r.first === r.last) return chineseDate(r.first, withYear);
  const sameMonth = r.first.slice(0, 7) === r.last.slice(0, 7);
  const end = sameMonth
    ? `${Number(r.last.slice(8))}日`
    : chineseDate(r.last, withYear && r.first.slice(0, 4) !== r.last.slice(0, 4));
  return `${chineseDate(r.first, withYear)}至${end}`;
}

/**
 * Explains the N-th working day after `from` (REGULATIONS §4.3, 民法典第二百零一条: the start day is
 * not counted): which holidays were skipped, which 调休上班日 were counted, how many ordinary
 * weekend days were passed, and whether the result is provisional. Pure; used by the calendar
 * calculator and by case pages.
 *
 * Example: explainDeadline(cal, '2025-09-26', 20).text →
 * "自2025年9月26日（周五）起算，当日不计入，第20个工作日为2025年10月30日（周四）。国庆节、中秋节
 * 10月1日至8日不计；9月28日（周日）、10月11日（周六）调休上班计入；其余周末4天不计。"
 */
export function explainDeadline(
  cal: HolidayCalendar,
  from: string,
  n: number,
): DeadlineExplanation {
  const result = addWorkingDays(cal, from, n);
  const holidays: DayRun[] = [];
  const makeupDays: string[] = [];
  const provisionalYears = new Set<number>();
  let weekendDays = 0;
  for (let d = addDays(from, 1); d <= result.date; d = addDays(d, 1)) {
    if (isProvisional(cal, d)) provisionalYears.add(Number(d.slice(0, 4)));
    if (cal.offDays.has(d) && !cal.workDays.has(d)) {
      const name = cal.names?.get(d) ?? '节假日';
      const prev = holidays[holidays.length - 1];
      if (prev && prev.name === name && addDays(prev.last, 1) === d) {
        prev.last = d;
        prev.days++;
      } else holidays.push({ name, first: d, last: d, days: 1 });
    } else if (cal.workDays.has(d) && isWeekend(d)) {
      makeupDays.push(d);
    } else if (!isWorkingDay(cal, d)) {
      weekendDays++;
    }
  }
  const withYear = from.slice(0, 4) !== result.date.slice(0, 4);
  const parts: string[] = [];
  if (holidays.length) {
    parts.push(holidays.map((r) => `${r.name} ${formatRun(r, withYear)}`).join('，') + '不计');
  }
  if (makeupDays.length) {
    parts.push(
      makeupDays.map((d) => `${chineseDate(d, withYear)}（${weekdayName(d)}）`).join('、') +
        '调休上班计入',
    );
  }
  if (weekendDays) parts.push(`${parts.length ? '其余' : ''}周末${weekendDays}天不计`);
  let text =
    n === 0
      ? `第0个工作日即起算日${chineseDate(from, true)}。`
      : `自${chineseDate(from, true)}（${weekdayName(from)}）起算，当日不计入，第${n}个工作日为${chineseDate(result.date, true)}（${weekdayName(result.date)}）。`;
  if (parts.length) text += `${parts.join('；')}。`;
  const years = [...provisionalYears].sort();
  if (years.length) {
    text += `${years.map((y) => `${y}年`).join('、')}尚无官方放假安排，仅按周末推算，结果为暂定。`;
  }
  return {
    from,
    workingDays: n,
    date: result.date,
    provisional: result.provisional,
    holidays,
    makeupDays,
    weekendDays,
    provisionalYears: years,
    text,
  };
}
