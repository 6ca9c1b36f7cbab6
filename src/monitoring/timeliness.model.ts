import { addDays, addWorkingDays, type HolidayCalendar } from '../calendar/calendar.model.js';
import { timeliness } from '../catalogue/catalogue.model.js';
import type { DetectedFinding, FindingSeverity } from './monitor.contract.js';
import type { Thresholds } from './monitoring.settings.js';

/**
 * Timeliness monitors: late publication (条例第二十六条), 行政规范性文件 without interpretation
 * (REGULATIONS.md §3.8), 不予公开 past re-review (条例第十八条), applications past their reply
 * date (条例第三十三条), and the rectification due date of a new finding. Pure.
 */

/** A published item as these monitors see it. */
export interface ItemInfo {
  id: number;
  ref: string;
  title: string;
  columnId: number | null;
  formedOn: string;
  publishedOn: string | null;
  attribute: string;
  rereviewOn?: string | null;
}

/**
 * 条例第二十六条 (REGULATIONS.md §3.7): 主动公开 items published more than 20 working days after
 * 成文日期. The rule is the catalogue's `timeliness`; only items published within the last
 * `late_lookback_days` are reported (an old late publication cannot be rectified any more).
 */
export function lateFindings(
  cal: HolidayCalendar,
  items: readonly ItemInfo[],
  today: string,
  t: Thresholds,
): DetectedFinding[] {
  const from = addDays(today, -t.late_lookback_days);
  const out: DetectedFinding[] = [];
  for (const i of items) {
    if (i.attribute !== 'active' || i.publishedOn === null || i.publishedOn < from) continue;
    const r = timeliness(cal, i.formedOn, i.publishedOn, today);
    if (!r.late) continue;
    out.push({
      kind: 'late_publication',
      subjectType: 'item',
      subjectId: String(i.id),
      columnId: i.columnId,
      severity: 'major',
      title: `「${i.title}」成文于 ${i.formedOn}，${i.publishedOn} 才公开（应于 ${r.due} 前公开）`,
      detail: {
        ref: i.ref,
        formed_on: i.formedOn,
        published_on: i.publishedOn,
        due_on: r.due,
        rule: '条例第二十六条',
      },
    });
  }
  return out;
}

/** 行政规范性文件 without a published interpretation (§3.8); the query is the catalogue's. */
export function missingInterpretationFindings(items: readonly ItemInfo[]): DetectedFinding[] {
  return items.map((i) => ({
    kind: 'missing_interpretation',
    subjectType: 'item',
    subjectId: String(i.id),
    columnId: i.columnId,
    severity: 'major',
    title: `行政规范性文件「${i.title}」未发布政策解读`,
    detail: { ref: i.ref, published_on: i.publishedOn, rule: 'REGULATIONS §3.8 政策解读' },
  }));
}

/**
 * 不予公开 items whose periodic re-review date has passed (条例第十八条, REGULATIONS.md §3.9):
 * `rereview_on` before today. Items due today are in the catalogue's queue but not yet overdue.
 */
export function rereviewFindings(items: readonly ItemInfo[], today: string): DetectedFinding[] {
  return items
    .filter((i) => i.rereviewOn != null && i.rereviewOn < today)
    .map((i) => ({
      kind: 'rereview_overdue',
      subjectType: 'item',
      subjectId: String(i.id),
      columnId: i.columnId,
      severity: 'major',
      title: `不予公开信息「${i.title}」应于 ${i.rereviewOn ?? ''} 复核，尚未复核`,
      detail: { ref: i.ref, rereview_on: i.rereviewOn, rule: '条例第十八条' },
    }));
}

/** An application still to be answered, with its cached reply date. */
export interface ApplicationInfo {
  id: number;
  ref: string;
  status: string;
  replyDueOn: string | null;
}

/**
 * Applications past their reply date and not answered (条例第三十三条): open status and
 * `reply_due_on` before today. The caller passes only open cases; no personal data is copied.
 */
export function overdueApplicationFindings(
  apps: readonly ApplicationInfo[],
  today: string,
): DetectedFinding[] {
  return apps
    .filter((a) => a.replyDueOn !== null && a.replyDueOn < today)
    .map((a) => ({
      kind: 'application_overdue',
      subjectType: 'application',
      subjectId: String(a.id),
      columnId: null,
      severity: 'major',
      title: `依申请公开 ${a.ref} 答复期限 ${a.replyDueOn ?? ''} 已过，尚未答复`,
      detail: { ref: a.ref, reply_due_on: a.replyDueOn, status: a.status, rule: '条例第三十三条' },
    }));
}

/**
 * Rectification due date of a new finding: `today` + 10 working days, 5 for a 单项否决 matter
 * (both configurable).
 */
export function findingDueOn(
  cal: HolidayCalendar,
  today: string,
  severity: FindingSeverity,
  t: Thresholds,
): string {
  const n = severity === 'veto' ? t.veto_due_working_days : t.due_working_days;
  return addWorkingDays(cal, today, n).date;
}
