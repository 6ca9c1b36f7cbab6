import { z } from 'zod';
import { formText, optionalFormText } from '../platform/validation.js';
import { isIsoDate, yearDayProblems, type DayEntry } from './calendar.model.js';

/** Years an administrator may enter. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const yearSchema = z.coerce
  .number({ message: '年份应为数字' })
  .int('年份应为整数')
  .min(MIN_YEAR, `年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`)
  .max(MAX_YEAR, `年份应在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`);

const daySchema = z.object({
  date: z.string(),
  isOffDay: z.boolean(),
  name: z.string().trim().min(1, '请填写节日名称').max(50, '节日名称不能超过50个字'),
});

/**
 * Input of `setYear` (service boundary): the year's whole arrangement and its source notice.
 * The day rules of `yearDayProblems` are checked here too, keyed `days[i]`.
 */
export const setYearSchema = z
  .object({
    year: yearSchema,
    source: formText('来源通知', 300),
    note: optionalFormText('备注', 500).optional(),
    days: z.array(daySchema).min(1, '请至少列出一天').max(200, '最多列出200天'),
  })
  .superRefine((v, ctx) => {
    for (const p of yearDayProblems(v.year, v.days)) {
      ctx.addIssue({ code: 'custom', path: ['days', p.index], message: p.message });
    }
  });
export type SetYearInput = z.input<typeof setYearSchema>;

const LINE_RE = /^(\S+)\s+(\S+)\s+(.+)$/;

/** A day line of the edit form and the line number it came from. */
export interface ParsedLines {
  days: DayEntry[];
  lineNumbers: number[];
  problems: string[];
}

/**
 * Parses the edit form's textarea: one day per line, `2027-01-01 休 元旦` or `2027-02-07 班 春节`
 * (休 = 放假日, 班 = 调休上班日). Blank lines and lines starting with # are ignored. Every problem
 * names its line (第N行).
 */
export function parseDayLines(year: number, text: string): ParsedLines {
  const days: DayEntry[] = [];
  const lineNumbers: number[] = [];
  const found: Array<{ line: number; message: string }> = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = LINE_RE.exec(line);
    const kind = m?.[2];
    if (!m || (kind !== '休' && kind !== '班')) {
      const message = `第${i + 1}行“${line}”格式不对，应为“日期 休/班 名称”，如“${year}-01-01 休 元旦”`;
      found.push({ line: i + 1, message });
      return;
    }
    days.push({ date: m[1] ?? '', isOffDay: kind === '休', name: (m[3] ?? '').trim() });
    lineNumbers.push(i + 1);
  });
  for (const p of yearDayProblems(year, days)) {
    const line = lineNumbers[p.index] ?? 0;
    found.push({ line, message: `第${line}行：${p.message}` });
  }
  // Read in line order, as the administrator sees the text (sort is stable within a line).
  const problems = found.sort((a, b) => a.line - b.line).map((f) => f.message);
  return { days, lineNumbers, problems };
}

/** Formats a day list back into the textarea's lines. */
export function formatDayLines(days: readonly DayEntry[]): string {
  return days.map((d) => `${d.date} ${d.isOffDay ? '休' : '班'} ${d.name}`).join('\n');
}

/** The edit form (POST /admin/calendar/:year/edit); `days` is the parsed textarea. */
export function editFormSchema(year: number) {
  return z.object({
    source: formText('来源通知', 300),
    note: optionalFormText('备注', 500),
    days: z.string({ message: '请填写放假和调休安排' }).transform((text, ctx) => {
      const parsed = parseDayLines(year, text);
      if (parsed.days.length === 0 && parsed.problems.length === 0) {
        ctx.addIssue({ code: 'custom', message: '请至少填写一行放假或调休安排' });
        return z.NEVER;
      }
      if (parsed.problems.length) {
        const shown = parsed.problems.slice(0, 5).join('；');
        const more = parsed.problems.length > 5 ? `；另有${parsed.problems.length - 5}处问题` : '';
        ctx.addIssue({ code: 'custom', message: shown + more });
        return z.NEVER;
      }
      return parsed.days;
    }),
  });
}

/** The calculator's query (GET /admin/calendar/calc, and the CLI). */
export const calcSchema = z.object({
  from: z
    .string({ message: '请填写起算日期' })
    .trim()
    .refine(isIsoDate, '起算日期应为有效日期，写作 YYYY-MM-DD，如 2025-09-30'),
  n: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ message: '工作日数应为整数，如 20' })
      .int('工作日数应为整数')
      .min(0, '工作日数不能为负数')
      .max(1000, '工作日数不能超过1000'),
  ),
});
