/**
 * Applications for disclosure on request (依申请公开) as they appear in the exchange format
 * (EXCHANGE.md §1.3): channels, applicant types, delivery, the event history and the 21 outcome
 * codes of table 三 of the annual report, with the legal basis of each (REGULATIONS.md §4.4).
 */

/** How an application was submitted; decides 收到申请之日 (条例第三十一条). */
export const CHANNELS = ['online', 'in_person', 'mail', 'mail_unsigned', 'fax', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Chinese names of the channels, for letters and explanations. */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  online: '互联网渠道',
  in_person: '当面提交',
  mail: '邮寄（需签收）',
  mail_unsigned: '平常信函等无需签收的邮寄',
  fax: '传真',
  email: '电子邮件',
};

/** The applicant columns of table 三 (申请人情况). */
export const APPLICANT_TYPES = [
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_LABELS: Readonly<Record<ApplicantType, string>> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other: '其他',
};

/** 获取信息的方式 (条例第二十九条第（三）项, 第四十条). */
export const DELIVERY_METHODS = ['paper', 'email', 'disc', 'inspect', 'other'] as const;
export type Delivery = (typeof DELIVERY_METHODS)[number];

export const DELIVERY_LABELS: Readonly<Record<Delivery, string>> = {
  paper: '纸质',
  email: '电子邮件',
  disc: '光盘等存储介质',
  inspect: '查阅、抄录',
  other: '其他',
};

/** Who is consulted: 第三方 (条例第三十二条) or 其他机关 (条例第三十四条). */
export const CONSULTATION_PARTIES = ['third_party', 'other_agency'] as const;
export type ConsultationParty = (typeof CONSULTATION_PARTIES)[number];

/** 按件计收 or 按量计收 (国办函〔2020〕109号 第三条). */
export const FEE_BASES = ['per_application', 'per_page'] as const;
export type FeeBasis = (typeof FEE_BASES)[number];

/** The applicant (条例第二十九条第（一）项). */
export interface Applicant {
  type: ApplicantType;
  name: string;
  id_type: string | null;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** 补正告知 (条例第三十条): once only, within 7 working days of receipt. */
export interface CorrectionRequestedEvent {
  type: 'correction_requested';
  on: string;
  /** The 补正期限 given to the applicant. */
  due_on: string;
}
/** 补正 received: the reply period starts again (条例第三十条). */
export interface CorrectionReceivedEvent {
  type: 'correction_received';
  on: string;
}
/** 征求意见 sent (条例第三十二条, 第三十四条): the reply clock pauses. */
export interface ConsultationStartedEvent {
  type: 'consultation_started';
  on: string;
  party: ConsultationParty;
}
/** Opinion received or the window ended: the reply clock resumes. */
export interface ConsultationEndedEvent {
  type: 'consultation_ended';
  on: string;
}
/** 延长答复期限 (条例第三十三条第二款), at most 20 working days in total. */
export interface ExtendedEvent {
  type: 'extended';
  on: string;
  working_days: number;
  approved_by: string;
}
/** 信息处理费收费通知 (国办函〔2020〕109号); exactly one of `pages` / `count_in_month`. */
export interface FeeNoticeEvent {
  type: 'fee_notice';
  on: string;
  amount_yuan: number;
  basis: FeeBasis;
  pages?: number | null;
  count_in_month?: number | null;
}
export interface FeePaidEvent {
  type: 'fee_paid';
  on: string;
  amount_yuan: number;
}
/** The reply (答复) or another end of the case. */
export interface ConcludedEvent {
  type: 'concluded';
  on: string;
  outcome: OutcomeCode;
  legal_basis: string | null;
}
/** The applicant withdrew; counted as `other`. */
export interface WithdrawnEvent {
  type: 'withdrawn';
  on: string;
}

export type ApplicationEvent =
  | CorrectionRequestedEvent
  | CorrectionReceivedEvent
  | ConsultationStartedEvent
  | ConsultationEndedEvent
  | ExtendedEvent
  | FeeNoticeEvent
  | FeePaidEvent
  | ConcludedEvent
  | WithdrawnEvent;

export type EventType = ApplicationEvent['type'];

export const EVENT_TYPES: readonly EventType[] = [
  'correction_requested',
  'correction_received',
  'consultation_started',
  'consultation_ended',
  'extended',
  'fee_notice',
  'fee_paid',
  'concluded',
  'withdrawn',
];

/** One application record (EXCHANGE.md §1.3). */
export interface Application {
  org: string;
  ref: string;
  applicant: Applicant;
  channel: Channel;
  submitted_on: string;
  /** 收到申请之日 (条例第三十一条, see receipt.model.ts). */
  received_on: string;
  description: string;
  delivery: Delivery;
  /** In date order. */
  events: ApplicationEvent[];
}

/** The 21 outcome codes, in the order of the rows of table 三 (EXCHANGE.md §1.3). */
export const OUTCOME_CODES = [
  'open',
  'partial',
  'withheld_state_secret',
  'withheld_prohibited_by_law',
  'withheld_security_stability',
  'withheld_third_party',
  'withheld_internal_affairs',
  'withheld_process_info',
  'withheld_enforcement_file',
  'withheld_query_matter',
  'unable_not_held',
  'unable_needs_creation',
  'unable_unclear_after_correction',
  'rejected_complaint',
  'rejected_duplicate',
  'rejected_publication',
  'rejected_excessive',
  'rejected_confirmation',
  'other_correction_overdue',
  'other_fee_unpaid',
  'other',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** An outcome's row label in table 三 and its legal basis (REGULATIONS.md §4.4). */
export interface OutcomeInfo {
  /** The row label, exactly as printed, including the （一）–（六） and 1.–8. numbering. */
  row: string;
  /** The articles the reply rests on; null where no specific article exists. */
  basis: string | null;
}

export const OUTCOMES: Readonly<Record<OutcomeCode, OutcomeInfo>> = {
  open: { row: '（一）予以公开', basis: '条例第三十六条第（一）项、第（二）项' },
  partial: {
    row: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    basis: '条例第三十七条',
  },
  withheld_state_secret: { row: '（三）1.属于国家秘密', basis: '条例第十四条' },
  withheld_prohibited_by_law: { row: '（三）2.其他法律行政法规禁止公开', basis: '条例第十四条' },
  withheld_security_stability: { row: '（三）3.危及“三安全一稳定”', basis: '条例第十四条' },
  withheld_third_party: { row: '（三）4.保护第三方合法权益', basis: '条例第十五条' },
  withheld_internal_affairs: { row: '（三）5.属于三类内部事务信息', basis: '条例第十六条第一款' },
  withheld_process_info: { row: '（三）6.属于四类过程性信息', basis: '条例第十六条第二款' },
  withheld_enforcement_file: { row: '（三）7.属于行政执法案卷', basis: '条例第十六条第二款' },
  withheld_query_matter: { row: '（三）8.属于行政查询事项', basis: '条例第三十六条第（七）项' },
  unable_not_held: {
    row: '（四）1.本机关不掌握相关政府信息',
    basis: '条例第三十六条第（四）项、第（五）项',
  },
  unable_needs_creation: { row: '（四）2.没有现成信息需要另行制作', basis: '条例第三十八条' },
  unable_unclear_after_correction: { row: '（四）3.补正后申请内容仍不明确', basis: '条例第三十条' },
  rejected_complaint: { row: '（五）1.信访举报投诉类申请', basis: '条例第三十九条第一款' },
  rejected_duplicate: { row: '（五）2.重复申请', basis: '条例第三十六条第（六）项' },
  rejected_publication: { row: '（五）3.要求提供公开出版物', basis: '条例第三十九条第二款' },
  rejected_excessive: { row: '（五）4.无正当理由大量反复申请', basis: '条例第三十五条' },
  rejected_confirmation: { row: '（五）5.要求行政机关确认或重新出具已获取信息', basis: null },
  other_correction_overdue: {
    row: '（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    basis: '条例第三十条',
  },
  other_fee_unpaid: {
    row: '（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    basis: '国办函〔2020〕109号',
  },
  other: { row: '（六）3.其他', basis: null },
};

/** The outcome a case counts under: `withdrawn` is counted as `other` (EXCHANGE.md §1.3). */
export function outcomeOf(events: readonly ApplicationEvent[]): OutcomeCode | null {
  for (const e of events) {
    if (e.type === 'concluded') return e.outcome;
    if (e.type === 'withdrawn') return 'other';
  }
  return null;
}
