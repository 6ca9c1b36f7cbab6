import { OUTCOME_CODES, type OutcomeCode } from '../requests/requests.model.js';
/**
 * The annual report (政府信息公开工作年度报告, 条例第四十九条、第五十条) in the national 2021 format
 * (国办公开办函〔2021〕30号): its fixed rows, columns and official labels, and the records the
 * figures are derived from. Field names mirror EXCHANGE.md §1.2–1.5 so that exchange records can be
 * passed in unchanged.
 */

/** Applicant types, the six applicant columns of table 三 (EXCHANGE.md §1.3 `applicant.type`). */
export const APPLICANT_TYPES = [
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** The 7 columns of table 三, in order: six applicant types and 总计 (EXCHANGE.md §2). */
export const APPLICATION_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type ApplicationColumn = (typeof APPLICATION_COLUMNS)[number];
/** Index of the 总计 column. */
export const TOTAL_COLUMN = 6;

/** Column headings of table 三 (REGULATIONS.md §2.4). */
export const COLUMN_LABELS: Record<ApplicationColumn, string> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other: '其他',
  total: '总计',
};

/** Outcome codes, one per concluded application, in the order of table 三's rows (EXCHANGE.md §1.3). */
export const OUTCOMES = OUTCOME_CODES;
export type Outcome = OutcomeCode;

/** The 25 row keys of `applications.rows`, in order (EXCHANGE.md §2). */
export const ROW_KEYS = ['new', 'carried_in', ...OUTCOMES, 'total', 'carried_out'] as const;
export type RowKey = (typeof ROW_KEYS)[number];

/** Official row labels of table 三 (REGULATIONS.md §2.4), shortened to level + item. */
export const ROW_LABELS: Record<RowKey, string> = {
  new: '一、本年新收政府信息公开申请数量',
  carried_in: '二、上年结转政府信息公开申请数量',
  open: '三、（一）予以公开',
  partial: '三、（二）部分公开',
  withheld_state_secret: '三、（三）不予公开 1.属于国家秘密',
  withheld_prohibited_by_law: '三、（三）不予公开 2.其他法律行政法规禁止公开',
  withheld_security_stability: '三、（三）不予公开 3.危及“三安全一稳定”',
  withheld_third_party: '三、（三）不予公开 4.保护第三方合法权益',
  withheld_internal_affairs: '三、（三）不予公开 5.属于三类内部事务信息',
  withheld_process_info: '三、（三）不予公开 6.属于四类过程性信息',
  withheld_enforcement_file: '三、（三）不予公开 7.属于行政执法案卷',
  withheld_query_matter: '三、（三）不予公开 8.属于行政查询事项',
  unable_not_held: '三、（四）无法提供 1.本机关不掌握相关政府信息',
  unable_needs_creation: '三、（四）无法提供 2.没有现成信息需要另行制作',
  unable_unclear_after_correction: '三、（四）无法提供 3.补正后申请内容仍不明确',
  rejected_complaint: '三、（五）不予处理 1.信访举报投诉类申请',
  rejected_duplicate: '三、（五）不予处理 2.重复申请',
  rejected_publication: '三、（五）不予处理 3.要求提供公开出版物',
  rejected_excessive: '三、（五）不予处理 4.无正当理由大量反复申请',
  rejected_confirmation: '三、（五）不予处理 5.要求行政机关确认或重新出具已获取信息',
  other_correction_overdue: '三、（六）其他处理 1.申请人无正当理由逾期不补正',
  other_fee_unpaid: '三、（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用',
  other: '三、（六）其他处理 3.其他',
  total: '三、（七）总计',
  carried_out: '四、结转下年度继续办理',
};

/** The three blocks of table 四 (EXCHANGE.md §1.4 `kind`). */
export const APPEAL_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** Block headings of table 四 (REGULATIONS.md §2.5). */
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  review: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_review: '行政诉讼（复议后起诉）',
};

/** The 5 columns of every table 四 block; index 3 is 尚未审结, index 4 is 总计. */
export const APPEAL_COLUMN_LABELS = [
  '结果维持',
  '结果纠正',
  '其他结果',
  '尚未审结',
  '总计',
] as const;
export const APPEAL_PENDING_COLUMN = 3;
export const APPEAL_TOTAL_COLUMN = 4;

/** Publication channels (EXCHANGE.md §1.2 `channels`, REGULATIONS.md §3.10). */
export const CHANNELS = ['portal', 'platform', 'gazette', 'new_media', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  portal: '门户网站',
  platform: '政府信息公开平台',
  gazette: '政府公报',
  new_media: '政务新媒体',
  other: '其他渠道',
};

/** Org kinds (EXCHANGE.md §1.1); `government` publishes by 3月31日, the rest by 1月31日. */
export const ORG_KINDS = ['government', 'department', 'zone', 'township', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** The first year reported in the 2021 national format; earlier table 二 figures mean other things (REGULATIONS.md §2.7). */
export const FIRST_2021_FORMAT_YEAR = 2021;

// ---- Input records (EXCHANGE.md §1.2–1.5), restricted to the fields the figures need ----

/** An ISO `YYYY-MM-DD` calendar date in China time. */
export type IsoDate = string;

/** A published-information record (EXCHANGE.md §1.2). */
export interface ReportItem {
  org: string;
  ref: string;
  doc_type: 'rule' | 'normative' | 'other';
  formed_on: IsoDate;
  published_on: IsoDate | null;
  channels: readonly Channel[];
  validity: 'valid' | 'invalid' | 'abolished' | null;
  abolished_on: IsoDate | null;
  attribute: 'active' | 'on_request' | 'withheld';
}

/** An application event (EXCHANGE.md §1.3 events); only the fields the report reads are typed. */
export type ReportEvent =
  | { type: 'correction_requested'; on: IsoDate; due_on: IsoDate }
  | { type: 'correction_received'; on: IsoDate }
  | { type: 'consultation_started'; on: IsoDate; party: 'third_party' | 'other_agency' }
  | { type: 'consultation_ended'; on: IsoDate }
  | { type: 'extended'; on: IsoDate; working_days: number; approved_by: string }
  | { type: 'fee_notice'; on: IsoDate; amount_yuan: number }
  | { type: 'fee_paid'; on: IsoDate; amount_yuan: number }
  | { type: 'concluded'; on: IsoDate; outcome: Outcome; legal_basis?: string | null }
  | { type: 'withdrawn'; on: IsoDate };

/** An application (依申请公开, EXCHANGE.md §1.3). */
export interface ReportApplication {
  org: string;
  ref: string;
  applicant: { type: ApplicantType };
  received_on: IsoDate;
  events: readonly ReportEvent[];
}

/** An administrative review or lawsuit about disclosure (EXCHANGE.md §1.4). */
export interface ReportAppeal {
  org: string;
  ref: string;
  kind: AppealKind;
  filed_on: IsoDate;
  decided_on: IsoDate | null;
  result: 'maintained' | 'corrected' | 'other' | null;
}

/** Figures from other systems for table 二 第（五）（六）（八）项 (EXCHANGE.md §1.5). */
export interface ReportAnnualFigures {
  org: string;
  year: number;
  source: 'manual' | 'published';
  proactive?: {
    licensing?: number;
    penalty?: number;
    enforcement?: number;
    fees_10k_yuan?: number;
  };
}

/** Everything `computeAnnualReport` reads for one org; records of other orgs are ignored. */
export interface AnnualReportInput {
  org: { code: string; name: string; kind: OrgKind };
  items: readonly ReportItem[];
  applications: readonly ReportApplication[];
  appeals: readonly ReportAppeal[];
  annual_figures?: readonly ReportAnnualFigures[];
  narrative?: { overview: string; problems: string; other: string };
}

/** 1 January of `year`. */
export const yearStart = (year: number): IsoDate => `${year}-01-01`;
/** 31 December of `year`. */
export const yearEnd = (year: number): IsoDate => `${year}-12-31`;
/** Whether an ISO date falls in the statistical period (the calendar year, EXCHANGE.md §2.1). */
export const inYear = (date: IsoDate | null | undefined, year: number): boolean =>
  date != null && date >= yearStart(year) && date <= yearEnd(year);

/**
 * The date by which the report for `year` must be published (条例第四十九条; REGULATIONS.md §2.1):
 * 3月31日 of the following year for a government, 1月31日 for every other kind of org.
 */
export const publicationDeadline = (kind: OrgKind, year: number): IsoDate =>
  kind === 'government' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
