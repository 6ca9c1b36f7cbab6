import { describe, expect, it } from 'vitest';
import {
  columnStates,
  confirmationFindings,
  freshnessFindings,
  homeNotUpdated,
  newMediaFindings,
  vetoSummary,
  windowStart,
  type ColumnInfo,
} from './freshness.model.js';
import { DEFAULT_THRESHOLDS, thresholdsSchema } from './monitoring.settings.js';
import { platformLabel } from './new-media.model.js';

const T = DEFAULT_THRESHOLDS;
const TODAY = '2026-11-28';

const col = (
  id: number,
  updateClass: ColumnInfo['updateClass'],
  parentId: number | null = null,
) => ({
  id,
  code: `c${id}`,
  name: `栏目${id}`,
  parentId,
  updateClass,
});

describe('column freshness by update class (REGULATIONS.md §7.2 栏目不更新)', () => {
  it.each([
    // [class, last published, stale?]  news 2 weeks; notice/policy 6 months; personnel_plan 12
    ['news', '2026-11-14', false],
    ['news', '2026-11-13', true],
    ['notice', '2026-05-28', false],
    ['notice', '2026-05-27', true],
    ['policy', '2026-05-27', true],
    ['personnel_plan', '2025-11-28', false],
    ['personnel_plan', '2025-11-27', true],
    ['none', '2000-01-01', false],
  ] as const)('a %s column last updated on %s is stale: %s', (cls, last, stale) => {
    const [s] = columnStates([col(1, cls)], new Map([[1, last]]), TODAY, T);
    expect(s?.stale).toBe(stale);
    expect(s?.blank).toBe(false);
  });

  it('uses configured periods', () => {
    const t = { ...T, news_days: 7 };
    expect(windowStart('news', TODAY, t)).toBe('2026-11-21');
    expect(windowStart('none', TODAY, t)).toBeNull();
    const [s] = columnStates([col(1, 'news')], new Map([[1, '2026-11-20']]), TODAY, t);
    expect(s?.stale).toBe(true);
  });

  it('counts a sub-column’s items for its parent, and only leaf columns can be blank', () => {
    const states = columnStates(
      [
        col(1, 'news'),
        col(2, 'news', 1),
        col(3, 'none', 1),
        { ...col(4, 'none'), code: 'on-request' },
      ],
      new Map([[2, '2026-11-27']]),
      TODAY,
      T,
    );
    expect(states.map((s) => [s.column.id, s.lastPublished, s.stale, s.blank])).toEqual([
      [1, '2026-11-27', false, false],
      [2, '2026-11-27', false, false],
      [3, null, false, true],
      // the 依申请公开 entry is a form, not a content column
      [4, null, false, false],
    ]);
  });

  it('a never-published monitored column is blank, not stale', () => {
    const [s] = columnStates([col(1, 'notice')], new Map(), TODAY, T);
    expect(s).toMatchObject({ stale: false, blank: true });
  });
});

describe('单项否决 summary (§7.2: ≥5 stale, ≥10 long stale, ≥5 blank, home not updated)', () => {
  const build = (stale: number, staleOther: number, blank: number) => {
    const cols: ColumnInfo[] = [];
    const last = new Map<number, string>();
    let id = 0;
    for (let i = 0; i < stale; i++) {
      cols.push(col(++id, 'notice'));
      last.set(id, '2025-01-01');
    }
    for (let i = 0; i < staleOther; i++) {
      cols.push(col(++id, 'personnel_plan'));
      last.set(id, '2024-01-01');
    }
    for (let i = 0; i < blank; i++) cols.push(col(++id, 'none'));
    return columnStates(cols, last, TODAY, T);
  };
  it.each([
    // [stale frequent, stale other, blank, home stale, triggered ids]
    [4, 0, 4, false, []],
    [5, 0, 0, false, ['stale_columns']],
    [4, 6, 0, false, ['long_stale_columns']],
    [0, 0, 5, false, ['blank_columns']],
    [0, 0, 0, true, ['home_not_updated']],
    [5, 5, 5, true, ['stale_columns', 'long_stale_columns', 'blank_columns', 'home_not_updated']],
  ])('%i stale, %i other stale, %i blank, home stale %s → %j', (s, o, b, home, ids) => {
    const summary = vetoSummary(build(s, o, b), home, T);
    expect(summary.checks.filter((c) => c.triggered).map((c) => c.id)).toEqual(ids);
    expect(summary.vetoed).toBe(ids.length > 0);
  });

  it('uses configured thresholds', () => {
    const summary = vetoSummary(build(2, 0, 0), false, { ...T, stale_veto: 2 });
    expect(summary.checks.find((c) => c.id === 'stale_columns')).toMatchObject({
      count: 2,
      threshold: 2,
      triggered: true,
    });
  });

  it('raises stale columns to veto severity once their counter reaches the threshold', () => {
    const org = { id: 7, name: '测试局' };
    const below = freshnessFindings(org, build(4, 0, 0), '2026-11-27', TODAY, T).findings;
    expect(below.map((f) => f.severity)).toEqual(['major', 'major', 'major', 'major']);
    const at = freshnessFindings(org, build(5, 0, 0), '2026-11-27', TODAY, T).findings;
    expect(new Set(at.map((f) => f.severity))).toEqual(new Set(['veto']));
    expect(at[0]).toMatchObject({ kind: 'stale_column', subjectType: 'column', subjectId: '1' });
  });
});

describe('首页不更新 (§7.2: monitored 2 weeks; undated counts as not updated)', () => {
  it.each([
    [null, true],
    ['2026-11-13', true],
    ['2026-11-14', false],
    ['2026-11-28', false],
  ])('last portal publication %s → not updated %s', (last, expected) => {
    expect(homeNotUpdated(last, TODAY, T)).toBe(expected);
  });

  it('is a veto finding on the org', () => {
    const { findings } = freshnessFindings({ id: 3, name: '测试局' }, [], null, TODAY, T);
    expect(findings).toMatchObject([
      { kind: 'home_not_updated', subjectType: 'org', subjectId: '3', severity: 'veto' },
    ]);
  });
});

describe('公开指南 and contact data confirmation (条例第十二条, 90 days by default)', () => {
  const org = {
    id: 1,
    name: '测试局',
    guideConfirmedOn: '2026-08-30',
    contactConfirmedOn: '2026-08-30',
    contactPerson: '张三',
    contactPhone: '0577-86906612',
  };
  it.each([
    [{}, []],
    [{ guideConfirmedOn: '2026-08-29' }, ['guide_unconfirmed']],
    [{ guideConfirmedOn: null }, ['guide_unconfirmed']],
    [{ contactConfirmedOn: '2026-08-29' }, ['contact_unconfirmed']],
    [{ contactConfirmedOn: null }, ['contact_unconfirmed']],
    [{ contactPerson: ' ' }, ['contact_unconfirmed']],
    [{ contactPhone: null }, ['contact_unconfirmed']],
  ])('%j → %j', (over, kinds) => {
    expect(confirmationFindings({ ...org, ...over }, TODAY, T).map((f) => f.kind)).toEqual(kinds);
  });
  it('names what is missing', () => {
    const [f] = confirmationFindings({ ...org, contactPerson: null, contactPhone: null }, TODAY, T);
    expect(f?.detail.missing).toEqual(['负责人', '联系电话']);
  });
  it('uses the configured period', () => {
    expect(confirmationFindings(org, TODAY, { ...T, confirm_days: 30 })).toHaveLength(2);
  });
});

describe('政务新媒体 not updated for 2 weeks (§7.3, 单项否决 for the account)', () => {
  const acc = (id: number, status: string, lastUpdateOn: string | null) => ({
    id,
    platform: 'wechat',
    name: `账号${id}`,
    status,
    lastUpdateOn,
  });
  it.each([
    ['operating', '2026-11-14', false],
    ['operating', '2026-11-13', true],
    ['operating', null, true],
    ['closed', '2020-01-01', false],
    ['merged', null, false],
  ])('%s account last updated %s → stale %s', (status, last, stale) => {
    const out = newMediaFindings([acc(1, status, last)], platformLabel, TODAY, T);
    expect(out.length).toBe(stale ? 1 : 0);
    if (stale) expect(out[0]).toMatchObject({ kind: 'new_media_stale', severity: 'veto' });
  });
});

describe('thresholds form', () => {
  it('accepts whole numbers in range and rejects the rest with the field named', () => {
    const ok = Object.fromEntries(Object.entries(T).map(([k, v]) => [k, String(v)]));
    expect(thresholdsSchema.parse(ok)).toEqual(T);
    for (const bad of ['', 'abc', '0', '1.5', '100000']) {
      const r = thresholdsSchema.safeParse({ ...ok, news_days: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['news_days']);
    }
  });
});
