import { describe, expect, it } from 'vitest';
import { calcSchema, editFormSchema, formatDayLines, parseDayLines } from './calendar.schema.js';

describe('edit form lines (REGULATIONS §6.2: an administrator enters a year)', () => {
  it('parses 休/班 lines, skipping blank and # lines, and formats them back', () => {
    const text = '# 2027\n2027-01-01 休 元旦\n\n2027-02-07\u3000班  春节';
    const parsed = parseDayLines(2027, text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lineNumbers).toEqual([2, 4]);
    expect(parsed.days).toEqual([
      { date: '2027-01-01', isOffDay: true, name: '元旦' },
      { date: '2027-02-07', isOffDay: false, name: '春节' },
    ]);
    expect(formatDayLines(parsed.days)).toBe('2027-01-01 休 元旦\n2027-02-07 班 春节');
  });

  it('names the line of every problem, in line order', () => {
    const { problems } = parseDayLines(
      2027,
      '2027-02-08 班 春节\njunk\n2027-01-01 休 元旦\n2027-01-01 休 元旦',
    );
    expect(problems.map((p) => p.slice(0, 3))).toEqual(['第1行', '第2行', '第4行']);
  });

  it('requires the source notice and at least one line', () => {
    const r = editFormSchema(2027).safeParse({ source: ' ', note: '', days: '\n' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['days', 'source']);
  });
});

describe('calculator input', () => {
  it.each([
    [{ from: '2025-09-30', n: '20' }, true],
    [{ from: '2025-02-29', n: '20' }, false],
    [{ from: '2025-09-30', n: '' }, false],
    [{ from: '2025-09-30', n: '2.5' }, false],
    [{ from: '2025-09-30', n: '1001' }, false],
  ])('%j valid: %s', (input, ok) => {
    expect(calcSchema.safeParse(input).success).toBe(ok);
  });
});
