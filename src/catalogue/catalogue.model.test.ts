import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../calendar/calendar.model.js';
import { SHIPPED_YEARS } from '../calendar/calendar.data.js';
import {
  addMonths,
  attributeProblems,
  dateProblems,
  docNumberWarning,
  isEditable,
  isPublishable,
  levelAfterApproval,
  normaliseDocNumber,
  reviewRefusal,
  reviewStage,
  timeliness,
  type ItemDates,
} from './catalogue.model.js';
import { categoryOf, defaultColumns } from './columns.model.js';

describe('文号', () => {
  it.each([
    ['温高管〔2022〕1号', '温高管〔2022〕1号', true],
    ['温高管[2022]1号', '温高管〔2022〕1号', true],
    ['温高管(2022)15号', '温高管〔2022〕15号', true],
    ['温高管【2022】15号', '温高管〔2022〕15号', true],
    ['温高管（2022）15号', '温高管〔2022〕15号', true],
    [' 国办发 〔2016〕 80号 ', '国办发〔2016〕80号', true],
    ['温高管〔2022〕01号', '温高管〔2022〕01号', false],
    ['温高管〔22〕1号', '温高管〔22〕1号', false],
    ['温高管2022年第1号', '温高管2022年第1号', false],
    ['〔2022〕1号', '〔2022〕1号', false],
  ])('normalises %s to %s (standard: %s)', (raw, normalised, ok) => {
    const n = normaliseDocNumber(raw);
    expect(n).toBe(normalised);
    expect(docNumberWarning(n) === null).toBe(ok);
  });
});

describe('date rules', () => {
  const base: ItemDates = {
    formedOn: '2026-03-02',
    publishedOn: null,
    abolishedOn: null,
    validity: 'valid',
  };
  it.each<[string, Partial<ItemDates>, string[]]>([
    ['accepts a plain valid item', {}, []],
    ['accepts 发布日期 on 成文日期', { publishedOn: '2026-03-02' }, []],
    ['refuses 发布日期 before 成文日期', { publishedOn: '2026-03-01' }, ['published_on']],
    [
      'refuses 废止日期 before 成文日期',
      { abolishedOn: '2026-01-01', validity: 'abolished' },
      ['abolished_on'],
    ],
    ['refuses a 废止日期 on a valid document', { abolishedOn: '2026-05-01' }, ['validity']],
    ['needs a 废止日期 for an abolished document', { validity: 'abolished' }, ['abolished_on']],
    [
      'accepts an abolished document with its date',
      { validity: 'abolished', abolishedOn: '2026-05-01' },
      [],
    ],
    ['accepts no validity at all', { validity: null }, []],
    ['refuses an impossible 成文日期', { formedOn: '2026-02-30' }, ['formed_on']],
  ])('%s', (_name, over, fields) => {
    expect(Object.keys(dateProblems({ ...base, ...over })).sort()).toEqual(fields.sort());
  });
});

describe('公开属性', () => {
  it.each([
    ['active', null, [], true],
    ['on_request', null, ['attribute_reason'], false],
    ['on_request', 'art15', [], false],
    ['withheld', null, ['attribute_reason'], false],
    ['withheld', '《档案法》第十九条', [], false],
  ] as const)('%s with reason %s', (attribute, reason, fields, publishable) => {
    expect(Object.keys(attributeProblems(attribute, reason))).toEqual(fields);
    expect(isPublishable(attribute)).toBe(publishable);
  });
});

describe('review levels', () => {
  it.each([
    [1, 1, { kind: 'awaiting', level: 1 }],
    [2, 1, { kind: 'approved' }],
    [2, 3, { kind: 'awaiting', level: 2 }],
    [4, 3, { kind: 'approved' }],
  ])('level %i of %i is %o', (level, levels, stage) => {
    expect(reviewStage(level, levels)).toEqual(stage);
  });
  it('moves to the next level on approval and refuses a level out of range', () => {
    expect(levelAfterApproval(1, 2)).toBe(2);
    expect(levelAfterApproval(2, 2)).toBe(3);
    expect(() => levelAfterApproval(3, 2)).toThrow(RangeError);
  });
  it.each([
    [5, 5, [], 'ERR_SELF_REVIEW'],
    [6, 5, [6], 'ERR_SAME_REVIEWER'],
    [6, 5, [7], null],
    [6, null, [], null],
  ] as const)('reviewer %i of author %s after %o: %s', (reviewer, author, earlier, code) => {
    expect(reviewRefusal(reviewer, author, earlier)).toBe(code);
  });
  it.each([
    ['draft', true],
    ['returned', true],
    ['published', true],
    ['in_review', false],
    ['scheduled', false],
    ['withdrawn', false],
  ] as const)('%s editable: %s', (s, ok) => expect(isEditable(s)).toBe(ok));
});

describe('timeliness (条例第二十六条)', () => {
  // The shipped official calendar: 2026 has 中秋节 09-25…27 and 国庆节 10-01…07 (REGULATIONS §3.7 example).
  const cal = buildCalendar([...SHIPPED_YEARS]);
  it.each([
    ['2026-09-18', '2026-10-22', false],
    ['2026-09-18', '2026-10-23', true],
    ['2026-03-02', '2026-03-30', false],
    ['2026-03-02', '2026-03-31', true],
  ])('formed %s, published %s: late %s', (formed, published, late) => {
    expect(timeliness(cal, formed, published, published).late).toBe(late);
  });
  it('counts unpublished items late once today passes the due date', () => {
    expect(timeliness(cal, '2026-03-02', null, '2026-03-31')).toEqual({
      due: '2026-03-30',
      late: true,
    });
  });
});

describe('re-review date', () => {
  it.each([
    ['2026-03-10', 12, '2027-03-10'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-11-15', 6, '2027-05-15'],
  ])('%s + %i months = %s', (d, m, out) => expect(addMonths(d, m)).toBe(out));
});

describe('default columns', () => {
  it('gives townships the township list of 第二十一条 and others the city list', () => {
    const town = defaultColumns('township').map((c) => c.code);
    const dept = defaultColumns('department').map((c) => c.code);
    expect(town.filter((c) => c.startsWith('art21-'))).toHaveLength(8);
    expect(dept.filter((c) => c.startsWith('art21-'))).toEqual([
      'art21-c01',
      'art21-c02',
      'art21-c03',
      'art21-c04',
      'art21-c05',
      'art21-c06',
      'art21-c07',
    ]);
    expect(dept.filter((c) => c.startsWith('art20-'))).toHaveLength(15);
    expect(new Set(dept).size).toBe(dept.length);
  });
  it('files items under the column category, else the column code', () => {
    expect(categoryOf({ category: 'art20-01', code: 'policy' })).toBe('art20-01');
    expect(categoryOf({ category: null, code: 'news' })).toBe('news');
  });
});
