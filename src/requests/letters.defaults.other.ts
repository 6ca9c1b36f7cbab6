import { REPLY_TITLE, replyBody } from './letters.defaults.common.js';
import type { ReplyLetterKind } from './letters.model.js';
import type { LetterTemplate } from './letters.templates.js';

type OtherKind = Extract<
  ReplyLetterKind,
  `reply_unable_${string}` | `reply_rejected_${string}` | `reply_other${string}`
>;

const t = (body: string): LetterTemplate => ({ title: REPLY_TITLE, body });

const GIVE_UP = '视为您放弃申请，本机关不再处理该政府信息公开申请。';

/**
 * Default replies that cannot provide (无法提供), do not handle (不予处理) or end the case
 * otherwise (其他处理): 条例第三十条, 第三十五条, 第三十六条第（四）项至第（六）项, 第三十八条,
 * 第三十九条, 国办函〔2020〕109号.
 */
export const REPLY_TEMPLATES_OTHER: Readonly<Record<OtherKind, LetterTemplate>> = {
  /** 36(四): 经检索没有所申请公开信息 → 告知该政府信息不存在. */
  reply_unable_not_exist: t(
    replyBody(
      '经检索，本机关没有您申请公开的政府信息。根据{{legal_basis}}的规定，现告知您该政府信息不存在。',
      '{{?reason}}本机关的检索情况：{{reason}}',
    ),
  ),
  /** 36(五): 不属于本机关负责公开 → 说明理由；能够确定负责机关的，告知名称、联系方式. */
  reply_unable_other_agency: t(
    replyBody(
      '您申请获取的政府信息不属于本机关负责公开，理由如下：{{reason}}',
      '根据{{legal_basis}}的规定，本机关无法向您提供该政府信息。',
      '{{?reply.responsible_agency}}经核实，该政府信息由{{reply.responsible_agency}}负责公开，您可以向该机关提出申请。',
      '{{?reply.responsible_agency_contact}}该机关的联系方式：{{reply.responsible_agency_contact}}',
    ),
  ),
  /** 38: 需要对现有政府信息进行加工、分析 → 可以不予提供. */
  reply_unable_needs_creation: t(
    replyBody(
      '本机关向申请人提供的信息，应当是已制作或者获取的政府信息。您申请获取的信息需要本机关对现有政府信息进行加工、分析方能形成，本机关没有现成信息。根据{{legal_basis}}的规定，本机关不予提供。',
      '{{?reason}}具体说明：{{reason}}',
    ),
  ),
  /** 30: 补正后申请内容仍不明确. */
  reply_unable_unclear_after_correction: t(
    replyBody(
      '本机关已依法一次性告知您作出补正。您补正后的申请仍未能明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述，本机关无法确定您所申请的政府信息。根据{{legal_basis}}的规定，本机关无法向您提供。',
      '{{?reason}}具体说明：{{reason}}',
      '您可以在明确所需政府信息后重新提出申请。',
    ),
  ),
  /** 39 第一款: 信访、投诉、举报 → 不作为政府信息公开申请处理，告知通过相应渠道提出. */
  reply_rejected_complaint: t(
    replyBody(
      '您提出的申请实质上是以政府信息公开申请的形式进行信访、投诉、举报。根据{{legal_basis}}的规定，本机关不作为政府信息公开申请处理。',
      '您可以通过以下渠道提出：{{reply.complaint_channel}}',
    ),
  ),
  /** 36(六): 重复申请公开相同政府信息 → 不予重复处理. */
  reply_rejected_duplicate: t(
    replyBody(
      '您此前已向本机关申请公开相同的政府信息，本机关已作出答复：{{reply.previous_reply}}',
      '根据{{legal_basis}}的规定，对您本次重复申请公开相同政府信息，本机关不予重复处理。',
    ),
  ),
  /** 39 第二款: 政府公报、报刊、书籍等公开出版物 → 告知获取的途径. */
  reply_rejected_publication: t(
    replyBody(
      '您申请获取的信息属于政府公报、报刊、书籍等公开出版物。根据{{legal_basis}}的规定，请您通过以下途径获取：{{reply.publication_source}}',
    ),
  ),
  /** 35: 数量、频次明显超过合理范围，申请理由不合理 → 告知不予处理. */
  reply_rejected_excessive: t(
    replyBody(
      '您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，本机关认为您的申请理由不合理：{{reason}}',
      '根据{{legal_basis}}的规定，本机关对您的申请不予处理。',
    ),
  ),
  /** 要求确认或重新出具已获取的信息: no specific article; not a request for existing information. */
  reply_rejected_confirmation: t(
    replyBody(
      '您的申请系要求本机关对您已经获取的信息进行确认或者重新出具。政府信息公开是向申请人提供行政机关已经制作或者获取的政府信息，根据{{legal_basis}}的规定，您的申请不属于政府信息公开申请，本机关不予处理。',
      '{{?reason}}具体说明：{{reason}}',
    ),
  ),
  /** 30: 无正当理由逾期不补正 → 视为放弃申请. */
  reply_other_correction_overdue: t(
    replyBody(
      `本机关已依法告知您在{{correction_due_on}}之前作出补正，您无正当理由逾期未补正。根据{{legal_basis}}的规定，${GIVE_UP}`,
    ),
  ),
  /** 国办函〔2020〕109号: 逾期未缴纳信息处理费 → 视为放弃申请. */
  reply_other_fee_unpaid: t(
    replyBody(
      `本机关已向您发出信息处理费收费通知书，您未在收到收费通知次日起20个工作日内缴纳费用。根据{{legal_basis}}的规定，${GIVE_UP}`,
    ),
  ),
  /** 申请人撤回: counted as 其他 (EXCHANGE.md §1.3). */
  reply_other_withdrawn: t(replyBody('您已撤回上述政府信息公开申请，本机关终止办理该申请。')),
  /** 其他处理: the reason is the case worker's. */
  reply_other: t(replyBody('{{reason}}')),
};
