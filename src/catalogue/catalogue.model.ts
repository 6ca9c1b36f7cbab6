import { addWorkingDays, isIsoDate, type HolidayCalendar } from '../calendar/calendar.model.js';

/**
 * Pure rules of the 主动公开 catalogue (REGULATIONS.md §3): vocabularies, 文号 format, date and
 * 公开属性 rules, review-level transitions, timeliness and re-review dates. No I/O.
 */

export const ITEM_STATUSES = [
  'draft',
  'in_review',
  'returned',
  'scheduled',
  'published',
  'withdrawn',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '已退回',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export const UPDATE_CLASSES = ['news', 'notice', 'policy', 'personnel_plan', 'none'] as const;
export type UpdateClass = (typeof UPDATE_CLASSES)[number];
export const UPDATE_CLASS_LABELS: Record<UpdateClass, string> = {
  news: '动态要闻',
  notice: '通知公告',
  policy: '政策文件',
  personnel_plan: '人事/规划计划',
  none: '不适用',
};

export const DOC_TYPES = ['rule', 'normative', 'other'] as const;
export type DocType = (typeof DOC_TYPES)[number];
export const DOC_TYPE_LABELS: Record<DocType, string> = {
  rule: '规章',
  normative: '行政规范性文件',
  other: '其他',
};

export const ATTRIBUTES = ['active', 'on_request', 'withheld'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export const ATTRIBUTE_LABELS: Record<Attribute, string> = {
  active: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

/** Legal reasons for 依申请公开 / 不予公开 (条例第十四、十五、十六条); free text is also allowed. */
export const ATTRIBUTE_REASONS: Record<string, string> = {
  art14: '条例第十四条（国家秘密等）',
  art15: '条例第十五条（商业秘密、个人隐私）',
  'art16-internal': '条例第十六条第一款（内部事务信息）',
  'art16-process': '条例第十六条第二款（过程性信息、行政执法案卷）',
};

export const VALIDITIES = ['valid', 'invalid', 'abolished'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = {
  valid: '有效',
  invalid: '失效',
  abolished: '废止',
};

/** Publication channels (条例第二十三、二十四条, REGULATIONS.md §3.10). */
export const CHANNELS = ['portal', 'platform', 'gazette', 'new_media', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  portal: '本单位网站',
  platform: '政府信息公开平台',
  gazette: '政府公报',
  new_media: '政务新媒体',
  other: '其他',
};

/** Review levels allowed per column (1 to 3). */
export const MAX_REVIEW_LEVELS = 3;

const BRACKETS: Array<[RegExp, string]> = [
  [/[[(（【［〔]/g, '〔'],
  [/[\])）】］〕]/g, '〕'],
];

/** 文号 with its brackets normalised: [] () 【】 （） become 〔〕; spaces dropped. */
export function normaliseDocNumber(raw: string): string {
  let s = raw.replace(/\s+/g, '');
  for (const [re, to] of BRACKETS) s = s.replace(re, to);
  return s;
}

/** The standard 文号 form `机关代字〔YYYY〕N号` (GB/T 9704: no leading zeros, no 第). */
export const DOC_NUMBER_PATTERN = /^[\u4e00-\u9fa5A-Za-z]{1,20}〔(19|20)\d{2}〕[1-9]\d{0,5}号$/;

/** Checks a (normalised) 文号; returns a warning for a non-standard form, or null. */
export function docNumberWarning(docNumber: string): string | null {
  if (DOC_NUMBER_PATTERN.test(docNumber)) return null;
  return '文号格式不规范，应为“机关代字〔年份〕序号号”，如：温高管〔2022〕1号';
}

/** The date fields of an item that the rules look at. */
export interface ItemDates {
  formedOn: string;
  publishedOn: string | null;
  abolishedOn: string | null;
  validity: Validity | null;
}

/**
 * Date rules of the metadata: 发布日期 not before 成文日期; 废止日期 not before 成文日期; a
 * 废止/失效 item has its date and a valid one has none. Returns field → message.
 */
export function dateProblems(d: ItemDates): Record<string, string> {
  const p: Record<string, string> = {};
  if (!isIsoDate(d.formedOn)) p.formed_on = '成文日期格式不正确';
  if (d.publishedOn !== null && d.publishedOn < d.formedOn)
    p.published_on = '发布日期不能早于成文日期';
  if (d.abolishedOn !== null && d.abolishedOn < d.formedOn)
    p.abolished_on = '废止日期不能早于成文日期';
  if (d.abolishedOn !== null && d.validity === 'valid')
    p.validity = '填写了废止日期的文件，有效性应为“失效”或“废止”';
  if (d.abolishedOn === null && (d.validity === 'abolished' || d.validity === 'invalid'))
    p.abolished_on = '失效或废止的文件须填写废止日期';
  return p;
}

/** 公开属性 rule (REGULATIONS.md §3.6): 依申请公开 and 不予公开 need a legal reason. */
export function attributeProblems(
  attribute: Attribute,
  reason: string | null,
): Record<string, string> {
  if (attribute !== 'active' && !reason)
    return { attribute_reason: '依申请公开或不予公开的信息须说明法律依据' };
  return {};
}

/** Only 主动公开 information is ever published to the portal (条例第十九、二十条). */
export function isPublishable(attribute: Attribute): boolean {
  return attribute === 'active';
}

/** Where an item stands in review: the level awaited, or that all levels approved. */
export type ReviewStage = { kind: 'awaiting'; level: number } | { kind: 'approved' };

/**
 * The stage of an in-review item: `review_level` is the level awaited; once it exceeds the
 * column's `levels`, every level has approved and the item waits for publication.
 */
export function reviewStage(reviewLevel: number, levels: number): ReviewStage {
  return reviewLevel > levels ? { kind: 'approved' } : { kind: 'awaiting', level: reviewLevel };
}

/** The review level after an approval at `level` (levels + 1 = fully approved). */
export function levelAfterApproval(level: number, levels: number): number {
  if (level < 1 || level > levels) throw new RangeError(`no review level ${level} of ${levels}`);
  return level + 1;
}

/**
 * Whether a reviewer may decide at this level: never the author (ERR_SELF_REVIEW), and never
 * someone who already approved an earlier level of the same version (ERR_SAME_REVIEWER).
 */
export function reviewRefusal(
  reviewerId: number,
  authorId: number | null,
  earlierApprovers: readonly number[],
): 'ERR_SELF_REVIEW' | 'ERR_SAME_REVIEWER' | null {
  if (authorId !== null && reviewerId === authorId) return 'ERR_SELF_REVIEW';
  if (earlierApprovers.includes(reviewerId)) return 'ERR_SAME_REVIEWER';
  return null;
}

/** Statuses in which the content may be edited (after publication: with a change note). */
export function isEditable(status: ItemStatus): boolean {
  return status === 'draft' || status === 'returned' || status === 'published';
}

/**
 * Timeliness (条例第二十六条, REGULATIONS.md §3.7): due = 20 working days after 成文日期; late
 * when published after it (or, unpublished, when today is past it).
 */
export function timeliness(
  cal: HolidayCalendar,
  formedOn: string,
  publishedOn: string | null,
  today: string,
): { due: string; late: boolean } {
  const due = addWorkingDays(cal, formedOn, 20).date;
  return { due, late: (publishedOn ?? today) > due };
}

/** The date `months` months after `date`, clamped to the month's last day (re-review, 条例第十八条). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The year window of a report year, as China dates (EXCHANGE.md §2.1). */
export function yearBounds(year: number): { first: string; last: string } {
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}
