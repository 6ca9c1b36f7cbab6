import { addDays } from '../calendar/calendar.model.js';
import { addMonths, UPDATE_CLASS_LABELS, type UpdateClass } from '../catalogue/catalogue.model.js';
import type { DetectedFinding } from './monitor.contract.js';
import type { Thresholds } from './monitoring.settings.js';

/**
 * Freshness monitors (REGULATIONS.md §7.2 栏目不更新 / 首页不更新, §7.3 政务新媒体, §3.3 公开指南):
 * pure functions of the catalogue's dates, `today` (China date) and the thresholds.
 */

/** A column as the freshness monitor sees it. */
export interface ColumnInfo {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  updateClass: UpdateClass;
}

/** Where one column stands. */
export interface ColumnState {
  column: ColumnInfo;
  /** Latest 发布日期 of a published item in the column or its sub-columns. */
  lastPublished: string | null;
  /** A leaf column (not the 依申请公开 form entry) with no published item at all. */
  blank: boolean;
  /** Monitored (class ≠ none), has content, and nothing published since `since`. */
  stale: boolean;
  /** Start of the update window of its class; null when not monitored. */
  since: string | null;
}

/** Columns whose page is a form or an entry rather than a list of items. */
const NOT_CONTENT_COLUMNS = new Set(['on-request']);

/**
 * Start of the window in which a column of `cls` must have published something (§7.2: 动态、要闻
 * 2 weeks; 通知公告、政策文件 6 months; 人事、规划计划 configurable, 12 months by default).
 */
export function windowStart(cls: UpdateClass, today: string, t: Thresholds): string | null {
  switch (cls) {
    case 'news':
      return addDays(today, -t.news_days);
    case 'notice':
      return addMonths(today, -t.notice_months);
    case 'policy':
      return addMonths(today, -t.policy_months);
    case 'personnel_plan':
      return addMonths(today, -t.personnel_plan_months);
    case 'none':
      return null;
  }
}

/**
 * The state of every column: `lastByColumn` holds the latest 发布日期 of published items filed
 * directly in a column; a parent column counts its sub-columns' items too.
 */
export function columnStates(
  columns: readonly ColumnInfo[],
  lastByColumn: ReadonlyMap<number, string>,
  today: string,
  t: Thresholds,
): ColumnState[] {
  const children = new Map<number, ColumnInfo[]>();
  for (const c of columns)
    if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  const memo = new Map<number, string | null>();
  const latest = (c: ColumnInfo, depth = 0): string | null => {
    if (memo.has(c.id)) return memo.get(c.id) ?? null;
    let best = lastByColumn.get(c.id) ?? null;
    // The depth guard keeps a corrupt parent cycle from recursing forever.
    if (depth < 50)
      for (const k of children.get(c.id) ?? []) {
        const l = latest(k, depth + 1);
        if (l !== null && (best === null || l > best)) best = l;
      }
    memo.set(c.id, best);
    return best;
  };
  return columns.map((column) => {
    const lastPublished = latest(column);
    const since = windowStart(column.updateClass, today, t);
    const leaf = !children.has(column.id);
    return {
      column,
      lastPublished,
      blank: leaf && lastPublished === null && !NOT_CONTENT_COLUMNS.has(column.code),
      stale: since !== null && lastPublished !== null && lastPublished < since,
      since,
    };
  });
}

/** One line of the 单项否决 summary (§7.2). */
export interface VetoCheck {
  id: 'stale_columns' | 'long_stale_columns' | 'blank_columns' | 'home_not_updated';
  label: string;
  count: number;
  threshold: number;
  triggered: boolean;
}

/** The 单项否决 summary: each counter against its threshold; any one triggered is a veto. */
export interface VetoSummary {
  checks: VetoCheck[];
  vetoed: boolean;
}

const FREQUENT: readonly UpdateClass[] = ['news', 'notice', 'policy'];

/**
 * §7.2 栏目不更新 and 首页不更新: (1) 动态要闻 / 通知公告 / 政策文件 columns not updated in their
 * window, ≥ 5; (2) columns that should be updated but are not (any monitored class), ≥ 10;
 * (3) blank columns, ≥ 5; 首页 without an update for 2 weeks. Thresholds configurable.
 */
export function vetoSummary(
  states: readonly ColumnState[],
  homeStale: boolean,
  t: Thresholds,
): VetoSummary {
  const check = (
    id: VetoCheck['id'],
    label: string,
    count: number,
    threshold: number,
  ): VetoCheck => ({ id, label, count, threshold, triggered: count >= threshold });
  const stale = states.filter((s) => s.stale);
  const checks = [
    check(
      'stale_columns',
      '动态要闻、通知公告、政策文件类栏目未按期更新',
      stale.filter((s) => FREQUENT.includes(s.column.updateClass)).length,
      t.stale_veto,
    ),
    check('long_stale_columns', '应更新但长期未更新的栏目', stale.length, t.long_stale_veto),
    check('blank_columns', '空白栏目', states.filter((s) => s.blank).length, t.blank_veto),
    check('home_not_updated', `首页${t.home_days}天内无信息更新`, homeStale ? 1 : 0, 1),
  ];
  return { checks, vetoed: checks.some((c) => c.triggered) };
}

/** 首页不更新 (§7.2): no item published on the portal within `home_days` (undated = not updated). */
export function homeNotUpdated(
  lastPortalPublication: string | null,
  today: string,
  t: Thresholds,
): boolean {
  return lastPortalPublication === null || lastPortalPublication < addDays(today, -t.home_days);
}

/**
 * Findings of the column and home-page monitors. A stale or blank column is a 扣分 matter
 * (major) on its own and a 单项否决 (veto) when its counter reaches the threshold.
 */
export function freshnessFindings(
  org: { id: number; name: string },
  states: readonly ColumnState[],
  lastPortalPublication: string | null,
  today: string,
  t: Thresholds,
): { findings: DetectedFinding[]; summary: VetoSummary } {
  const homeStale = homeNotUpdated(lastPortalPublication, today, t);
  const summary = vetoSummary(states, homeStale, t);
  const on = (id: VetoCheck['id']) => summary.checks.some((c) => c.id === id && c.triggered);
  const findings: DetectedFinding[] = [];
  for (const s of states) {
    const c = s.column;
    if (s.stale) {
      const veto =
        on('long_stale_columns') || (FREQUENT.includes(c.updateClass) && on('stale_columns'));
      findings.push({
        kind: 'stale_column',
        subjectType: 'column',
        subjectId: String(c.id),
        columnId: c.id,
        severity: veto ? 'veto' : 'major',
        title: `栏目「${c.name}」自 ${s.lastPublished ?? ''} 起未更新（${UPDATE_CLASS_LABELS[c.updateClass]}类，应在 ${s.since ?? ''} 之后有更新）`,
        detail: {
          column: c.name,
          update_class: c.updateClass,
          last_published_on: s.lastPublished,
          window_start: s.since,
          rule: 'REGULATIONS §7.2 栏目不更新',
        },
      });
    }
    if (s.blank)
      findings.push({
        kind: 'blank_column',
        subjectType: 'column',
        subjectId: String(c.id),
        columnId: c.id,
        severity: on('blank_columns') ? 'veto' : 'major',
        title: `栏目「${c.name}」没有已发布的信息（空白栏目）`,
        detail: { column: c.name, rule: 'REGULATIONS §7.2 空白栏目' },
      });
  }
  if (homeStale)
    findings.push({
      kind: 'home_not_updated',
      subjectType: 'org',
      subjectId: String(org.id),
      columnId: null,
      severity: 'veto',
      title: `${org.name}门户首页${t.home_days}天内无信息更新（最近发布：${lastPortalPublication ?? '无'}）`,
      detail: {
        last_published_on: lastPortalPublication,
        days: t.home_days,
        rule: 'REGULATIONS §7.2 首页不更新',
      },
    });
  return { findings, summary };
}

/** The confirmation data of an org (公开指南 and contact data, 条例第十二条). */
export interface OrgConfirmation {
  id: number;
  name: string;
  guideConfirmedOn: string | null;
  contactConfirmedOn: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
}

/**
 * 公开指南 and contact data (负责人, phone) "应当及时更新" (条例第十二条, REGULATIONS.md §3.3):
 * a finding when never confirmed or confirmed more than `confirm_days` ago; contact data also
 * when the 负责人 or the phone number is missing.
 */
export function confirmationFindings(
  org: OrgConfirmation,
  today: string,
  t: Thresholds,
): DetectedFinding[] {
  const limit = addDays(today, -t.confirm_days);
  const old = (d: string | null) => d === null || d < limit;
  const out: DetectedFinding[] = [];
  if (old(org.guideConfirmedOn))
    out.push({
      kind: 'guide_unconfirmed',
      subjectType: 'org',
      subjectId: String(org.id),
      columnId: null,
      severity: 'major',
      title: org.guideConfirmedOn
        ? `公开指南最近确认于 ${org.guideConfirmedOn}，已超过 ${t.confirm_days} 天`
        : '公开指南从未确认',
      detail: { confirmed_on: org.guideConfirmedOn, days: t.confirm_days, rule: '条例第十二条' },
    });
  const missing = [
    org.contactPerson?.trim() ? null : '负责人',
    org.contactPhone?.trim() ? null : '联系电话',
  ].filter((x): x is string => x !== null);
  if (old(org.contactConfirmedOn) || missing.length > 0) {
    const when = org.contactConfirmedOn
      ? old(org.contactConfirmedOn)
        ? `最近确认于 ${org.contactConfirmedOn}，已超过 ${t.confirm_days} 天`
        : ''
      : '从未确认';
    const parts = [when, missing.length ? `缺少${missing.join('、')}` : ''].filter(Boolean);
    out.push({
      kind: 'contact_unconfirmed',
      subjectType: 'org',
      subjectId: String(org.id),
      columnId: null,
      severity: 'major',
      title: `联系方式${parts.join('，')}`,
      detail: {
        confirmed_on: org.contactConfirmedOn,
        missing,
        days: t.confirm_days,
        rule: '条例第十二条',
      },
    });
  }
  return out;
}

/** A 政务新媒体 account as the monitor sees it. */
export interface NewMediaInfo {
  id: number;
  platform: string;
  name: string;
  status: string;
  lastUpdateOn: string | null;
}

/**
 * 政务新媒体 内容不更新 (REGULATIONS.md §7.3: "监测点前两周内未更新", a 单项否决 for the account):
 * an operating account with no update within `new_media_days` (or no recorded update).
 */
export function newMediaFindings(
  accounts: readonly NewMediaInfo[],
  platformLabel: (p: string) => string,
  today: string,
  t: Thresholds,
): DetectedFinding[] {
  const limit = addDays(today, -t.new_media_days);
  return accounts
    .filter((a) => a.status === 'operating' && (a.lastUpdateOn === null || a.lastUpdateOn < limit))
    .map((a) => ({
      kind: 'new_media_stale' as const,
      subjectType: 'new_media' as const,
      subjectId: String(a.id),
      columnId: null,
      severity: 'veto' as const,
      title: `${platformLabel(a.platform)}「${a.name}」${t.new_media_days}天内未更新（最近更新：${a.lastUpdateOn ?? '无记录'}）`,
      detail: {
        platform: a.platform,
        name: a.name,
        last_update_on: a.lastUpdateOn,
        days: t.new_media_days,
        rule: 'REGULATIONS §7.3 政务新媒体内容不更新',
      },
    }));
}
