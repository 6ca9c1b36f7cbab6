import type { ConsultationParty, EventType, OutcomeCode } from './requests.model.js';

/**
 * The letters (告知书) a case produces: one per action of the case worker, and one reply letter
 * (答复告知书) per outcome code, with variants where 条例第三十六条 gives one outcome two different
 * replies (已主动公开 / 可以公开; 信息不存在 / 非本机关负责公开; 其他 / 撤回). REGULATIONS.md §4.4.
 */

/** Letters sent while a case is handled (not the final reply). */
export const ACTION_LETTER_KINDS = [
  'acknowledgement',
  'correction_request',
  'consultation_third_party',
  'consultation_other_agency',
  'third_party_notice',
  'extension',
  'fee_notice',
] as const;
export type ActionLetterKind = (typeof ACTION_LETTER_KINDS)[number];

/** Reply letters (答复告知书), at least one per outcome code, in the order of table 三. */
export const REPLY_LETTER_KINDS = [
  'reply_open_published',
  'reply_open_provided',
  'reply_partial',
  'reply_withheld_state_secret',
  'reply_withheld_prohibited_by_law',
  'reply_withheld_security_stability',
  'reply_withheld_third_party',
  'reply_withheld_internal_affairs',
  'reply_withheld_process_info',
  'reply_withheld_enforcement_file',
  'reply_withheld_query_matter',
  'reply_unable_not_exist',
  'reply_unable_other_agency',
  'reply_unable_needs_creation',
  'reply_unable_unclear_after_correction',
  'reply_rejected_complaint',
  'reply_rejected_duplicate',
  'reply_rejected_publication',
  'reply_rejected_excessive',
  'reply_rejected_confirmation',
  'reply_other_correction_overdue',
  'reply_other_fee_unpaid',
  'reply_other_withdrawn',
  'reply_other',
] as const;
export type ReplyLetterKind = (typeof REPLY_LETTER_KINDS)[number];

export type LetterKind = ActionLetterKind | ReplyLetterKind;
export const LETTER_KINDS: readonly LetterKind[] = [...ACTION_LETTER_KINDS, ...REPLY_LETTER_KINDS];

/** Who a letter is addressed to; decides the salutation. */
export type LetterRecipient = 'applicant' | 'third_party' | 'other_agency';

export interface LetterKindInfo {
  /** The letter's name as staff see it in lists (e.g. 补正告知书). */
  label: string;
  recipient: LetterRecipient;
  /** The outcome a reply letter concludes with; null for action letters. */
  outcome: OutcomeCode | null;
  /** The full citation filled into {{legal_basis}} when the case worker gives none. */
  basis: string;
}

const TIAOLI = '《中华人民共和国政府信息公开条例》';

function reply(label: string, outcome: OutcomeCode, article: string): LetterKindInfo {
  return { label, recipient: 'applicant', outcome, basis: `${TIAOLI}${article}` };
}

export const LETTER_KIND_INFO: Readonly<Record<LetterKind, LetterKindInfo>> = {
  acknowledgement: {
    label: '受理回执',
    recipient: 'applicant',
    outcome: null,
    basis: `${TIAOLI}第三十一条、第三十三条`,
  },
  correction_request: {
    label: '补正告知书',
    recipient: 'applicant',
    outcome: null,
    basis: `${TIAOLI}第三十条`,
  },
  consultation_third_party: {
    label: '征求第三方意见书',
    recipient: 'third_party',
    outcome: null,
    basis: `${TIAOLI}第三十二条`,
  },
  consultation_other_agency: {
    label: '征求其他机关意见函',
    recipient: 'other_agency',
    outcome: null,
    basis: `${TIAOLI}第三十四条`,
  },
  third_party_notice: {
    label: '第三方告知书',
    recipient: 'third_party',
    outcome: null,
    basis: `${TIAOLI}第十五条、第三十二条`,
  },
  extension: {
    label: '延期答复告知书',
    recipient: 'applicant',
    outcome: null,
    basis: `${TIAOLI}第三十三条第二款`,
  },
  fee_notice: {
    label: '信息处理费收费通知书',
    recipient: 'applicant',
    outcome: null,
    basis: `${TIAOLI}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）`,
  },
  reply_open_published: reply('答复告知书（已主动公开）', 'open', '第三十六条第（一）项'),
  reply_open_provided: reply('答复告知书（予以公开）', 'open', '第三十六条第（二）项'),
  reply_partial: reply('答复告知书（部分公开）', 'partial', '第三十七条'),
  reply_withheld_state_secret: reply(
    '答复告知书（不予公开·国家秘密）',
    'withheld_state_secret',
    '第十四条、第三十六条第（三）项',
  ),
  reply_withheld_prohibited_by_law: reply(
    '答复告知书（不予公开·法律行政法规禁止公开）',
    'withheld_prohibited_by_law',
    '第十四条、第三十六条第（三）项',
  ),
  reply_withheld_security_stability: reply(
    '答复告知书（不予公开·三安全一稳定）',
    'withheld_security_stability',
    '第十四条、第三十六条第（三）项',
  ),
  reply_withheld_third_party: reply(
    '答复告知书（不予公开·第三方合法权益）',
    'withheld_third_party',
    '第十五条、第三十二条、第三十六条第（三）项',
  ),
  reply_withheld_internal_affairs: reply(
    '答复告知书（不予公开·内部事务信息）',
    'withheld_internal_affairs',
    '第十六条第一款、第三十六条第（三）项',
  ),
  reply_withheld_process_info: reply(
    '答复告知书（不予公开·过程性信息）',
    'withheld_process_info',
    '第十六条第二款、第三十六条第（三）项',
  ),
  reply_withheld_enforcement_file: reply(
    '答复告知书（不予公开·行政执法案卷信息）',
    'withheld_enforcement_file',
    '第十六条第二款、第三十六条第（三）项',
  ),
  reply_withheld_query_matter: reply(
    '答复告知书（行政查询事项）',
    'withheld_query_matter',
    '第三十六条第（七）项',
  ),
  reply_unable_not_exist: reply(
    '答复告知书（信息不存在）',
    'unable_not_held',
    '第三十六条第（四）项',
  ),
  reply_unable_other_agency: reply(
    '答复告知书（非本机关负责公开）',
    'unable_not_held',
    '第三十六条第（五）项',
  ),
  reply_unable_needs_creation: reply(
    '答复告知书（需另行制作）',
    'unable_needs_creation',
    '第三十八条',
  ),
  reply_unable_unclear_after_correction: reply(
    '答复告知书（补正后仍不明确）',
    'unable_unclear_after_correction',
    '第三十条',
  ),
  reply_rejected_complaint: reply(
    '告知书（信访举报投诉类申请）',
    'rejected_complaint',
    '第三十九条第一款',
  ),
  reply_rejected_duplicate: reply(
    '告知书（重复申请）',
    'rejected_duplicate',
    '第三十六条第（六）项',
  ),
  reply_rejected_publication: reply(
    '告知书（公开出版物）',
    'rejected_publication',
    '第三十九条第二款',
  ),
  reply_rejected_excessive: reply(
    '告知书（无正当理由大量反复申请）',
    'rejected_excessive',
    '第三十五条',
  ),
  reply_rejected_confirmation: reply(
    '告知书（要求确认或重新出具已获取信息）',
    'rejected_confirmation',
    '第二条',
  ),
  reply_other_correction_overdue: reply(
    '告知书（逾期未补正）',
    'other_correction_overdue',
    '第三十条',
  ),
  reply_other_fee_unpaid: {
    label: '告知书（逾期未缴纳信息处理费）',
    recipient: 'applicant',
    outcome: 'other_fee_unpaid',
    basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
  },
  reply_other_withdrawn: reply('告知书（申请人撤回申请）', 'other', '第三十六条'),
  reply_other: reply('告知书（其他处理）', 'other', '第三十六条'),
};

/** Whether a kind is a reply letter (it must carry the 救济途径). */
export function isReplyKind(kind: LetterKind): kind is ReplyLetterKind {
  return (REPLY_LETTER_KINDS as readonly string[]).includes(kind);
}

/** Parses a stored kind (letters.kind, letter_templates.kind); null when unknown. */
export function parseLetterKind(value: string): LetterKind | null {
  return (LETTER_KINDS as readonly string[]).includes(value) ? (value as LetterKind) : null;
}

/** The reply letters that can conclude a case with `outcome`, the usual one first. */
export function replyKindsFor(outcome: OutcomeCode): ReplyLetterKind[] {
  return REPLY_LETTER_KINDS.filter((k) => LETTER_KIND_INFO[k].outcome === outcome);
}

/** The usual reply letter of an outcome (the first variant). */
export function defaultReplyKind(outcome: OutcomeCode): ReplyLetterKind {
  const [first] = replyKindsFor(outcome);
  if (first === undefined) throw new Error(`no reply letter for outcome ${outcome}`);
  return first;
}

/**
 * The actions a case worker takes on a case (REGULATIONS.md §4.8), each with the event it
 * records (EXCHANGE.md §1.3) and the letter it makes, if any. `notify_third_party` records no
 * event of its own: it precedes the `concluded` event when disclosing over an objection
 * (条例第三十二条).
 */
export const CASE_ACTIONS = [
  'acknowledge',
  'request_correction',
  'receive_correction',
  'consult_third_party',
  'consult_other_agency',
  'end_consultation',
  'notify_third_party',
  'extend',
  'send_fee_notice',
  'record_payment',
  'conclude',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export interface CaseActionInfo {
  label: string;
  event: EventType | null;
  /** The letter the action makes; for `conclude` it depends on the outcome (replyKindsFor). */
  letter: ActionLetterKind | null;
}

export const CASE_ACTION_INFO: Readonly<Record<CaseAction, CaseActionInfo>> = {
  acknowledge: { label: '登记受理', event: null, letter: 'acknowledgement' },
  request_correction: {
    label: '告知补正',
    event: 'correction_requested',
    letter: 'correction_request',
  },
  receive_correction: { label: '收到补正', event: 'correction_received', letter: null },
  consult_third_party: {
    label: '征求第三方意见',
    event: 'consultation_started',
    letter: 'consultation_third_party',
  },
  consult_other_agency: {
    label: '征求其他机关意见',
    event: 'consultation_started',
    letter: 'consultation_other_agency',
  },
  end_consultation: { label: '意见征询结束', event: 'consultation_ended', letter: null },
  notify_third_party: { label: '书面告知第三方', event: null, letter: 'third_party_notice' },
  extend: { label: '延长答复期限', event: 'extended', letter: 'extension' },
  send_fee_notice: { label: '发出收费通知', event: 'fee_notice', letter: 'fee_notice' },
  record_payment: { label: '登记缴费', event: 'fee_paid', letter: null },
  conclude: { label: '作出答复', event: 'concluded', letter: null },
  withdraw: { label: '申请人撤回', event: 'withdrawn', letter: null },
};

/** The consultation letter for a party (条例第三十二条 第三方, 第三十四条 其他机关). */
export function consultationLetterKind(party: ConsultationParty): ActionLetterKind {
  return party === 'third_party' ? 'consultation_third_party' : 'consultation_other_agency';
}
