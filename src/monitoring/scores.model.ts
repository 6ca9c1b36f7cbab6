import type { MonitorKind } from './monitor.contract.js';

/**
 * 绩效考核 scores of an org for a period (REGULATIONS.md §7.1, 国办秘函〔2019〕19号): any
 * 单项否决 → 不合格 and nothing else is scored; otherwise 100 minus the 扣分 of each indicator
 * (each capped at its weight); a score below 60 is 不合格; 加分 counts only above 80.
 *
 * All point values and weights are UNVERIFIED (REGULATIONS.md §10 item 3): they are the
 * configurable defaults below, not the national table.
 */

/** The 扣分 indicators, in the order of the national headings (§7.3). */
export const INDICATORS = [
  'links',
  'updates',
  'guide',
  'content',
  'timeliness',
  'interpretation',
  'applications',
  'spot_checks',
  'rectification',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const INDICATOR_LABELS: Record<Indicator, string> = {
  links: '链接可用性',
  updates: '信息更新情况',
  guide: '公开指南和联系方式',
  content: '内容准确性',
  timeliness: '信息公开及时性',
  interpretation: '政策解读和不予公开复核',
  applications: '依申请公开按期答复',
  spot_checks: '抽查情况',
  rectification: '整改及时性',
};

/** Which monitor kinds feed which indicator. application_overdue is counted from the cases. */
export const KIND_INDICATOR: Partial<Record<MonitorKind, Indicator>> = {
  broken_link: 'links',
  stale_column: 'updates',
  blank_column: 'updates',
  home_not_updated: 'updates',
  new_media_stale: 'updates',
  guide_unconfirmed: 'guide',
  contact_unconfirmed: 'guide',
  content_personal_data: 'content',
  content_secrecy: 'content',
  content_expression: 'content',
  content_typo: 'content',
  missing_interpretation: 'interpretation',
  rereview_overdue: 'interpretation',
};

export interface IndicatorRule {
  /** The most this indicator can take off (§7.1: deductions capped at the weight). */
  weight: number;
  /** Points per unit: per major / minor finding, per late percentage point, per case or item. */
  perMajor: number;
  perMinor: number;
}

export interface ScoreRules {
  indicators: Record<Indicator, IndicatorRule>;
  /** Below this the org is 不合格 (§7.1: 60). */
  passLine: number;
  /** 加分 counts only above this (§7.1: 80). */
  bonusThreshold: number;
  /** The most 加分 can add (UNVERIFIED: 20 or 30). */
  bonusCap: number;
}

/**
 * Default rules (UNVERIFIED point values; weights total 100). For `timeliness` the unit is one
 * percentage point of late publications; for `applications` one overdue case; for `spot_checks`
 * one failed sampled item; for `rectification` one task past its due date. Those use `perMajor`.
 */
export const DEFAULT_SCORE_RULES: Readonly<ScoreRules> = Object.freeze({
  indicators: {
    links: { weight: 10, perMajor: 2, perMinor: 1 },
    updates: { weight: 25, perMajor: 5, perMinor: 2 },
    guide: { weight: 5, perMajor: 2.5, perMinor: 2.5 },
    content: { weight: 20, perMajor: 4, perMinor: 1 },
    timeliness: { weight: 15, perMajor: 0.5, perMinor: 0 },
    interpretation: { weight: 5, perMajor: 1, perMinor: 1 },
    applications: { weight: 10, perMajor: 2, perMinor: 0 },
    spot_checks: { weight: 5, perMajor: 1, perMinor: 0 },
    rectification: { weight: 5, perMajor: 1, perMinor: 0 },
  },
  passLine: 60,
  bonusThreshold: 80,
  bonusCap: 20,
});

/** What the score is computed from (the service gathers it; ignored findings are left out). */
export interface ScoreInputs {
  /** Findings first seen in the period, by kind and severity (false positives excluded). */
  findings: ReadonlyArray<{ kind: MonitorKind; severity: 'veto' | 'major' | 'minor' }>;
  /** Items published in the period, and those published > 20 working days after 成文 (条例第二十六条). */
  published: number;
  latePublished: number;
  /** Applications due in the period answered late or still unanswered past the due date. */
  overdueApplications: number;
  /** Sampled items checked in spot checks of the period, and how many failed. */
  spotChecked: number;
  spotFailed: number;
  /** Rectification tasks whose due date passed before they were finished. */
  overdueTasks: number;
  /** 加分 claimed (e.g. entered by the assessor); counts only above the threshold. */
  bonus?: number;
}

export interface IndicatorScore {
  indicator: Indicator;
  label: string;
  weight: number;
  /** The counted units: findings (major, minor), late percentage, cases, items or tasks. */
  major: number;
  minor: number;
  /** Deduction before and after the cap. */
  raw: number;
  deduction: number;
  capped: boolean;
  /** The arithmetic, e.g. "2×5 + 1×2 = 12，上限 25 → 12". */
  formula: string;
}

export interface ScoreResult {
  result: '合格' | '不合格';
  /** 单项否决 matters found (kind → count); when any, nothing else is scored. */
  vetoes: Array<{ kind: MonitorKind; count: number }>;
  indicators: IndicatorScore[];
  deductions: number;
  /** 100 − deductions (null when vetoed). */
  base: number | null;
  bonus: number;
  /** The final score (null when vetoed). */
  total: number | null;
  /** The whole formula in words, shown beside the score. */
  formula: string;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const fmt = (n: number): string => String(round1(n));

/** The units of each indicator from the inputs. */
function units(inputs: ScoreInputs): Record<Indicator, { major: number; minor: number }> {
  const out = Object.fromEntries(INDICATORS.map((i) => [i, { major: 0, minor: 0 }])) as Record<
    Indicator,
    { major: number; minor: number }
  >;
  for (const f of inputs.findings) {
    const ind = KIND_INDICATOR[f.kind];
    if (!ind || f.severity === 'veto') continue;
    out[ind][f.severity] += 1;
  }
  out.timeliness.major =
    inputs.published > 0 ? round1((100 * inputs.latePublished) / inputs.published) : 0;
  out.applications.major = inputs.overdueApplications;
  out.spot_checks.major = inputs.spotFailed;
  out.rectification.major = inputs.overdueTasks;
  return out;
}

/** Scores the inputs under the rules (REGULATIONS.md §7.1). */
export function computeScore(
  inputs: ScoreInputs,
  rules: ScoreRules = DEFAULT_SCORE_RULES,
): ScoreResult {
  const vetoCounts = new Map<MonitorKind, number>();
  for (const f of inputs.findings)
    if (f.severity === 'veto') vetoCounts.set(f.kind, (vetoCounts.get(f.kind) ?? 0) + 1);
  const vetoes = [...vetoCounts].map(([kind, count]) => ({ kind, count }));
  if (vetoes.length > 0)
    return {
      result: '不合格',
      vetoes,
      indicators: [],
      deductions: 0,
      base: null,
      bonus: 0,
      total: null,
      formula: '存在单项否决问题：直接判定为不合格，不再计算扣分和加分（国办秘函〔2019〕19号）。',
    };
  const u = units(inputs);
  const indicators = INDICATORS.map((indicator): IndicatorScore => {
    const rule = rules.indicators[indicator];
    const { major, minor } = u[indicator];
    const raw = round1(major * rule.perMajor + minor * rule.perMinor);
    const deduction = Math.min(raw, rule.weight);
    const terms = [`${fmt(major)}×${fmt(rule.perMajor)}`];
    if (rule.perMinor > 0) terms.push(`${fmt(minor)}×${fmt(rule.perMinor)}`);
    return {
      indicator,
      label: INDICATOR_LABELS[indicator],
      weight: rule.weight,
      major,
      minor,
      raw,
      deduction,
      capped: raw > rule.weight,
      formula: `${terms.join(' + ')} = ${fmt(raw)}，上限 ${fmt(rule.weight)} → 扣 ${fmt(deduction)} 分`,
    };
  });
  const deductions = round1(indicators.reduce((s, i) => s + i.deduction, 0));
  const base = round1(100 - deductions);
  const claimed = Math.max(0, Math.min(inputs.bonus ?? 0, rules.bonusCap));
  const bonus = base > rules.bonusThreshold ? claimed : 0;
  const total = round1(base + bonus);
  const result = base < rules.passLine ? '不合格' : '合格';
  const bonusText =
    (inputs.bonus ?? 0) > 0
      ? base > rules.bonusThreshold
        ? ` + 加分 ${fmt(bonus)}（上限 ${fmt(rules.bonusCap)}）`
        : `（扣分后得分未超过 ${fmt(rules.bonusThreshold)} 分，加分不计）`
      : '';
  return {
    result,
    vetoes,
    indicators,
    deductions,
    base,
    bonus,
    total,
    formula:
      `得分 = 100 − 各项扣分之和（每项扣分不超过该项分值）= 100 − ${fmt(deductions)} = ${fmt(base)}${bonusText}` +
      `；低于 ${fmt(rules.passLine)} 分为不合格，加分仅在扣分后得分高于 ${fmt(rules.bonusThreshold)} 分时计入。`,
  };
}

/**
 * Rules merged from stored overrides (a partial object, e.g. from the settings table): values
 * that are not finite non-negative numbers are ignored, so a bad setting falls back to defaults.
 */
export function mergeRules(overrides: unknown, base: ScoreRules = DEFAULT_SCORE_RULES): ScoreRules {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  const o = (overrides && typeof overrides === 'object' ? overrides : {}) as Record<
    string,
    unknown
  >;
  const ind = (o.indicators && typeof o.indicators === 'object' ? o.indicators : {}) as Record<
    string,
    Record<string, unknown> | undefined
  >;
  const indicators = Object.fromEntries(
    INDICATORS.map((i) => {
      const d = base.indicators[i];
      const x = ind[i] ?? {};
      return [
        i,
        {
          weight: ok(x.weight) ? x.weight : d.weight,
          perMajor: ok(x.perMajor) ? x.perMajor : d.perMajor,
          perMinor: ok(x.perMinor) ? x.perMinor : d.perMinor,
        },
      ];
    }),
  ) as Record<Indicator, IndicatorRule>;
  return {
    indicators,
    passLine: ok(o.passLine) ? o.passLine : base.passLine,
    bonusThreshold: ok(o.bonusThreshold) ? o.bonusThreshold : base.bonusThreshold,
    bonusCap: ok(o.bonusCap) ? o.bonusCap : base.bonusCap,
  };
}

/** Ranks scored orgs: 合格 before 不合格, higher totals first, vetoed last; ties by code. */
export function rankScores<T extends { code: string; score: ScoreResult }>(
  rows: readonly T[],
): T[] {
  const key = (s: ScoreResult) => (s.total === null ? -Infinity : s.total);
  return [...rows].sort(
    (a, b) =>
      (a.score.result === b.score.result ? 0 : a.score.result === '合格' ? -1 : 1) ||
      key(b.score) - key(a.score) ||
      a.code.localeCompare(b.code),
  );
}
