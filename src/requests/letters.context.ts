import { feePerApplication, perPageBreakdown } from './fees.model.js';
import { letterDate } from './letters.dates.js';
import {
  CHANNEL_LABELS,
  DELIVERY_LABELS,
  type Channel,
  type Delivery,
  type FeeBasis,
} from './requests.model.js';

/**
 * What a letter is filled from: the case, the org and what the case worker typed for this letter.
 * Dates are ISO (YYYY-MM-DD) and are written into the letter as 2026年11月28日. Optional parts
 * are only needed by the letters whose templates use them; a template that needs a missing value
 * fails with ERR_LETTER_PLACEHOLDER naming it.
 */
export interface LetterContext {
  /** 受理编号 of the case; also the N of the letter number 〔YYYY〕第N号. */
  ref: string;
  /** The date the letter is signed (落款). */
  today: string;
  org: {
    name: string;
    /** Prefix of the letter number, e.g. 瓯府信公 → 瓯府信公〔2026〕第K7M2号. */
    letter_prefix?: string | null;
    contact: {
      office?: string | null;
      address?: string | null;
      hours?: string | null;
      phone?: string | null;
      fax?: string | null;
      email?: string | null;
      postcode?: string | null;
    };
  };
  /** 救济途径: the 行政复议机关 and the competent 人民法院, configured per org. */
  remedy: { review_body: string; court: string };
  applicant: {
    name: string;
    address?: string | null;
    phone?: string | null;
    email?: string | null;
    postcode?: string | null;
  };
  submitted_on?: string | null;
  /** 收到申请之日 (条例第三十一条). */
  received_on: string;
  channel?: Channel | null;
  description: string;
  delivery?: Delivery | null;
  /** The reply deadline (after any extension). */
  reply_due_on?: string | null;
  /** The articles the letter rests on; defaults to the letter kind's basis. */
  legal_basis?: string | null;
  /** 说明理由: the case worker's reasons for this decision. */
  reason?: string | null;
  /** 补正 (条例第三十条): what is unclear and the 补正期限. */
  correction?: { due_on: string; points: string } | null;
  /** 延长 (条例第三十三条第二款); the new deadline is `reply_due_on`. */
  extension?: { working_days: number; reason: string } | null;
  /** 征求意见 (条例第三十二条, 第三十四条). */
  consultation?: { party_name: string; content: string } | null;
  /** Disclosure over a third party's objection (条例第三十二条). */
  disclosure?: { third_party_name: string; content: string; reason: string } | null;
  /** 信息处理费 (国办函〔2020〕109号). */
  fee?: {
    amount_yuan: number;
    basis: FeeBasis;
    count_in_month?: number | null;
    pages?: number | null;
    payment_method: string;
    due_on?: string | null;
  } | null;
  /** Parts of a reply that only some outcomes need. */
  reply?: {
    /** 已主动公开: where and how to obtain it (条例第三十六条第（一）项). */
    access_method?: string | null;
    /** 可以公开: how it is provided (条例第三十六条第（二）项, 第四十条). */
    provided?: string | null;
    /** 部分公开: the withheld parts and why (条例第三十七条). */
    withheld?: string | null;
    /** 非本机关负责公开: the responsible agency and its contacts (条例第三十六条第（五）项). */
    responsible_agency?: string | null;
    responsible_agency_contact?: string | null;
    /** 信访、投诉、举报: the proper channel (条例第三十九条第一款). */
    complaint_channel?: string | null;
    /** 公开出版物: where to obtain it (条例第三十九条第二款). */
    publication_source?: string | null;
    /** 重复申请: the earlier reply (条例第三十六条第（六）项). */
    previous_reply?: string | null;
    /** 行政查询事项: the statutory way to query (条例第三十六条第（七）项). */
    query_channel?: string | null;
  } | null;
}

type Value = string | number | null | undefined;

/** A placeholder a template may use: its name, what it means, and where its value comes from. */
export interface Placeholder {
  name: string;
  label: string;
  get: (ctx: LetterContext) => Value;
}

const date = (d: string | null | undefined): string | null => (d ? letterDate(d) : null);

/** The 收费标准 sentence of a basis (国办函〔2020〕109号 第三条至第五条). */
export function feeStandardText(basis: FeeBasis): string {
  return basis === 'per_application'
    ? '按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的不收费；11—30件（含30件）的部分，收费标准为100元/件；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件'
    : '按量计收：30页以下（含30页）的不收费；31—100页（含100页）的部分，收费标准为10元/页；101—200页（含200页）的部分，收费标准为20元/页；201页以上的部分，收费标准为40元/页';
}

/** How this case's amount follows from the standard; null when the count or pages are unknown. */
export function feeCalculationText(fee: NonNullable<LetterContext['fee']>): string | null {
  if (fee.basis === 'per_application') {
    const n = fee.count_in_month;
    if (n === null || n === undefined) return null;
    return `本申请为您本自然月内向本机关提出的第${n}件政府信息公开申请，收费标准为${feePerApplication(n)}元/件`;
  }
  const pages = fee.pages;
  if (pages === null || pages === undefined) return null;
  const bands = perPageBreakdown(pages).map((b) => `${b.pages}页×${b.rate}元/页`);
  const total = bands.length > 0 ? `，其中30页以内部分不收费，计费部分为${bands.join('＋')}` : '';
  return `您申请的政府信息共计${pages}页${total}`;
}

/** Every placeholder the platform fills; templates may use no other name. */
export const PLACEHOLDERS: readonly Placeholder[] = [
  { name: 'ref', label: '受理编号', get: (c) => c.ref },
  { name: 'today', label: '落款日期（当日）', get: (c) => date(c.today) },
  { name: 'org.name', label: '本机关名称', get: (c) => c.org.name },
  { name: 'org.contact.office', label: '工作机构名称', get: (c) => c.org.contact.office },
  { name: 'org.contact.address', label: '办公地址', get: (c) => c.org.contact.address },
  { name: 'org.contact.hours', label: '办公时间', get: (c) => c.org.contact.hours },
  { name: 'org.contact.phone', label: '联系电话', get: (c) => c.org.contact.phone },
  { name: 'org.contact.fax', label: '传真号码', get: (c) => c.org.contact.fax },
  { name: 'org.contact.email', label: '电子邮箱', get: (c) => c.org.contact.email },
  { name: 'org.contact.postcode', label: '邮政编码', get: (c) => c.org.contact.postcode },
  { name: 'review_body', label: '行政复议机关', get: (c) => c.remedy.review_body },
  { name: 'court', label: '人民法院', get: (c) => c.remedy.court },
  { name: 'applicant.name', label: '申请人姓名或者名称', get: (c) => c.applicant.name },
  { name: 'applicant.address', label: '申请人地址', get: (c) => c.applicant.address },
  { name: 'applicant.phone', label: '申请人电话', get: (c) => c.applicant.phone },
  { name: 'applicant.email', label: '申请人电子邮箱', get: (c) => c.applicant.email },
  { name: 'applicant.postcode', label: '申请人邮政编码', get: (c) => c.applicant.postcode },
  { name: 'submitted_on', label: '提交日期', get: (c) => date(c.submitted_on) },
  { name: 'received_on', label: '收到申请之日', get: (c) => date(c.received_on) },
  {
    name: 'channel',
    label: '申请渠道',
    get: (c) => (c.channel ? CHANNEL_LABELS[c.channel] : null),
  },
  { name: 'description', label: '所需政府信息的描述', get: (c) => c.description },
  {
    name: 'delivery',
    label: '获取信息的方式',
    get: (c) => (c.delivery ? DELIVERY_LABELS[c.delivery] : null),
  },
  { name: 'reply_due_on', label: '答复期限', get: (c) => date(c.reply_due_on) },
  { name: 'legal_basis', label: '法律依据', get: (c) => c.legal_basis },
  { name: 'reason', label: '理由', get: (c) => c.reason },
  { name: 'correction_due_on', label: '补正期限', get: (c) => date(c.correction?.due_on) },
  { name: 'correction.points', label: '需要补正的事项', get: (c) => c.correction?.points },
  {
    name: 'extension.working_days',
    label: '延长的工作日数',
    get: (c) => c.extension?.working_days,
  },
  { name: 'extension.reason', label: '延期理由', get: (c) => c.extension?.reason },
  {
    name: 'consultation.party_name',
    label: '被征求意见方',
    get: (c) => c.consultation?.party_name,
  },
  { name: 'consultation.content', label: '拟公开的信息', get: (c) => c.consultation?.content },
  {
    name: 'disclosure.third_party_name',
    label: '第三方名称',
    get: (c) => c.disclosure?.third_party_name,
  },
  { name: 'disclosure.content', label: '决定公开的内容', get: (c) => c.disclosure?.content },
  { name: 'disclosure.reason', label: '决定公开的理由', get: (c) => c.disclosure?.reason },
  { name: 'fee.amount', label: '收费数额（元）', get: (c) => c.fee?.amount_yuan },
  {
    name: 'fee.basis',
    label: '计收方式',
    get: (c) => (c.fee ? (c.fee.basis === 'per_application' ? '按件计收' : '按量计收') : null),
  },
  {
    name: 'fee.standard',
    label: '收费标准',
    get: (c) => (c.fee ? feeStandardText(c.fee.basis) : null),
  },
  {
    name: 'fee.calculation',
    label: '计算过程',
    get: (c) => (c.fee ? feeCalculationText(c.fee) : null),
  },
  { name: 'fee.payment_method', label: '缴纳方式', get: (c) => c.fee?.payment_method },
  { name: 'fee.due_on', label: '缴费期限', get: (c) => date(c.fee?.due_on) },
  { name: 'reply.access_method', label: '获取方式', get: (c) => c.reply?.access_method },
  { name: 'reply.provided', label: '提供方式', get: (c) => c.reply?.provided },
  { name: 'reply.withheld', label: '不予公开的部分及理由', get: (c) => c.reply?.withheld },
  {
    name: 'reply.responsible_agency',
    label: '负责公开的机关',
    get: (c) => c.reply?.responsible_agency,
  },
  {
    name: 'reply.responsible_agency_contact',
    label: '负责公开的机关的联系方式',
    get: (c) => c.reply?.responsible_agency_contact,
  },
  {
    name: 'reply.complaint_channel',
    label: '信访投诉举报渠道',
    get: (c) => c.reply?.complaint_channel,
  },
  {
    name: 'reply.publication_source',
    label: '公开出版物获取途径',
    get: (c) => c.reply?.publication_source,
  },
  { name: 'reply.previous_reply', label: '此前的答复', get: (c) => c.reply?.previous_reply },
  { name: 'reply.query_channel', label: '查询途径', get: (c) => c.reply?.query_channel },
];

/** Names of all placeholders, for template validation. */
export const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(PLACEHOLDERS.map((p) => p.name));

/**
 * The value of every placeholder for a context: a string, or null when the case lacks it (an
 * empty or blank string counts as missing). `defaults` fill what the context leaves out
 * (the kind's legal basis).
 */
export function letterValues(
  ctx: LetterContext,
  defaults: Readonly<Record<string, string>> = {},
): Map<string, string | null> {
  const values = new Map<string, string | null>();
  for (const p of PLACEHOLDERS) {
    const v = p.get(ctx);
    const text = v === null || v === undefined ? '' : String(v).trim();
    values.set(p.name, text !== '' ? text : (defaults[p.name] ?? null));
  }
  return values;
}
