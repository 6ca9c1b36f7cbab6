import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORE_RULES,
  computeScore,
  mergeRules,
  rankScores,
  type ScoreInputs,
} from './scores.model.js';

const none: ScoreInputs = {
  findings: [],
  published: 0,
  latePublished: 0,
  overdueApplications: 0,
  spotChecked: 0,
  spotFailed: 0,
  overdueTasks: 0,
};
const f = (
  kind: ScoreInputs['findings'][number]['kind'],
  severity: 'veto' | 'major' | 'minor',
  n = 1,
) => Array.from({ length: n }, () => ({ kind, severity }));

describe('绩效考核 score (REGULATIONS.md §7.1, 国办秘函〔2019〕19号)', () => {
  it.each([
    // [case, inputs, result, total, deduction of one indicator]
    ['no problems scores 100, 合格', none, '合格', 100],
    [
      'two broken links (major) take 2×2 off 链接可用性',
      { ...none, findings: f('broken_link', 'major', 2) },
      '合格',
      96,
    ],
    [
      'deductions per indicator are capped at its weight (20 major links → 10, not 40)',
      { ...none, findings: f('broken_link', 'major', 20) },
      '合格',
      90,
    ],
    [
      'late publications count per percentage point: 10 of 50 late = 20% × 0.5 = 10',
      { ...none, published: 50, latePublished: 10 },
      '合格',
      90,
    ],
    [
      'overdue applications, failed spot checks and overdue tasks each deduct',
      { ...none, overdueApplications: 2, spotFailed: 3, overdueTasks: 1 },
      '合格',
      100 - 4 - 3 - 1,
    ],
    [
      'a score below 60 is 不合格 (updates 25 + content 20 = 45 → 55)',
      {
        ...none,
        findings: [...f('stale_column', 'major', 10), ...f('content_typo', 'major', 10)],
      },
      '不合格',
      55,
    ],
    [
      'exactly 60 is 合格',
      {
        ...none,
        findings: [
          ...f('stale_column', 'major', 5),
          ...f('content_typo', 'major', 3),
          ...f('content_typo', 'minor', 3),
        ],
      },
      '合格',
      60,
    ],
  ] as Array<[string, ScoreInputs, string, number]>)('%s', (_, inputs, result, total) => {
    const s = computeScore(inputs);
    expect(s.result).toBe(result);
    expect(s.total).toBe(total);
    expect(s.vetoes).toEqual([]);
    for (const i of s.indicators) expect(i.deduction).toBeLessThanOrEqual(i.weight);
  });

  it('any 单项否决 is 不合格 and nothing else is scored', () => {
    const s = computeScore({
      ...none,
      findings: [...f('home_not_updated', 'veto'), ...f('broken_link', 'major', 3)],
      bonus: 10,
    });
    expect(s.result).toBe('不合格');
    expect(s.vetoes).toEqual([{ kind: 'home_not_updated', count: 1 }]);
    expect(s.indicators).toEqual([]);
    expect(s.total).toBeNull();
    expect(s.formula).toContain('单项否决');
  });

  it.each([
    ['加分 counts above 80', { ...none, bonus: 5 }, 105, 5],
    ['加分 is capped', { ...none, bonus: 50 }, 120, 20],
    [
      '加分 does not count at 80 or below',
      { ...none, findings: f('stale_column', 'major', 4), bonus: 5 },
      80,
      0,
    ],
  ] as Array<[string, ScoreInputs, number, number]>)('%s', (_, inputs, total, bonus) => {
    const s = computeScore(inputs);
    expect(s.total).toBe(total);
    expect(s.bonus).toBe(bonus);
  });

  it('shows the arithmetic of each indicator and of the total', () => {
    const s = computeScore({
      ...none,
      findings: [...f('broken_link', 'major', 20), ...f('broken_link', 'minor')],
    });
    const links = s.indicators.find((i) => i.indicator === 'links');
    expect(links).toMatchObject({ major: 20, minor: 1, raw: 41, deduction: 10, capped: true });
    expect(links?.formula).toBe('20×2 + 1×1 = 41，上限 10 → 扣 10 分');
    expect(s.formula).toContain('100 − 10 = 90');
  });

  it('application_overdue findings are not counted twice (the cases are counted instead)', () => {
    expect(computeScore({ ...none, findings: f('application_overdue', 'major', 3) }).total).toBe(
      100,
    );
  });

  it('weights are configurable; invalid overrides fall back to the defaults', () => {
    const rules = mergeRules({
      indicators: { links: { weight: 30, perMajor: 10 }, updates: { weight: -1 } },
      passLine: 'x',
    });
    expect(rules.indicators.links).toEqual({ weight: 30, perMajor: 10, perMinor: 1 });
    expect(rules.indicators.updates).toEqual(DEFAULT_SCORE_RULES.indicators.updates);
    expect(rules.passLine).toBe(60);
    expect(computeScore({ ...none, findings: f('broken_link', 'major', 2) }, rules).total).toBe(80);
  });

  it('default weights total 100', () => {
    const sum = Object.values(DEFAULT_SCORE_RULES.indicators).reduce((s, r) => s + r.weight, 0);
    expect(sum).toBe(100);
  });

  it('ranks 合格 orgs by total, then 不合格, vetoed last', () => {
    const rows = [
      { code: 'a', score: computeScore({ ...none, findings: f('home_not_updated', 'veto') }) },
      { code: 'b', score: computeScore({ ...none, findings: f('broken_link', 'major') }) },
      { code: 'c', score: computeScore(none) },
      {
        code: 'd',
        score: computeScore({
          ...none,
          findings: f('stale_column', 'major', 10),
          overdueApplications: 10,
          spotFailed: 10,
        }),
      },
    ];
    expect(rankScores(rows).map((r) => r.code)).toEqual(['c', 'b', 'd', 'a']);
  });
});
