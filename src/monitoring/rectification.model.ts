import type {
  FindingAction,
  FindingSeverity,
  FindingStatus,
  MonitorKind,
} from './monitor.contract.js';

/**
 * Pure rules of rectification (整改): a finding is a task with an assignee, a due date and a
 * status (monitor.contract.ts); marking it fixed triggers a re-check that closes it or reopens
 * it; the history stays (REGULATIONS.md §7, issue 7).
 */

export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'fixed', 'closed', 'ignored'];
export const SEVERITIES: readonly FindingSeverity[] = ['veto', 'major', 'minor'];

export const STATUS_LABELS: Record<FindingStatus, string> = {
  open: '待整改',
  fixed: '已整改待复核',
  closed: '已关闭',
  ignored: '已忽略（误报）',
};

export const SEVERITY_LABELS: Record<FindingSeverity, string> = {
  veto: '单项否决',
  major: '较重（扣分）',
  minor: '一般（扣分）',
};

export const ACTION_LABELS: Record<FindingAction, string> = {
  detected: '监测发现',
  assigned: '交办',
  marked_fixed: '标记已整改',
  recheck_passed: '复核通过，已关闭',
  recheck_failed: '复核未通过，重新打开',
  reopened: '重新打开',
  resolved: '监测未再发现，自动关闭',
  ignored: '标记为误报',
  comment: '备注',
};

/** Content-check kinds: ignoring one of them is a false-positive mark on its text (§7.4). */
export const CONTENT_KINDS: readonly MonitorKind[] = [
  'content_personal_data',
  'content_secrecy',
  'content_expression',
  'content_typo',
];

/** Statuses in which a task is finished: neither overdue nor on anyone's list. */
export const FINAL_STATUSES: readonly FindingStatus[] = ['closed', 'ignored'];

/**
 * Overdue: a due date before `today` and the task not finished (closed, or ignored as a false
 * positive). A task without a due date is never overdue.
 */
export function isOverdue(f: { due_on: string | null; status: string }, today: string): boolean {
  return (
    f.due_on !== null && f.due_on < today && !FINAL_STATUSES.includes(f.status as FindingStatus)
  );
}

/** Which statuses allow which change; anything else is ERR_FINDING_STATE (409). */
export const ALLOWED_FROM: Record<'assign' | 'fix' | 'ignore', readonly FindingStatus[]> = {
  assign: ['open', 'fixed'],
  fix: ['open'],
  ignore: ['open', 'fixed'],
};

/** Labels of the detail fields monitors commonly store; others show under their own key. */
const DETAIL_LABELS: Record<string, string> = {
  url: '网址',
  page: '所在页面',
  status: '状态',
  text: '文字',
  linkText: '链接文字',
  rule: '规则',
  category: '类别',
  suggestion: '修改建议',
  context: '上下文',
  lastUpdate: '最近更新',
  lastUpdateOn: '最近更新日期',
  last_update_on: '最近更新日期',
  days: '天数',
  limitDays: '期限（天）',
  formedOn: '成文日期',
  publishedOn: '发布日期',
  workingDays: '工作日',
  dueOn: '期限',
  confirmedOn: '最近确认日期',
  column: '栏目',
  item: '信息',
  onHome: '位于首页',
  count: '数量',
  due_on: '应公开日期',
  ref: '信息编号',
  published_on: '发布日期',
  formed_on: '成文日期',
  rereview_on: '复核日期',
  reply_due_on: '答复期限',
  confirmed_on: '最近确认日期',
  missing: '缺少',
  item_id: '信息ID',
  source: '来源',
  source_label: '检查位置',
  confidence: '置信度',
  run_id: '链接检查批次',
  on_home: '位于首页',
  pages: '所在页面',
  page_count: '页面数',
  platform: '平台',
  name: '名称',
  note: '说明',
  point: '检查要点',
  spotCheckId: '抽查编号',
};

/** The finding's facts as label/value pairs for people (nested values as compact JSON). */
export function detailRows(detail: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(detail).map(([k, v]) => [
    DETAIL_LABELS[k] ?? k,
    v === null || v === undefined
      ? '—'
      : typeof v === 'boolean'
        ? v
          ? '是'
          : '否'
        : Array.isArray(v)
          ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、') || '—'
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v),
  ]);
}

/** Parses a stored detail JSON, tolerating a malformed value (shown as raw text). */
export function parseDetail(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : { value: v };
  } catch {
    return { raw: text };
  }
}
