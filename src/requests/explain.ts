import { addDays, isProvisional, type HolidayCalendar } from '../calendar/calendar.model.js';

/** 2025-10-01 → 10月1日. */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** A run of consecutive dates: "10月1日至8日", "12月31日至1月1日", or "10月1日". */
function formatRun(first: string, last: string): string {
  if (first === last) return monthDay(first);
  const end =
    first.slice(0, 7) === last.slice(0, 7) ? `${Number(last.slice(8, 10))}日` : monthDay(last);
  return `${monthDay(first)}至${end}`;
}

interface HolidayDays {
  off: string[];
  work: string[];
}

/**
 * Explains the official arrangement inside the interval (from, to] the way a letter would:
 * "国庆节、中秋节 10月1日至8日不计，9月28日、10月11日调休上班计入". Ordinary weekends are not
 * mentioned; a year without official data is said to be provisional (REGULATIONS.md §6.1).
 * Returns '' when nothing in the interval needs saying.
 */
export function describeHolidays(cal: HolidayCalendar, from: string, to: string): string {
  const byName = new Map<string, HolidayDays>();
  const provisionalYears = new Set<string>();
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    if (isProvisional(cal, d)) provisionalYears.add(d.slice(0, 4));
    const off = cal.offDays.has(d);
    if (!off && !cal.workDays.has(d)) continue;
    const name = cal.names?.get(d) ?? '节假日';
    const entry = byName.get(name) ?? { off: [], work: [] };
    (off ? entry.off : entry.work).push(d);
    byName.set(name, entry);
  }
  const parts: string[] = [];
  for (const [name, days] of byName) {
    const bits: string[] = [];
    if (days.off.length > 0) bits.push(`${name} ${runs(days.off).join('、')}不计`);
    if (days.work.length > 0) {
      const lead = days.off.length > 0 ? '' : `${name} `;
      bits.push(`${lead}${days.work.map(monthDay).join('、')}调休上班计入`);
    }
    parts.push(bits.join('，'));
  }
  for (const y of provisionalYears)
    parts.push(`${y}年节假日安排尚未录入，暂按周末计算（期限为暂定）`);
  return parts.join('；');
}

/** Groups sorted dates into runs of consecutive days. */
function runs(dates: string[]): string[] {
  const out: string[] = [];
  let first = dates[0];
  let last = first;
  for (const d of dates.slice(1)) {
    if (last !== undefined && addDays(last, 1) === d) {
      last = d;
      continue;
    }
    if (first !== undefined && last !== undefined) out.push(formatRun(first, last));
    first = d;
    last = d;
  }
  if (first !== undefined && last !== undefined) out.push(formatRun(first, last));
  return out;
}
