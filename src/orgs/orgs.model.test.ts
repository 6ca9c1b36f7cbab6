import { describe, expect, it } from 'vitest';
import {
  buildOrgTree,
  defaultIndexTemplate,
  formatIndexNo,
  indexTemplateProblems,
  isUsableOrgCode,
  sequencePeriod,
  wouldCreateCycle,
  type IndexTemplate,
  type Org,
} from './orgs.model.js';

const base: IndexTemplate = defaultIndexTemplate(true);

describe('formatIndexNo', () => {
  const cases: Array<
    [
      string,
      Partial<IndexTemplate>,
      { code: string; uscc: string | null },
      string,
      number,
      string | undefined,
      string,
    ]
  > = [
    [
      'USCC / year - 5 digits',
      {},
      { code: 'gd-hz', uscc: '11441700007280420Y' },
      '2021-06-30',
      50,
      undefined,
      '11441700007280420Y/2021-00050',
    ],
    [
      'fixed 组织机构代码 text',
      { prefix: 'text', prefixText: '000014349' },
      { code: 'gov', uscc: null },
      '2017-03-01',
      110,
      undefined,
      '000014349/2017-00110',
    ],
    [
      'USCC / year-month, monthly reset',
      { period: 'year-month', reset: 'monthly' },
      { code: 'x1', uscc: '11341702486344515H' },
      '2021-10-09',
      13,
      undefined,
      '11341702486344515H/202110-00013',
    ],
    [
      'org code prefix, 7 digits',
      { prefix: 'code', serialWidth: 7 },
      { code: 'hedongqu', uscc: null },
      '2021-01-01',
      202,
      undefined,
      'hedongqu/2021-0000202',
    ],
    [
      'dash separator, wide serial',
      { prefix: 'text', prefixText: '01527918X', separator: '-', serialWidth: 6 },
      { code: 'a1', uscc: null },
      '2020-12-31',
      153077,
      undefined,
      '01527918X-2020-153077',
    ],
    [
      'category after period',
      { category: 'after-period' },
      { code: 'a1', uscc: '12620600MB0523338C' },
      '2025-02-01',
      4735,
      'art20-01',
      '12620600MB0523338C/2025-art20-01-04735',
    ],
    [
      'category before period',
      { prefix: 'code', separator: '-', category: 'before-period', serialWidth: 4 },
      { code: 'lyg-fgw', uscc: null },
      '2022-05-05',
      3,
      '07',
      'lyg-fgw-07-2022-0003',
    ],
    [
      'serial wider than width is kept whole',
      { serialWidth: 2 },
      { code: 'a1', uscc: '11441700007280420Y' },
      '2021-01-01',
      123,
      undefined,
      '11441700007280420Y/2021-123',
    ],
  ];
  it.each(cases)('formats %s', (_name, t, org, date, serial, category, expected) => {
    expect(formatIndexNo({ ...base, ...t }, org, date, serial, category)).toBe(expected);
  });

  it('refuses a USCC prefix when the org has no USCC', () => {
    expect(() => formatIndexNo(base, { code: 'a1', uscc: null }, '2021-01-01', 1)).toThrow(
      expect.objectContaining({ code: 'ERR_INDEX_NO_USCC' }),
    );
  });

  it('refuses a template with a category segment when no category is given', () => {
    expect(() =>
      formatIndexNo(
        { ...base, category: 'after-period' },
        { code: 'a1', uscc: '11441700007280420Y' },
        '2021-01-01',
        1,
      ),
    ).toThrow(expect.objectContaining({ code: 'ERR_INDEX_NO_CATEGORY' }));
  });

  it('refuses a malformed date and a non-positive serial', () => {
    const org = { code: 'a1', uscc: '11441700007280420Y' };
    expect(() => formatIndexNo(base, org, '2021/01/01', 1)).toThrow(
      expect.objectContaining({ code: 'ERR_INDEX_DATE' }),
    );
    expect(() => formatIndexNo(base, org, '2021-01-01', 0)).toThrow(
      expect.objectContaining({ code: 'ERR_INDEX_SERIAL' }),
    );
  });
});

describe('sequencePeriod', () => {
  it.each([
    ['yearly', '2021-10-09', '2021'],
    ['monthly', '2021-10-09', '2021-10'],
  ] as const)('keys a %s counter by the date', (reset, date, expected) => {
    expect(sequencePeriod({ ...base, period: 'year-month', reset }, date)).toBe(expected);
  });
});

describe('indexTemplateProblems', () => {
  it.each([
    ['accepts the default', base, '11441700007280420Y', []],
    ['needs a USCC for a USCC prefix', base, null, ['prefix']],
    [
      'needs text for a text prefix',
      { ...base, prefix: 'text' as const, prefixText: null },
      null,
      ['prefixText'],
    ],
    [
      'refuses a monthly reset with a year-only period',
      { ...base, reset: 'monthly' as const },
      '11441700007280420Y',
      ['reset'],
    ],
    [
      'refuses a serial width of 0',
      { ...base, serialWidth: 0 },
      '11441700007280420Y',
      ['serialWidth'],
    ],
  ])('%s', (_name, t, uscc, fields) => {
    expect(Object.keys(indexTemplateProblems(t, { uscc }))).toEqual(fields);
  });
});

describe('org codes', () => {
  it.each([
    ['wzgxq', true],
    ['a', false],
    ['Upper', false],
    ['admin', false],
    ['api', false],
    ['healthz', false],
    ['gx-2', true],
  ])('%s usable: %s', (code, ok) => {
    expect(isUsableOrgCode(code)).toBe(ok);
  });
});

describe('hierarchy rules', () => {
  const parents = new Map<string, string | null>([
    ['city', null],
    ['dept', 'city'],
    ['unit', 'dept'],
  ]);
  it.each([
    ['an org under itself', 'city', 'city', true],
    ['an org under its grandchild', 'city', 'unit', true],
    ['an org under its child', 'dept', 'unit', true],
    ['a leaf under the root', 'unit', 'city', false],
    ['a new org under a leaf', 'new', 'unit', false],
    ['an org at the top', 'dept', null, false],
  ])('detects a cycle when placing %s', (_n, org, parent, cycle) => {
    expect(wouldCreateCycle(parents, org, parent)).toBe(cycle);
  });

  it('builds trees with children sorted by name in pinyin order', () => {
    const mk = (id: number, name: string, parentId: number | null) =>
      ({ id, code: `o${id}`, name, parentId }) as Org;
    const tree = buildOrgTree([
      mk(1, '市政府', null),
      mk(2, '市财政局', 1),
      mk(3, '市档案局', 1),
      mk(4, '孤儿', 99),
    ]);
    expect(tree.map((n) => n.org.id)).toEqual([4, 1]);
    expect(tree[1]?.children.map((n) => n.org.id)).toEqual([2, 3]); // pinyin: cai < dang
  });
});
