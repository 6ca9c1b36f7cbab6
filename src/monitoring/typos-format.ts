/**
 * Format typos (REGULATIONS.md §7.4): impossible dates (2022年13月, 2月30日, 2023-02-29) and
 * malformed 发文字号. GB/T 9704-2012 7.2.4: 发文字号 is 机关代字〔年份〕序号号, the year in full
 * inside 六角括号, the number without leading zeros ("不编虚位") and without "第".
 */
import {
  makeFinding,
  normaliseWidth,
  type CheckOptions,
  type Finding,
  type Severity,
} from './findings.model.js';

function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2)
    return year === undefined || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))
      ? 29
      : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Null when the date exists, else the reason in Chinese. */
function dateProblem(
  year: number | undefined,
  month: number,
  day: number | undefined,
): string | null {
  if (month < 1 || month > 12) return `不存在${month}月`;
  if (day === undefined) return null;
  const max = daysInMonth(year, month);
  if (day < 1 || day > max)
    return year === undefined || month !== 2
      ? `${month}月没有${day}日`
      : `${year}年2月只有${max}天`;
  return null;
}

const CN_DATE = /(?<!\d)(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/g;
const CN_MONTH_DAY = /(?<![\d年])(\d{1,2})月(\d{1,2})日/g;
const ISO_DATE = /(?<![\d.\-/])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.\-/])/g;

function dateFinding(text: string, start: number, end: number, problem: string): Finding {
  return makeFinding(text, start, end, {
    category: 'typo',
    rule: 'typo.date',
    severity: 'medium',
    suggestion: `日期不存在（${problem}），请核对`,
  });
}

/** Impossible calendar dates in 年月日 and ISO-like forms. */
export function detectDates(text: string, _options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const found: Finding[] = [];
  for (const m of norm.matchAll(CN_DATE)) {
    const problem = dateProblem(
      Number(m[1]),
      Number(m[2]),
      m[3] === undefined ? undefined : Number(m[3]),
    );
    if (problem) found.push(dateFinding(text, m.index, m.index + m[0].length, problem));
  }
  for (const m of norm.matchAll(CN_MONTH_DAY)) {
    const problem = dateProblem(undefined, Number(m[1]), Number(m[2]));
    if (problem) found.push(dateFinding(text, m.index, m.index + m[0].length, problem));
  }
  for (const m of norm.matchAll(ISO_DATE)) {
    const problem = dateProblem(Number(m[1]), Number(m[3]), Number(m[4]));
    if (problem) found.push(dateFinding(text, m.index, m.index + m[0].length, problem));
  }
  return found;
}

const DOC_NUMBER = /(?<=[\u4e00-\u9fff])([[(【〔]?)(\d{2,4})([\])】〕]?)(第?)(\d{1,5})号/g;

/** The four-digit year of a 文号 year written with two digits (22 → 2022, 98 → 1998). */
function fullYear(digits: string, today: string): number | null {
  if (digits.length === 4) return /^(19|20)/.test(digits) ? Number(digits) : null;
  if (digits.length !== 2) return null;
  const yy = Number(digits);
  return yy <= Number(today.slice(2, 4)) ? 2000 + yy : 1900 + yy;
}

/** Malformed 文号: [2022] / (2022) / 〔22〕 / 2022〕 → medium; 第01号 / 015号 → low. */
export function detectDocNumbers(text: string, options: CheckOptions): Finding[] {
  const norm = normaliseWidth(text);
  const found: Finding[] = [];
  for (const m of norm.matchAll(DOC_NUMBER)) {
    const [whole, open = '', yearDigits = '', close = '', di = '', serial = ''] = m;
    if (!open && !close) continue;
    const year = fullYear(yearDigits, options.today);
    if (year === null) continue;
    const problems: string[] = [];
    let severity: Severity = 'low';
    if (open !== '〔' || close !== '〕') problems.push('年份应使用六角括号〔〕');
    if (yearDigits.length !== 4) problems.push('年份应写全称');
    if (problems.length) severity = 'medium';
    if (di) problems.push('序号前不加“第”字');
    if (/^0\d/.test(serial)) problems.push('序号不编虚位');
    if (!problems.length) continue;
    const fixed = `〔${year}〕${Number(serial)}号`;
    found.push(
      makeFinding(text, m.index, m.index + whole.length, {
        category: 'typo',
        rule: 'typo.doc_number',
        severity,
        suggestion: `文号格式不规范（${problems.join('；')}），应为「${fixed}」`,
      }),
    );
  }
  return found;
}
