import { REPLY_TITLE, replyBody, withheldBody } from './letters.defaults.common.js';
import type { ReplyLetterKind } from './letters.model.js';
import type { LetterTemplate } from './letters.templates.js';

type DiscloseKind = Extract<
  ReplyLetterKind,
  `reply_open_${string}` | 'reply_partial' | `reply_withheld_${string}`
>;

const t = (body: string): LetterTemplate => ({ title: REPLY_TITLE, body });

/**
 * Default replies that disclose, disclose in part or withhold (条例第十四条至第十六条,
 * 第三十六条第（一）项至第（三）项、第（七）项, 第三十七条).
 */
export const REPLY_TEMPLATES_DISCLOSE: Readonly<Record<DiscloseKind, LetterTemplate>> = {
  /** 36(一): 已主动公开 → 告知获取的方式、途径. */
  reply_open_published: t(
    replyBody(
      '您申请获取的政府信息属于本机关已经主动公开的政府信息。根据{{legal_basis}}的规定，现告知您获取该政府信息的方式和途径：{{reply.access_method}}',
    ),
  ),
  /** 36(二): 可以公开 → 向申请人提供，或者告知获取的方式、途径和时间. */
  reply_open_provided: t(
    replyBody(
      '您申请获取的政府信息属于可以公开的政府信息。根据{{legal_basis}}的规定，本机关决定予以公开。',
      '提供方式：{{reply.provided}}',
    ),
  ),
  /** 37: 区分处理 → 提供可以公开的内容，对不予公开的内容说明理由. */
  reply_partial: t(
    replyBody(
      '您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{{legal_basis}}的规定，本机关向您提供可以公开的政府信息内容，并对不予公开的内容说明理由：',
      '一、可以公开的内容及提供方式：{{reply.provided}}',
      '二、不予公开的内容及理由：{{reply.withheld}}',
    ),
  ),
  /** 14: 依法确定为国家秘密. */
  reply_withheld_state_secret: t(withheldBody('属于依法确定为国家秘密的政府信息')),
  /** 14: 法律、行政法规禁止公开. */
  reply_withheld_prohibited_by_law: t(withheldBody('属于法律、行政法规禁止公开的政府信息')),
  /** 14: 公开后可能危及国家安全、公共安全、经济安全、社会稳定. */
  reply_withheld_security_stability: t(
    withheldBody('公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  ),
  /** 15: 商业秘密、个人隐私等，公开会损害第三方合法权益 (32: 第三方不同意且理由合理). */
  reply_withheld_third_party: t(
    withheldBody('涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害'),
  ),
  /** 16 第一款: 内部事务信息. */
  reply_withheld_internal_affairs: t(
    withheldBody('属于行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息'),
  ),
  /** 16 第二款: 过程性信息. */
  reply_withheld_process_info: t(
    withheldBody(
      '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
    ),
  ),
  /** 16 第二款: 行政执法案卷信息. */
  reply_withheld_enforcement_file: t(withheldBody('属于行政执法案卷信息')),
  /** 36(七): 工商、不动产登记资料等 → 依照有关法律、行政法规的规定办理. */
  reply_withheld_query_matter: t(
    replyBody(
      '您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据{{legal_basis}}的规定，请您依照有关法律、行政法规的规定办理：{{reply.query_channel}}',
    ),
  ),
};
