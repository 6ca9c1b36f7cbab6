import { CONTACT, OPENING } from './letters.defaults.common.js';
import type { ActionLetterKind } from './letters.model.js';
import type { LetterTemplate } from './letters.templates.js';

/** Default templates of the letters sent while a case is handled. */
export const ACTION_TEMPLATES: Readonly<Record<ActionLetterKind, LetterTemplate>> = {
  /** 受理回执: receipt date (条例第三十一条) and the reply deadline (条例第三十三条). */
  acknowledgement: {
    title: '政府信息公开申请受理回执',
    body: [
      '本机关于{{received_on}}收到您提出的政府信息公开申请，申请获取“{{description}}”。本机关已予登记，受理编号为{{ref}}。',
      '根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复，答复期限为{{reply_due_on}}。需要延长答复期限的，经政府信息公开工作机构负责人同意，本机关将告知您，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间不计算在上述期限内。',
      '您可以凭受理编号和查询码查询办理进度。',
      CONTACT,
      '特此告知。',
    ].join('\n'),
  },
  /** 补正告知书: 一次性告知, 需要补正的事项, 合理的补正期限 (条例第三十条). */
  correction_request: {
    title: '政府信息公开申请补正告知书',
    body: [
      OPENING,
      '经审查，您的申请内容不明确，本机关无法确定您所需的政府信息。需要补正的事项如下：{{correction.points}}',
      '根据《中华人民共和国政府信息公开条例》第三十条的规定，请您在{{correction_due_on}}之前（含当日）对上述事项一次性作出补正，写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述，并注明受理编号。',
      '答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '{{?org.contact.phone}}如需本机关给予指导和释明，请联系：{{org.contact.phone}}。',
      '特此告知。',
    ].join('\n'),
  },
  /** 征求第三方意见书 (条例第三十二条): 15 working days; silence is decided under the 条例. */
  consultation_third_party: {
    title: '政府信息公开征求第三方意见书',
    body: [
      '本机关收到一件政府信息公开申请（受理编号：{{ref}}），申请公开的政府信息涉及你方，具体为：{{consultation.content}}',
      '该信息公开后可能损害你方的商业秘密、个人隐私等合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见。',
      '请你方自收到本意见书之日起15个工作日内，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请说明理由。',
      '你方逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。你方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你方。',
      '{{?org.contact.address}}意见请寄送或者送达：{{org.contact.address}}。',
      CONTACT,
      '特此函告。',
    ].join('\n'),
  },
  /** 征求其他机关意见函 (条例第三十四条): 15 working days, silence = 同意公开. */
  consultation_other_agency: {
    title: '关于征求政府信息公开意见的函',
    body: [
      '本机关收到一件政府信息公开申请（受理编号：{{ref}}），申请公开的政府信息由本机关与贵机关共同制作，具体为：{{consultation.content}}',
      '根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。请贵机关自收到本函之日起15个工作日内书面提出是否同意公开的意见；逾期未提出意见的，视为同意公开。',
      '{{?org.contact.phone}}联系电话：{{org.contact.phone}}。',
      '特此函达。',
    ].join('\n'),
  },
  /** 第三方告知书 (条例第三十二条): 书面告知第三方决定公开的内容和理由. */
  third_party_notice: {
    title: '政府信息公开第三方告知书',
    body: [
      '本机关收到一件政府信息公开申请（受理编号：{{ref}}），申请公开的政府信息涉及你方合法权益，本机关已依法征求你方意见。',
      '经审查，本机关认为不公开该信息可能对公共利益造成重大影响。根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定，本机关决定予以公开。现将有关事项书面告知如下：',
      '一、决定公开的政府信息内容：{{disclosure.content}}',
      '二、决定公开的理由：{{disclosure.reason}}',
      CONTACT,
      '特此告知。',
      '附：救济途径',
      '对本决定不服，可以自收到本告知书之日起六十日内向{{review_body}}申请行政复议，或者自收到本告知书之日起六个月内向{{court}}提起行政诉讼。',
    ].join('\n'),
  },
  /** 延期答复告知书 (条例第三十三条第二款): approved by the head of the 工作机构; new deadline. */
  extension: {
    title: '政府信息公开申请延期答复告知书',
    body: [
      OPENING,
      '因{{extension.reason}}，本机关不能在收到申请之日起20个工作日内作出答复。',
      '根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{extension.working_days}}个工作日。本机关将不迟于{{reply_due_on}}作出答复。',
      CONTACT,
      '特此告知。',
    ].join('\n'),
  },
  /** 收费通知书 (国办函〔2020〕109号): 依据、标准、数额、缴纳方式、期限, 逾期视为放弃申请. */
  fee_notice: {
    title: '政府信息公开信息处理费收费通知书',
    body: [
      OPENING,
      '根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，您的申请需缴纳信息处理费。现将有关事项通知如下：',
      '一、收费依据：{{legal_basis}}。',
      '二、收费标准：{{fee.standard}}。',
      '三、收费数额：{{fee.calculation}}。本次应缴纳信息处理费{{fee.amount}}元。',
      '四、缴纳方式：{{fee.payment_method}}',
      '五、缴费期限：请您自收到本通知次日起20个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '信息处理费全额缴入国库，本机关收费时出具财政票据。',
      CONTACT,
      '特此通知。',
    ].join('\n'),
  },
};
