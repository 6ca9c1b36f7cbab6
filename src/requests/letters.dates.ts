/**
 * Dates as letters write them. The body uses 2026年11月28日; the 落款 of a 告知书 uses Chinese
 * numerals with 〇, as agencies sign their letters: 二〇二六年十一月二十八日.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

function parts(date: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  const [y, mo, d] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  if (!m || mo < 1 || mo > 12 || d < 1 || d > 31) throw new RangeError(`不是有效日期：${date}`);
  return [y, mo, d];
}

/** 1–31 in Chinese numerals: 十, 十一, 二十, 二十八, 三十一. */
function smallNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return head + (ones === 0 ? '' : DIGITS[ones]);
}

/** 2026-11-28 → 二〇二六年十一月二十八日 (the 落款 date). */
export function chineseNumeralDate(date: string): string {
  const [y, m, d] = parts(date);
  const year = String(y)
    .split('')
    .map((c) => DIGITS[Number(c)])
    .join('');
  return `${year}年${smallNumber(m)}月${smallNumber(d)}日`;
}

/** 2026-03-05 → 2026年3月5日 (dates inside the body). */
export function letterDate(date: string): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}

/** The year of an ISO date, for the letter number 〔YYYY〕. */
export function yearOf(date: string): number {
  return parts(date)[0];
}
