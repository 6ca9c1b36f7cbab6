/**
 * The vocabulary shared by the monitors (which detect findings) and rectification (which turns
 * each finding into a task with an owner, a due date and a re-check). Table: monitor_findings
 * (schema.ts MonitorFindingsTable); history: monitor_finding_events. REGULATIONS.md §7.
 */

/** What a monitor found. */
export const MONITOR_KINDS = [
  'stale_column',
  'blank_column',
  'home_not_updated',
  'guide_unconfirmed',
  'contact_unconfirmed',
  'late_publication',
  'missing_interpretation',
  'rereview_overdue',
  'application_overdue',
  'new_media_stale',
  'broken_link',
  'content_personal_data',
  'content_secrecy',
  'content_expression',
  'content_typo',
] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

export const KIND_LABELS: Record<MonitorKind, string> = {
  stale_column: '栏目不更新',
  blank_column: '空白栏目',
  home_not_updated: '首页不更新',
  guide_unconfirmed: '公开指南未及时确认',
  contact_unconfirmed: '联系方式未及时确认',
  late_publication: '信息公开不及时',
  missing_interpretation: '行政规范性文件未解读',
  rereview_overdue: '不予公开信息逾期未复核',
  application_overdue: '依申请公开逾期未答复',
  new_media_stale: '政务新媒体不更新',
  broken_link: '链接不可用',
  content_personal_data: '泄露个人信息',
  content_secrecy: '涉密标志',
  content_expression: '严重表述错误',
  content_typo: '错别字',
};

export const SUBJECT_TYPES = ['org', 'column', 'item', 'application', 'new_media', 'link'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** veto: a 单项否决 matter (§7.2); major and minor: 扣分 matters (§7.3). */
export type FindingSeverity = 'veto' | 'major' | 'minor';

/**
 * open: to be rectified; fixed: marked fixed by its owner, re-check pending; closed: re-check
 * passed or a scan no longer sees it; ignored: a false positive, with a reason.
 */
export type FindingStatus = 'open' | 'fixed' | 'closed' | 'ignored';

export type FindingAction =
  | 'detected'
  | 'assigned'
  | 'marked_fixed'
  | 'recheck_passed'
  | 'recheck_failed'
  | 'reopened'
  | 'resolved'
  | 'ignored'
  | 'comment';

/** A finding as a monitor reports it, before it is stored. */
export interface DetectedFinding {
  kind: MonitorKind;
  subjectType: SubjectType;
  subjectId: string;
  columnId: number | null;
  severity: FindingSeverity;
  /** One line in Chinese naming the subject and the problem. */
  title: string;
  /** Facts behind the finding (dates, counts, URL, rule…), stored as JSON. */
  detail: Record<string, unknown>;
}

/** The stable identity of a problem across scans: a rescan updates the same row. */
export function findingKey(
  orgId: number,
  f: Pick<DetectedFinding, 'kind' | 'subjectType' | 'subjectId'>,
): string {
  return `${orgId}:${f.kind}:${f.subjectType}:${f.subjectId}`;
}
