import type { LetterContext } from './letters.context.js';

/** A letter context with every optional part filled (test builder). */
export function aFullLetterContext(overrides: Partial<LetterContext> = {}): LetterContext {
  return {
    ref: 'K7M2Q9',
    today: '2026-11-28',
    org: {
      name: '温州市瓯海区人民政府办公室',
      letter_prefix: '瓯政办信公',
      contact: {
        office: '区政府办公室政务公开科',
        address: '温州市瓯海区娄桥街道古岸头路1号',
        hours: '工作日 8:30-17:30',
        phone: '0577-88888888',
        fax: '0577-88888889',
        email: 'gk@example.gov.cn',
        postcode: '325000',
      },
    },
    remedy: { review_body: '温州市瓯海区人民政府', court: '温州市鹿城区人民法院' },
    applicant: {
      name: '张三',
      address: '温州市瓯海区某路1号',
      phone: '13800000000',
      email: 'zhangsan@example.com',
      postcode: '325000',
    },
    submitted_on: '2026-11-02',
    received_on: '2026-11-03',
    channel: 'online',
    description: '2025年度某某街道老旧小区改造项目的立项批复文件',
    delivery: 'email',
    reply_due_on: '2026-12-01',
    legal_basis: null,
    reason: '该信息系本机关内部讨论记录。',
    correction: { due_on: '2026-11-20', points: '请明确所需文件的名称或者文号。' },
    extension: { working_days: 10, reason: '申请公开的政府信息数量较多，需要逐件检索审核' },
    consultation: { party_name: '温州某某建设有限公司', content: '项目施工合同中的结算价格条款' },
    disclosure: {
      third_party_name: '温州某某建设有限公司',
      content: '项目施工合同中的结算价格条款',
      reason: '该项目使用财政资金，结算价格涉及公共利益，不公开可能对公共利益造成重大影响。',
    },
    fee: {
      amount_yuan: 100,
      basis: 'per_application',
      count_in_month: 12,
      pages: null,
      payment_method: '通过浙江政务服务网统一公共支付平台缴纳，或者到本机关现场缴纳。',
      due_on: '2026-12-28',
    },
    reply: {
      access_method:
        '该信息已在瓯海区人民政府门户网站“政府信息公开”栏目公开，网址：https://www.ouhai.gov.cn/。',
      provided: '该政府信息以电子邮件形式发送至您提供的邮箱，共3页。',
      withheld: '文件第3页所载个人身份证号码、联系电话属于个人隐私，依据条例第十五条不予公开。',
      responsible_agency: '温州市自然资源和规划局瓯海分局',
      responsible_agency_contact: '0577-86666666',
      complaint_channel: '温州市瓯海区信访局，地址：温州市瓯海区某路2号。',
      publication_source: '《温州市人民政府公报》2026年第5期，可在各级公共图书馆查阅。',
      previous_reply: '本机关已于2026年10月12日作出答复（受理编号：H3P8W2）。',
      query_channel: '请持有效身份证明到温州市不动产登记中心依法查询。',
    },
    ...overrides,
  };
}
