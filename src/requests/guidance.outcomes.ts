import { ART, type ArticleRef } from './guidance.articles.js';
import type { Guidance } from './guidance.model.js';
import { replyKindsFor } from './letters.model.js';
import { OUTCOMES, type OutcomeCode } from './requests.model.js';

const REMEDY = '救济途径（复议机关、人民法院名称正确）';
const REASON = '不予公开的具体理由，而不只是引用条文';
const PARTIAL_ONLY = '同一申请中部分内容不予公开的，应作区分处理并只计“部分公开”，不计入本行。';

function g(
  outcome: OutcomeCode,
  title: string,
  articles: ArticleRef[],
  appliesWhen: string[],
  letterMustSay: string[],
  commonMistakes: string[],
): Guidance {
  return {
    title,
    articles,
    appliesWhen,
    letterMustSay: [...letterMustSay, REMEDY],
    commonMistakes,
    reportRow: OUTCOMES[outcome].row,
    letters: replyKindsFor(outcome),
  };
}

const withheld = (
  outcome: OutcomeCode,
  title: string,
  article: ArticleRef,
  when: string,
  extra: string[] = [],
): Guidance =>
  g(
    outcome,
    title,
    [article, ART.a36],
    [when],
    ['不予公开的决定及所依据的条款', REASON],
    [PARTIAL_ONLY, ...extra],
  );

/** Guidance per outcome code, in the order of table 三 (REGULATIONS.md §4.4, EXCHANGE.md §1.3). */
export const OUTCOME_GUIDANCE: Readonly<Record<OutcomeCode, Guidance>> = {
  open: g(
    'open',
    '予以公开',
    [ART.a36, ART.a40],
    ['所申请信息已经主动公开（第三十六条第（一）项），或者可以公开（第（二）项）。'],
    [
      '已主动公开的：获取该信息的方式和途径（网址、栏目、文号）',
      '可以公开的：提供的信息及提供方式，或者获取的方式、途径和时间',
    ],
    [
      '已主动公开的只给首页网址，申请人找不到具体信息。',
      '未按申请人要求的形式提供，又未说明载体安全或成本过高的理由。',
    ],
  ),
  partial: g(
    'partial',
    '部分公开（区分处理）',
    [ART.a37, ART.a36],
    ['申请信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。'],
    ['可以公开的内容及提供方式', '不予公开的内容及各自的理由和依据'],
    [
      '区分处理的，只计“部分公开”，不再同时计入不予公开等其他情形。',
      '遮盖后未检查个人信息是否已全部去除。',
    ],
  ),
  withheld_state_secret: withheld(
    'withheld_state_secret',
    '不予公开：属于国家秘密',
    ART.a14,
    '信息已依法确定为国家秘密。',
    ['未核实定密依据即以“涉密”为由拒绝。'],
  ),
  withheld_prohibited_by_law: withheld(
    'withheld_prohibited_by_law',
    '不予公开：其他法律行政法规禁止公开',
    ART.a14,
    '法律、行政法规明确禁止公开该信息。',
    ['引用部门规章或内部文件作为“禁止公开”的依据：须为法律、行政法规。'],
  ),
  withheld_security_stability: withheld(
    'withheld_security_stability',
    '不予公开：危及“三安全一稳定”',
    ART.a14,
    '公开后可能危及国家安全、公共安全、经济安全、社会稳定。',
    ['只写“可能影响社会稳定”而不说明具体危害。'],
  ),
  withheld_third_party: withheld(
    'withheld_third_party',
    '不予公开：保护第三方合法权益',
    ART.a15,
    '涉及商业秘密、个人隐私等，公开会损害第三方合法权益，且第三方不同意公开、不公开不会对公共利益造成重大影响。',
    ['未征求第三方意见即认定损害。', '能遮盖个人信息后提供的，应作区分处理（部分公开）。'],
  ),
  withheld_internal_affairs: withheld(
    'withheld_internal_affairs',
    '不予公开：属于三类内部事务信息',
    ART.a16,
    '属于人事管理、后勤管理、内部工作流程等内部事务信息，且无法律、法规、规章规定应当公开。',
    ['对外产生效力的信息以“内部信息”为由拒绝。'],
  ),
  withheld_process_info: withheld(
    'withheld_process_info',
    '不予公开：属于四类过程性信息',
    ART.a16,
    '属于讨论记录、过程稿、磋商信函、请示报告等过程性信息。',
    ['已作出最终决定、成为决定依据的信息仍以过程性信息为由拒绝。'],
  ),
  withheld_enforcement_file: withheld(
    'withheld_enforcement_file',
    '不予公开：属于行政执法案卷',
    ART.a16,
    '属于行政执法案卷信息，且无规定应当公开。',
    ['行政处罚决定书等依法应当公开的文书以案卷为由拒绝。'],
  ),
  withheld_query_matter: g(
    'withheld_query_matter',
    '行政查询事项',
    [ART.a36],
    [
      '申请获取工商、不动产登记资料等，有关法律、行政法规对获取有特别规定（第三十六条第（七）项）。',
    ],
    ['告知依照有关法律、行政法规的规定办理', '具体的查询机构、途径'],
    ['作为一般不予公开处理而不告知查询途径。'],
  ),
  unable_not_held: g(
    'unable_not_held',
    '无法提供：本机关不掌握相关政府信息',
    [ART.a36],
    [
      '经检索没有所申请的信息（第三十六条第（四）项），或者信息不属于本机关负责公开（第（五）项）。',
    ],
    [
      '信息不存在的：告知该政府信息不存在（宜写明检索范围和方法）',
      '非本机关负责公开的：说明理由；能确定负责机关的，写明其名称、联系方式',
    ],
    ['未实际检索即答复不存在。', '知道负责机关却不告知其名称和联系方式。'],
  ),
  unable_needs_creation: g(
    'unable_needs_creation',
    '无法提供：没有现成信息需要另行制作',
    [ART.a38],
    ['提供所需信息须对现有政府信息进行加工、分析。'],
    ['说明需要加工、分析的情况', '本机关不予提供的决定'],
    ['现有信息能区分处理的，应提供可以公开的部分。', '简单的汇总、复制被当作“加工、分析”。'],
  ),
  unable_unclear_after_correction: g(
    'unable_unclear_after_correction',
    '无法提供：补正后申请内容仍不明确',
    [ART.a30],
    ['已依法一次性告知补正，申请人补正后仍无法确定所需信息。'],
    ['已告知补正的情况', '补正后仍不明确之处', '可以重新提出申请'],
    ['未告知补正即按此项答复。', '再次要求补正（补正只能一次）。'],
  ),
  rejected_complaint: g(
    'rejected_complaint',
    '不予处理：信访举报投诉类申请',
    [ART.a39],
    ['申请实质是信访、投诉、举报，而非获取政府信息。'],
    ['不作为政府信息公开申请处理', '告知通过信访、投诉、举报等相应渠道提出'],
    ['申请中同时要求获取具体政府信息的部分未予处理。'],
  ),
  rejected_duplicate: g(
    'rejected_duplicate',
    '不予处理：重复申请',
    [ART.a36],
    ['申请人重复申请公开相同的政府信息，本机关已作出答复（第三十六条第（六）项）。'],
    ['此前答复的日期和受理编号', '不予重复处理'],
    ['前次申请未实际答复或情况已变化，仍按重复申请处理。'],
  ),
  rejected_publication: g(
    'rejected_publication',
    '不予处理：要求提供公开出版物',
    [ART.a39],
    ['要求提供政府公报、报刊、书籍等公开出版物。'],
    ['告知获取该出版物的途径（名称、期号、可查阅或购买的地点）'],
    ['只写“请自行查阅”而不告知途径。'],
  ),
  rejected_excessive: g(
    'rejected_excessive',
    '不予处理：无正当理由大量反复申请',
    [ART.a35],
    ['数量、频次明显超过合理范围，已要求说明理由，且理由不合理。'],
    ['已要求申请人说明理由的情况', '认为理由不合理的原因', '不予处理的决定'],
    [
      '未先要求申请人说明理由即不予处理。',
      '理由合理但无法按期答复的，应确定延迟答复的合理期限，而非不予处理。',
    ],
  ),
  rejected_confirmation: g(
    'rejected_confirmation',
    '不予处理：要求行政机关确认或重新出具已获取信息',
    [{ ...ART.a36, summary: '条例无专门条款；答复应说明申请不属于获取已制作或获取的政府信息。' }],
    ['申请人要求对已获取的信息进行确认、盖章或者重新出具。'],
    ['说明该申请不属于政府信息公开申请的理由', '不予处理的决定'],
    ['把要求提供新的政府信息的申请误作确认类申请。'],
  ),
  other_correction_overdue: g(
    'other_correction_overdue',
    '其他处理：逾期不补正',
    [ART.a30],
    ['已告知补正，补正期限届满，申请人无正当理由未补正。'],
    ['补正告知的日期和补正期限', '视为放弃申请，不再处理'],
    ['补正期限届满前即结案。', '申请人有正当理由（如不可抗力）仍按放弃处理。'],
  ),
  other_fee_unpaid: g(
    'other_fee_unpaid',
    '其他处理：逾期未缴纳信息处理费',
    [ART.feePay, ART.fee3],
    ['已发出收费通知，收到通知次日起20个工作日内未缴费。'],
    ['收费通知的日期', '视为放弃申请，不再处理'],
    ['缴费期限从通知发出当日起算：应从收到通知次日起算。'],
  ),
  other: g(
    'other',
    '其他处理',
    [ART.a36],
    ['申请人撤回申请，或者不属于以上任何情形。'],
    ['处理情况及理由'],
    ['能归入以上具体情形的仍选“其他”，使年报失真。'],
  ),
};
