import { ART } from './guidance.articles.js';
import type { Guidance } from './guidance.model.js';
import type { CaseAction } from './letters.model.js';
import { OUTCOMES } from './requests.model.js';

/** Guidance per case action (条例第三十条至第三十五条, 国办函〔2020〕109号). */
export const ACTION_GUIDANCE: Readonly<Record<CaseAction, Guidance>> = {
  acknowledge: {
    title: '登记受理',
    articles: [ART.a31, ART.a33, ART.a43],
    appliesWhen: ['收到书面申请，或者申请人口头提出、由工作机构代为填写时（条例第二十九条）。'],
    letterMustSay: [
      '收到申请之日（按渠道确定）和受理编号',
      '申请获取的政府信息描述',
      '答复期限（收到申请之日起20个工作日）及可以延长、征求意见时间不计入的说明',
      '查询办理进度的方式和联系电话',
    ],
    commonMistakes: [
      '网上、传真、平常信函申请以提交日代替双方确认之日，答复期限算错。',
      '把起算日当作第1个工作日：起算当日不计入，自次日起算。',
      '申请人有阅读困难或者视听障碍时未提供帮助或未记录所提供的帮助。',
    ],
    reportRow: '一、本年新收政府信息公开申请数量（按收到申请之日所在年度）',
    letters: ['acknowledgement'],
  },
  request_correction: {
    title: '告知补正',
    articles: [ART.a30],
    appliesWhen: ['申请内容不明确，无法确定所需政府信息时；须先给予指导和释明。'],
    letterMustSay: [
      '需要补正的全部事项（一次性列明）',
      '合理的补正期限（具体日期）',
      '答复期限自收到补正的申请之日起重新计算',
      '无正当理由逾期不补正的，视为放弃申请',
    ],
    commonMistakes: [
      '补正只能告知一次：分两次告知或补正后再次要求补正均不合法。',
      '超过收到申请之日起7个工作日才告知补正。',
      '补正期限过短或未写明具体日期。',
      '申请内容其实明确，只因检索困难而要求补正。',
    ],
    reportRow: null,
    letters: ['correction_request'],
  },
  receive_correction: {
    title: '收到补正',
    articles: [ART.a30, ART.a33],
    appliesWhen: ['申请人在补正期限内提交补正材料时。'],
    letterMustSay: ['在案件中记录收到补正的日期（答复期限自该日起算20个工作日）'],
    commonMistakes: [
      '仍按原收到申请之日计算答复期限：补正后原期限作废。',
      '补正前批准的延期随原期限一并作废，需要时应重新审批。',
    ],
    reportRow: null,
    letters: [],
  },
  consult_third_party: {
    title: '征求第三方意见',
    articles: [ART.a32, ART.a15, ART.a33],
    appliesWhen: ['公开可能损害第三方商业秘密、个人隐私等合法权益时。'],
    letterMustSay: [
      '涉及第三方的具体信息内容',
      '自收到意见书之日起15个工作日内书面提出意见',
      '逾期未提出意见的，由本机关依照条例规定决定是否公开',
      '不同意公开应说明理由',
    ],
    commonMistakes: [
      '在意见书中写出申请人的姓名、联系方式等个人信息。',
      '征求意见期间未暂停答复期限，或意见收到后未恢复计时。',
      '把第三方不同意当作当然不公开：须判断其理由是否合理以及公共利益。',
    ],
    reportRow: null,
    letters: ['consultation_third_party'],
  },
  consult_other_agency: {
    title: '征求其他机关意见',
    articles: [ART.a34, ART.a33],
    appliesWhen: ['申请公开的信息由两个以上行政机关共同制作，本机关牵头制作时。'],
    letterMustSay: [
      '申请公开的具体信息内容',
      '自收到征求意见书之日起15个工作日内提出意见',
      '逾期未提出意见的视为同意公开',
    ],
    commonMistakes: [
      '对不属于共同制作的信息征求其他机关意见以拖延期限。',
      '被征求意见机关逾期未复，仍无限期等待：逾期视为同意公开。',
    ],
    reportRow: null,
    letters: ['consultation_other_agency'],
  },
  end_consultation: {
    title: '意见征询结束',
    articles: [ART.a33, ART.a32, ART.a34],
    appliesWhen: ['收到第三方或其他机关意见，或15个工作日期满未收到意见时。'],
    letterMustSay: ['在案件中记录收到意见或期满的日期及意见内容'],
    commonMistakes: ['未及时登记结束日期，导致答复期限被不当延长。'],
    reportRow: null,
    letters: [],
  },
  notify_third_party: {
    title: '书面告知第三方（决定公开）',
    articles: [ART.a32, ART.a15],
    appliesWhen: [
      '第三方不同意公开，但本机关认为不公开可能对公共利益造成重大影响、决定予以公开时；须在答复申请人之前发出。',
    ],
    letterMustSay: ['决定公开的政府信息内容', '决定公开的理由（公共利益所在）', '第三方的救济途径'],
    commonMistakes: [
      '只答复申请人而未书面告知第三方。',
      '告知书只写“决定公开”而未写明公开的内容和理由。',
    ],
    reportRow: null,
    letters: ['third_party_notice'],
  },
  extend: {
    title: '延长答复期限',
    articles: [ART.a33, ART.a35],
    appliesWhen: ['确需延长答复期限，且尚在答复期限内时。'],
    letterMustSay: [
      '延长的理由',
      '延长的工作日数（累计不超过20个工作日）',
      '新的答复期限',
      '经政府信息公开工作机构负责人同意',
    ],
    commonMistakes: [
      '未经政府信息公开工作机构负责人同意，或未记录审批人。',
      '答复期限届满后才决定延期。',
      '多次延期累计超过20个工作日。',
      '批准后未告知申请人。',
    ],
    reportRow: null,
    letters: ['extension'],
  },
  send_fee_notice: {
    title: '发出收费通知',
    articles: [ART.a42, ART.fee3, ART.fee4, ART.feePay],
    appliesWhen: [
      '申请人本自然月内向本机关申请超过10件（按件），或所需信息超过30页（按量）时；在答复期限内发出。',
    ],
    letterMustSay: [
      '收费依据（国办函〔2020〕109号）',
      '收费标准（按件或按量，只选一种）',
      '收费数额及计算过程',
      '缴纳方式',
      '缴费期限：收到收费通知次日起20个工作日',
      '逾期未缴纳的，视为放弃申请',
    ],
    commonMistakes: [
      '对同一申请同时按件、按量两种标准计费。',
      '未按超额累进计算，把最高档单价适用于全部件数或页数。',
      '拆分计件未记录“一事一申请”的理由。',
    ],
    reportRow: '六、其他需要报告的事项：信息处理费（发出收费通知的件数、通知总金额）',
    letters: ['fee_notice'],
  },
  record_payment: {
    title: '登记缴费',
    articles: [ART.feePay],
    appliesWhen: ['申请人在缴费期限内缴纳信息处理费时。'],
    letterMustSay: ['记录缴费日期和金额；出具财政票据'],
    commonMistakes: ['收入未全额缴入国库或未出具财政票据。'],
    reportRow: '六、其他需要报告的事项：信息处理费（实际收取的总金额）',
    letters: [],
  },
  conclude: {
    title: '作出答复',
    articles: [ART.a36, ART.a37, ART.a51],
    appliesWhen: ['在答复期限内，根据审查结果选择一个办理结果。'],
    letterMustSay: [
      '按所选办理结果的要求写明答复内容和法律依据',
      '不予公开、无法提供、不予处理的，说明理由',
      '救济途径：六十日内申请行政复议，六个月内提起行政诉讼',
    ],
    commonMistakes: [
      '区分处理的申请只计“部分公开”，不再同时计入其他情形。',
      '一件申请只选一个办理结果。',
      '答复书遗漏救济途径或写错复议机关、法院。',
    ],
    reportRow: '三、本年度办理结果（按所选办理结果计入对应行）',
    letters: [],
  },
  withdraw: {
    title: '申请人撤回',
    articles: [ART.a36],
    appliesWhen: ['申请人在答复前书面或者经记录的口头方式撤回申请时。'],
    letterMustSay: ['申请人撤回申请的日期和方式', '本机关终止办理该申请'],
    commonMistakes: [
      '未保留撤回的书面记录。',
      '把撤回的申请计入其他行：撤回一律计入（六）3.其他。',
    ],
    reportRow: OUTCOMES.other.row,
    letters: ['reply_other_withdrawn'],
  },
};
