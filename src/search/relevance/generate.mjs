// Generates the search relevance set (issue 6): corpus.jsonl (realistic catalogue items of a
// development zone and three of its departments) and queries.json (queries with the refs they
// must find in the top 10). Deterministic: `node src/search/relevance/generate.mjs` rewrites
// both files identically. Expected refs are derived by rule, never by running the search:
// every public item whose title contains the query (each word of a multi-word query), or the
// one item with the 文号/索引号/attachment phrase asked for.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));

let seed = 20221128;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (arr) => arr[Math.floor(rand() * arr.length)];

export const ORGS = [
  {
    code: 'wzgx',
    name: '温州高新区管委会',
    parent: null,
    prefix: '温高管',
    uscc: '11330300MB1A2B3C4D',
  },
  {
    code: 'wzgx-czj',
    name: '温州高新区财政局',
    parent: 'wzgx',
    prefix: '温高财',
    uscc: '11330300MB1A2B3C5E',
  },
  {
    code: 'wzgx-rsj',
    name: '温州高新区人力资源和社会保障局',
    parent: 'wzgx',
    prefix: '温高人社',
    uscc: '11330300MB1A2B3C6F',
  },
  {
    code: 'wzgx-jsj',
    name: '温州高新区建设局',
    parent: 'wzgx',
    prefix: '温高建',
    uscc: '11330300MB1A2B3C7G',
  },
];

// Topic, owning org index.
const TOPICS = [
  ['城乡居民基本医疗保险参保缴费', 2],
  ['住房公积金缴存基数调整', 2],
  ['企业稳岗返还', 2],
  ['高校毕业生就业补贴', 2],
  ['老旧小区改造', 3],
  ['生活垃圾分类', 3],
  ['农村饮用水安全', 3],
  ['电动自行车充电设施建设', 3],
  ['安全生产大检查', 0],
  ['森林防火', 0],
  ['防汛防台', 0],
  ['学前教育资助', 0],
  ['义务教育招生', 0],
  ['残疾人两项补贴', 2],
  ['最低生活保障标准', 2],
  ['临时救助', 2],
  ['特困人员供养', 2],
  ['退役军人优待', 0],
  ['养老服务补贴', 2],
  ['产业扶持资金', 1],
  ['科技型中小企业认定', 0],
  ['高新技术企业培育', 0],
  ['人才安居', 2],
  ['知识产权资助', 0],
  ['招商引资奖励', 0],
  ['政府投资项目管理', 1],
  ['重大建设项目批准', 3],
  ['土地征收成片开发', 3],
  ['国有土地上房屋征收补偿', 3],
  ['建筑工地扬尘治理', 3],
  ['河道保洁', 3],
  ['蓝藻水华防控', 3],
  ['白蚁防治', 3],
  ['犬类管理', 0],
  ['燃气安全整治', 3],
  ['消防安全', 0],
  ['食品安全抽检', 0],
  ['药品零售监管', 0],
  ['价格监测', 1],
  ['农产品质量安全', 0],
  ['耕地保护', 3],
  ['高标准农田建设', 3],
  ['农业机械购置补贴', 1],
  ['政府采购意向', 1],
  ['财政预算', 1],
  ['财政决算', 1],
  ['三公经费', 1],
  ['部门预算', 1],
  ['政府债务限额', 1],
  ['政府信息公开工作年度报告', 0],
  ['政务公开工作要点', 0],
  ['依申请公开办理', 0],
  ['行政复议案件', 0],
  ['行政执法公示', 0],
  ['双随机一公开抽查', 0],
  ['营商环境优化', 0],
  ['一网通办', 0],
  ['信用修复', 1],
  ['统计公报', 0],
  ['国民经济和社会发展计划', 0],
  ['审计整改', 1],
  ['公共资源交易', 1],
  ['水电气价格', 1],
  ['公交线路调整', 3],
  ['停车收费', 3],
  ['道路交通管制', 3],
  ['共享单车管理', 3],
  ['数字经济', 0],
  ['专精特新', 0],
  ['外贸稳增长', 0],
  ['跨境电商', 0],
  ['职业技能培训', 2],
  ['创业担保贷款', 2],
  ['农民工工资支付', 2],
  ['劳动保障监察', 2],
  ['工伤认定', 2],
  ['社保补贴', 2],
  ['公积金贷款', 2],
  ['契税补贴', 1],
  ['人才引进', 2],
  ['博士后工作站', 2],
  ['院士工作站', 0],
  ['新能源汽车推广', 0],
  ['节能降耗', 0],
  ['碳达峰行动', 0],
  ['污水零直排', 3],
  ['垃圾焚烧发电', 3],
  ['地质灾害防治', 3],
  ['应急物资储备', 0],
  ['突发公共卫生事件应急预案', 0],
  ['爱国卫生运动', 0],
  ['健康村镇', 0],
  ['文明城市创建', 0],
  ['志愿服务', 0],
  ['全民健身', 0],
  ['文物保护', 0],
  ['非遗传承', 0],
  ['图书馆免费开放', 0],
  ['社区矫正', 0],
  ['法律援助', 0],
  ['人民调解', 0],
  ['信访事项办理', 0],
];

const GENRES = [
  (t, _y) => [`关于印发《温州高新区${t}管理办法》的通知`, 'normative'],
  (t, y) => [`温州高新区${y}年${t}实施方案`, 'other'],
  (t, y) => [`关于${y}年度${t}情况的公示`, 'other'],
  (t, y) => [`关于做好${y}年${t}工作的通知`, 'normative'],
  (t, y) => [`${y}年${t}工作总结`, 'other'],
  (t, _y) => [`关于进一步加强${t}的实施意见`, 'normative'],
  (t, _y) => [`《温州高新区${t}管理办法》政策解读`, 'other'],
];

const FILLER = [
  '为深入贯彻落实党中央、国务院决策部署，进一步提升服务水平，结合本区实际，制定本方案。',
  '各街道、各部门要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。',
  '本通知自发布之日起施行，由温州高新区管委会负责解释。',
  '请各单位于每月底前将工作进展情况报送牵头部门，联系人：王某某，联系电话：0577-88880000。',
  '对工作推进不力、造成不良影响的，依照有关规定严肃追究责任。',
  '申请人应当如实提交申请材料，并对材料的真实性负责。',
  '经研究，现将有关事项通知如下。',
];

const items = [];
const serials = new Map();
function nextSerial(orgIdx, year) {
  const k = `${orgIdx}:${year}`;
  const n = (serials.get(k) ?? 0) + 1;
  serials.set(k, n);
  return n;
}
let indexSerial = 0;
function addItem(orgIdx, year, title, docType, extra = {}) {
  const org = ORGS[orgIdx];
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const published_on = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const withNumber = docType === 'normative' || rand() < 0.5;
  indexSerial++;
  const item = {
    ref: `rel-${String(items.length + 1).padStart(4, '0')}`,
    org: org.code,
    title,
    doc_number: withNumber ? `${org.prefix}〔${year}〕${nextSerial(orgIdx, year)}号` : null,
    index_no: `${org.uscc}/${year}-${String(indexSerial).padStart(5, '0')}`,
    summary: null,
    body: null,
    attachment_text: null,
    doc_type: docType,
    validity:
      docType === 'normative' ? pick(['valid', 'valid', 'valid', 'invalid', 'abolished']) : null,
    published_on,
    ...extra,
  };
  items.push(item);
  return item;
}

for (const [topic, orgIdx] of TOPICS) {
  const genres = [...GENRES].sort(() => rand() - 0.5).slice(0, 5);
  for (const g of genres) {
    const year = 2019 + Math.floor(rand() * 6);
    const [title, docType] = g(topic, year);
    const other = pick(TOPICS)[0];
    const item = addItem(orgIdx, year, title, docType);
    item.summary = `${ORGS[orgIdx].name}就${topic}有关事项作出安排。`;
    item.body = `${pick(FILLER)}${topic}是一项重要的民生工作。${pick(FILLER)}同时统筹做好${other}相关工作。${pick(FILLER)}`;
  }
}

// Items only their attachment text can find.
const ATTACHED = [
  ['娄桥街道安置房项目', '2023年城市更新项目清单'],
  ['仙岩镇污水管网提标', '2022年基础设施建设计划表'],
  ['潘桥街道农贸市场改造', '民生实事项目进度表'],
  ['丽岙街道侨乡文化公园', '年度重点项目安排表'],
  ['茶山街道大学城配套道路', '交通建设项目汇总表'],
  ['三垟湿地生态修复', '生态环境项目清单'],
  ['梧田街道社区卫生服务中心', '卫生健康项目汇总表'],
  ['南白象街道智慧停车场', '停车设施建设清单'],
  ['一般公共预算收入完成情况表', '2022年财政预算执行情况报告'],
  ['政府性基金预算支出明细表', '2023年财政决算报告'],
];
const attachmentRefs = [];
for (const [phrase, title] of ATTACHED) {
  const year = title.startsWith('20') ? Number(title.slice(0, 4)) : 2023;
  const item = addItem(1, year, `温州高新区${title}`, 'other');
  item.summary = '详见附件。';
  item.attachment_text = `序号 项目名称 责任单位 完成时限\n1 ${phrase} 区建设局 ${year}年12月\n2 其他配套工程 属地街道 ${year}年10月`;
  attachmentRefs.push([phrase, item.ref]);
}

// Items that must never be found: withdrawn, 依申请公开 and 不予公开 versions of real titles.
const hidden = [
  addItem(0, 2022, '关于做好2022年社保补贴发放工作的通知（已撤回）', 'normative', {
    status: 'withdrawn',
  }),
  addItem(2, 2022, '社保补贴资金内部审核意见', 'other', { attribute: 'withheld' }),
  addItem(2, 2023, '人才引进对象个人档案材料清单', 'other', { attribute: 'on_request' }),
  addItem(3, 2023, '生活垃圾分类考核内部评分表', 'other', { status: 'draft' }),
];
const hiddenRefs = hidden.map((h) => h.ref);

const isPublic = (i) =>
  (i.status ?? 'published') === 'published' && (i.attribute ?? 'active') === 'active';
const publicItems = items.filter(isPublic);
const norm = (s) => s.normalize('NFKC').toLowerCase();
const yearOf = (i) => i.published_on.slice(0, 4);
const orgTree = (code, children) =>
  children ? ORGS.filter((o) => o.code === code || o.parent === code).map((o) => o.code) : [code];

/** Every public item whose title contains each word of q, within the filters. */
function titleMatches(q, filters = {}) {
  const words = norm(q).split(/\s+/).filter(Boolean);
  return publicItems
    .filter((i) => words.every((w) => norm(i.title).includes(w)))
    .filter((i) => !filters.org || orgTree(filters.org, filters.children).includes(i.org))
    .filter((i) => !filters.year || yearOf(i) === filters.year)
    .filter((i) => !filters.doc_type || i.doc_type === filters.doc_type)
    .filter((i) => !filters.validity || i.validity === filters.validity)
    .map((i) => i.ref);
}

const queries = [];
function add(kind, q, expected, filters, exclude) {
  if (expected.length < 1 || expected.length > 6)
    throw new Error(`query ${q} (${kind}) expects ${expected.length} items; choose another`);
  queries.push({
    id: `q${String(queries.length + 1).padStart(3, '0')}`,
    kind,
    q,
    ...(filters ? { filters } : {}),
    expected,
    ...(exclude ? { exclude } : {}),
  });
}

for (const q of [
  '蓝藻',
  '白蚁',
  '犬类',
  '燃气',
  '契税',
  '院士',
  '非遗',
  '信访',
  '扬尘',
  '防汛',
  '碳达',
  '跨境',
  '工伤',
  '矫正',
])
  add('2-char', q, titleMatches(q));
for (const q of [
  '生活垃圾',
  '森林防火',
  '临时救助',
  '人才安居',
  '河道保洁',
  '价格监测',
  '耕地保护',
  '审计整改',
  '停车收费',
  '全民健身',
  '文物保护',
  '法律援助',
  '统计公报',
  '信用修复',
])
  add('4-char', q, titleMatches(q));
add('4-char', '社保补贴', titleMatches('社保补贴'), undefined, hiddenRefs.slice(0, 2));
add('4-char', '人才引进', titleMatches('人才引进'), undefined, [hiddenRefs[2]]);

const multi = [];
for (const item of publicItems.filter(
  (i) => /^\d{4}年/.test(i.title) || /关于\d{4}年/.test(i.title),
)) {
  const topic = TOPICS.find(([t]) => item.title.includes(t))?.[0];
  if (topic && topic.length >= 4 && multi.length < 10 && !multi.some((m) => m.includes(topic)))
    multi.push(`${yearOf(item)}年 ${topic}`);
}
for (const q of multi) add('multi-word', q, titleMatches(q));
add('multi-word', '工作总结 防台', titleMatches('工作总结 防台'));

const BRACKETS = [
  ['〔', '〕'],
  ['[', ']'],
  ['【', '】'],
  ['(', ')'],
  ['（', '）'],
  ['［', '］'],
];
const numbered = publicItems.filter((i) => i.doc_number);
for (let k = 0; k < 14; k++) {
  const item = numbered[(k * 29 + 3) % numbered.length];
  const [o, c] = BRACKETS[k % BRACKETS.length];
  let q = item.doc_number.replace('〔', o).replace('〕', c);
  if (k % 5 === 4) q = q.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  if (k % 4 === 3) q = q.replace(o, ` ${o}`);
  add('doc-number', q, [item.ref]);
}
for (let k = 0; k < 8; k++) {
  const item = publicItems[(k * 61 + 11) % publicItems.length];
  add('index-no', k % 3 === 2 ? item.index_no.toLowerCase() : item.index_no, [item.ref]);
}
for (const [phrase, ref] of attachmentRefs) add('attachment', phrase.slice(0, 8), [ref]);

const filtered = [
  ['财政预算', { year: '2022' }],
  ['社保补贴', { org: 'wzgx-rsj' }],
  ['管理办法', { org: 'wzgx-jsj', doc_type: 'normative', year: '2021' }],
  ['实施方案', { org: 'wzgx-czj', year: '2020' }],
  ['工作总结', { org: 'wzgx', year: '2023' }],
  ['公示', { org: 'wzgx-rsj', year: '2024' }],
  ['实施意见', { validity: 'abolished' }],
  ['政策解读', { org: 'wzgx-jsj', year: '2019' }],
  ['通知', { org: 'wzgx', children: true, year: '2019', validity: 'invalid' }],
];
for (const [q, f] of filtered) {
  const exp = titleMatches(q, f);
  if (exp.length >= 1 && exp.length <= 6) add('filtered', q, exp, f);
}

fs.writeFileSync(
  path.join(dir, 'corpus.jsonl'),
  `${items.map((i) => JSON.stringify(i)).join('\n')}\n`,
);
fs.writeFileSync(
  path.join(dir, 'queries.json'),
  `${JSON.stringify({ orgs: ORGS, queries }, null, 1)}\n`,
);
console.log(`${items.length} items, ${queries.length} queries`);
