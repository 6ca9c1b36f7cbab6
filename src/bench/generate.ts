import { addWorkingDays, type HolidayCalendar } from '../calendar/calendar.model.js';
import { defaultColumns } from '../catalogue/columns.model.js';
import type { OrgKind } from '../orgs/orgs.model.js';
import { feePerApplication } from '../requests/fees.model.js';
import {
  OUTCOMES,
  type ApplicantType,
  type ApplicationEvent,
  type Channel,
  type Delivery,
  type OutcomeCode,
} from '../requests/requests.model.js';
import { CODE_ALPHABET } from '../requests/applications.codes.js';

/**
 * Deterministic generators of the benchmark dataset (src/bench/dataset.ts): a fictitious city
 * (瓯江市) with 500 child bodies, their columns, published items with realistic titles, bodies,
 * 文号 and 索引号, applications with consistent event histories over every outcome code, and
 * appeals. Everything is drawn from seeded generators, so the same scale gives the same data
 * (ciphertexts aside: SM4 uses random IVs, as in the app).
 */

/** The "today" of the dataset: every date is on or before it. */
export const BENCH_TODAY = '2026-11-27';
export const BENCH_YEARS = [2022, 2023, 2024, 2025, 2026] as const;
/** The org-year holding half of all applications (issue 5's 100,000 at full scale). */
export const BIG_ORG_CODE = 'bench-001';
export const BIG_YEAR = 2025;
export const ROOT_ORG_CODE = 'bench-city';
export const CHILD_COUNT = 500;

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
export const int = (r: Rand, lo: number, hi: number): number =>
  lo + Math.floor(r() * (hi - lo + 1));
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// ---------------------------------------------------------------- orgs

const DEPARTMENTS = [
  '自然资源和规划局',
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '经济和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化广电旅游体育局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '综合行政执法局',
  '信访局',
  '大数据发展管理局',
  '机关事务管理局',
  '人民防空办公室',
  '林业局',
];
const PLACE_A = '东西南北中新龙凤安永乐泰和兴华平宁瑞丰清云江山河湖桥塘溪岙坑岭'.split('');
const PLACE_B = '田浦港湾头口洋垟阳屿岗桥圩埠坦垵川塘源溪湖岭'.split('');
const DISTRICTS = ['鹿城区', '龙湾区', '瓯海区', '洞头区', '乐清市', '瑞安市', '永嘉县', '平阳县'];

export interface BenchOrg {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  parentId: number | null;
  uscc: string;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A 统一社会信用代码 with a valid GB 32100 check character. */
export function uscc(r: Rand, head = '11'): string {
  let s = `${head}330300`;
  while (s.length < 17) s += USCC_CHARS[int(r, 0, 30)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(s[i] as string) * (USCC_W[i] as number);
  return s + USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** The city government (id 1) and its 500 children: departments, then 乡镇/街道 and zones. */
export function makeOrgs(): BenchOrg[] {
  const r = rng(1);
  const out: BenchOrg[] = [
    {
      id: 1,
      code: ROOT_ORG_CODE,
      name: '瓯江市人民政府',
      kind: 'government',
      parentId: null,
      uscc: uscc(r),
    },
  ];
  const names = new Set<string>();
  for (let i = 1; i <= CHILD_COUNT; i++) {
    let name: string;
    let kind: OrgKind;
    if (i <= DEPARTMENTS.length) {
      name = `瓯江市${DEPARTMENTS[i - 1]}`;
      kind = 'department';
    } else if (i % 25 === 0) {
      do name = `瓯江${pick(r, PLACE_A)}${pick(r, PLACE_B)}经济开发区管理委员会`;
      while (names.has(name));
      kind = 'zone';
    } else {
      const d = pick(r, DISTRICTS);
      const suffix = r() < 0.6 ? '镇人民政府' : '街道办事处';
      do name = `${d}${pick(r, PLACE_A)}${pick(r, PLACE_B)}${suffix}`;
      while (names.has(name));
      kind = 'township';
    }
    names.add(name);
    out.push({ id: i + 1, code: `bench-${pad(i, 3)}`, name, kind, parentId: 1, uscc: uscc(r) });
  }
  return out;
}

export interface BenchColumn {
  id: number;
  orgId: number;
  code: string;
  name: string;
  parentId: number | null;
  category: string | null;
  updateClass: string;
  sort: number;
}

/** The 专栏 of each org (defaultColumns) plus 通知公告 and 工作动态. */
export function makeColumns(orgs: readonly BenchOrg[]): BenchColumn[] {
  const out: BenchColumn[] = [];
  let id = 0;
  for (const o of orgs) {
    const ids = new Map<string, number>();
    let sort = 0;
    const list = [
      ...defaultColumns(o.kind).map((c) => ({ ...c })),
      { code: 'notice', name: '通知公告', parent: null, category: null, updateClass: 'notice' },
      { code: 'news', name: '工作动态', parent: null, category: null, updateClass: 'news' },
    ];
    for (const c of list) {
      id++;
      sort += 10;
      ids.set(c.code, id);
      out.push({
        id,
        orgId: o.id,
        code: c.code,
        name: c.name,
        parentId: c.parent ? (ids.get(c.parent) ?? null) : null,
        category: c.category,
        updateClass: c.updateClass,
        sort,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- items

const TOPICS =
  `城乡居民医疗保险 住房公积金 企业稳岗返还 高校毕业生就业 老旧小区改造 生活垃圾分类 农村饮用水 电动自行车管理
安全生产 森林防火 防汛防台 学前教育 义务教育招生 残疾人补贴 最低生活保障 临时救助 特困人员供养 退役军人优抚
养老服务 产业扶持资金 科技型中小企业 高新技术企业 人才安居 知识产权保护 招商引资 政府投资项目 重大建设项目 土地征收
房屋征收补偿 扬尘治理 河道保洁 白蚁防治 燃气安全 消防安全 食品安全抽检 药品监管 价格监测 农产品质量安全 耕地保护
高标准农田 农机购置补贴 政府采购 财政预算 财政决算 三公经费 债务限额 营商环境 一网通办 信用修复 统计公报 审计整改
公共资源交易 公交线路优化 停车收费 交通管制 数字经济 专精特新 跨境电商 职业技能培训 创业担保贷款 农民工工资支付
工伤认定 社保补贴 契税补贴 人才引进 新能源汽车推广 节能降耗 污水零直排 地质灾害防治 应急物资储备 爱国卫生运动
文明城市创建 志愿服务 全民健身 文物保护 非遗传承 社区矫正 法律援助 人民调解`.split(/\s+/);

const SENTENCES = [
  '为深入贯彻落实党中央、国务院和省委、省政府决策部署，进一步提升公共服务水平，结合本市实际，制定本方案。',
  '各地、各部门要高度重视，加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处。',
  '本通知自发布之日起施行，由市{topic}工作领导小组办公室负责解释。',
  '请各单位于每月25日前将工作进展情况报送牵头部门，遇有重大情况及时报告。',
  '申请人应当如实提交申请材料，并对申请材料的真实性、合法性负责。',
  '坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，推动{topic}工作提质增效。',
  '到{year}年底，全市{topic}工作体系基本健全，服务能力明显增强，群众满意度稳步提升。',
  '会议指出，{topic}事关群众切身利益，要以更高标准、更严要求、更实举措推进各项工作。',
  '对工作推进不力、造成不良影响的，依法依规追究有关单位和人员责任。',
  '市财政安排专项资金予以保障，实行专款专用，接受审计和社会监督。',
  '各乡镇（街道）要建立工作台账，实行销号管理，定期开展督查通报。',
  '充分发挥新闻媒体作用，广泛开展政策宣传解读，营造全社会共同参与的良好氛围。',
  '公示期间，如有异议，请以书面形式向市{topic}工作专班反映，并提供联系方式。',
  '经研究，现将有关事项通知如下：一、总体要求；二、主要任务；三、保障措施。',
  '本次检查共抽查样本一百二十批次，合格率百分之九十八点三，不合格样品已依法处置。',
];

export interface ItemKind {
  column: string;
  weight: number;
  docType: 'rule' | 'normative' | 'other';
}
/** Share of the items per column; the rest of the 条例第二十条 columns share the remainder. */
export const ITEM_KINDS: readonly ItemKind[] = [
  { column: 'news', weight: 32, docType: 'other' },
  { column: 'notice', weight: 20, docType: 'other' },
  { column: 'policy', weight: 9, docType: 'normative' },
  { column: 'interpretation', weight: 3, docType: 'other' },
  { column: 'art20-01', weight: 2, docType: 'normative' },
  { column: 'art20-02', weight: 2, docType: 'other' },
  { column: 'art20-03', weight: 4, docType: 'other' },
  { column: 'art20-04', weight: 3, docType: 'other' },
  { column: 'art20-05', weight: 5, docType: 'other' },
  { column: 'art20-06', weight: 4, docType: 'other' },
  { column: 'art20-07', weight: 3, docType: 'other' },
  { column: 'art20-09', weight: 5, docType: 'other' },
  { column: 'art20-11', weight: 3, docType: 'other' },
  { column: 'art20-12', weight: 1, docType: 'other' },
  { column: 'art20-13', weight: 3, docType: 'other' },
  { column: 'art20-14', weight: 1, docType: 'other' },
];
const KIND_TOTAL = ITEM_KINDS.reduce((s, k) => s + k.weight, 0);

/** A random date between two ISO dates (inclusive). */
export function dateBetween(r: Rand, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(r() * ((b - a) / 86_400_000 + 1)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
const minusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export interface ItemRow {
  id: number;
  org_id: number;
  ref: string;
  index_no: string;
  title: string;
  summary: string;
  body_html: string;
  column_id: number;
  category: string;
  doc_type: string;
  doc_number: string | null;
  formed_on: string;
  published_on: string;
  channels: string;
  validity: string | null;
  interprets_ref: string | null;
  status: string;
  withdrawn_on: string | null;
  withdrawal_reason: string | null;
  published_at: string;
}

/** Per-org state kept while generating items (serials for 文号/索引号, the last policies). */
export interface OrgItemState {
  org: BenchOrg;
  short: string;
  columns: Map<string, BenchColumn>;
  serial: Map<string, number>;
  policies: string[];
}

export function orgItemStates(orgs: readonly BenchOrg[], columns: readonly BenchColumn[]) {
  const byOrg = new Map<number, Map<string, BenchColumn>>();
  for (const c of columns) {
    let m = byOrg.get(c.orgId);
    if (!m) byOrg.set(c.orgId, (m = new Map()));
    m.set(c.code, c);
  }
  return orgs.map((org): OrgItemState => ({
    org,
    short:
      org.id === 1 ? '瓯政' : `瓯${org.name.replace(/^瓯江市|^.{2,3}[区市县]/, '').slice(0, 2)}`,
    columns: byOrg.get(org.id) ?? new Map(),
    serial: new Map(),
    policies: [],
  }));
}

/** Item number `n` (1-based id) of the dataset; items go round-robin over the orgs. */
export function makeItem(r: Rand, id: number, s: OrgItemState): ItemRow {
  let w = r() * KIND_TOTAL;
  let kind = ITEM_KINDS[0] as ItemKind;
  for (const k of ITEM_KINDS) {
    if ((w -= k.weight) < 0) {
      kind = k;
      break;
    }
  }
  if (kind.column === 'interpretation' && s.policies.length === 0) kind = ITEM_KINDS[2] as ItemKind;
  const column = s.columns.get(kind.column) as BenchColumn;
  const published = dateBetween(r, '2022-01-04', BENCH_TODAY);
  const year = Number(published.slice(0, 4));
  const topic = pick(r, TOPICS);
  const org = s.org.name;
  let title: string;
  let docNumber: string | null = null;
  let interprets: string | null = null;
  let validity: string | null = null;
  const key = `${year}`;
  const serial = (s.serial.get(key) ?? 0) + 1;
  s.serial.set(key, serial);
  switch (kind.column) {
    case 'news':
      title = pick(r, [
        `${org}召开${year}年${topic}工作推进会`,
        `${org}部署${topic}专项行动`,
        `${org}开展${topic}督查调研`,
        `${topic}工作取得阶段性成效`,
      ]);
      break;
    case 'notice':
      title = pick(r, [
        `关于${year}年${topic}有关事项的通知`,
        `关于${year}年度${topic}名单的公示`,
        `关于开展${topic}工作的公告`,
      ]);
      break;
    case 'interpretation': {
      interprets = pick(r, s.policies);
      title = `《关于进一步加强${topic}工作的实施意见》政策解读`;
      break;
    }
    default:
      if (kind.docType === 'normative') {
        title = pick(r, [
          `关于印发瓯江市${topic}管理办法的通知`,
          `关于进一步加强${topic}工作的实施意见`,
          `${year}年${topic}实施方案`,
        ]);
        docNumber = `${s.short}发〔${year}〕${serial}号`;
        validity = r() < 0.85 ? 'valid' : 'invalid';
      } else {
        title = pick(r, [
          `${year}年${topic}情况公开`,
          `${org}${year}年${topic}信息`,
          `关于${topic}项目实施情况的公示`,
          `${year}年度${topic}结果公告`,
        ]);
        if (r() < 0.3) docNumber = `${s.short}〔${year}〕${serial}号`;
      }
  }
  // Body of roughly 0.5–3 KB (UTF-8): 3–18 sentences of about 50 characters in paragraphs.
  const n = int(r, 3, 18);
  const paras: string[] = [];
  let p = '';
  for (let i = 0; i < n; i++) {
    p += pick(r, SENTENCES).replaceAll('{topic}', topic).replaceAll('{year}', String(year));
    if (r() < 0.35 || i === n - 1) {
      paras.push(`<p>${p}</p>`);
      p = '';
    }
  }
  const ref = `bench-${id}`;
  if (kind.column === 'policy' || kind.column === 'art20-01') {
    s.policies.push(ref);
    if (s.policies.length > 50) s.policies.shift();
  }
  const withdrawn = r() < 0.01;
  return {
    id,
    org_id: s.org.id,
    ref,
    index_no: `${s.org.uscc}/${year}-${pad(serial, 5)}`,
    title,
    summary: `${topic}有关事项。`,
    body_html: paras.join(''),
    column_id: column.id,
    category: column.category ?? column.code,
    doc_type: kind.docType,
    doc_number: docNumber,
    formed_on: minusDays(published, int(r, 0, 10)),
    published_on: published,
    channels: r() < 0.1 ? '["portal","platform"]' : '["portal"]',
    validity,
    interprets_ref: interprets,
    status: withdrawn ? 'withdrawn' : 'published',
    withdrawn_on: withdrawn ? BENCH_TODAY : null,
    withdrawal_reason: withdrawn ? '信息有误，撤回后更正' : null,
    published_at: new Date(
      `${published}T${pad(int(r, 8, 17))}:${pad(int(r, 0, 59))}:00+08:00`,
    ).toISOString(),
  };
}

// ---------------------------------------------------------------- applications

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩然欣怡子涵梓轩晨曦思远嘉琪佳'.split(
    '',
  );
const COMPANIES = [
  '建设工程有限公司',
  '科技有限公司',
  '贸易有限公司',
  '置业有限公司',
  '律师事务所',
  '研究院',
  '公益基金会',
  '物流有限公司',
];
const WANTED = [
  '{place}地块的土地征收批复文件及征地补偿安置方案',
  '{place}房屋征收决定及评估报告',
  '{year}年{place}村集体土地征收的报批材料',
  '{place}建设项目的规划许可证及批前公示材料',
  '{year}年度本单位“三公”经费支出明细',
  '关于{place}违法建筑拆除的行政处罚决定书',
  '{place}道路拓宽工程的立项批复和环评批复',
  '{year}年{place}拆迁安置房分配方案及名单',
  '本人户籍档案中{year}年迁入登记的相关材料',
  '{place}河道整治工程的政府采购合同',
];
const ADDRESSES = [
  '鹿城区人民路',
  '瓯海区娄桥街道',
  '龙湾区永中街道',
  '乐清市柳市镇',
  '瑞安市安阳街道',
  '永嘉县上塘镇',
];

export interface Person {
  type: ApplicantType;
  name: string;
  id_type: string | null;
  id_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
}

const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A 居民身份证号码 with a valid GB 11643 check digit and birth date. */
export function residentId(r: Rand): string {
  const birth = dateBetween(r, '1950-01-01', '2004-12-31').replaceAll('-', '');
  const s = `${pick(r, ['330302', '330303', '330304', '330381', '330382', '330324'])}${birth}${pad(int(r, 0, 999), 3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (ID_W[i] as number);
  return s + '10X98765432'[sum % 11];
}

/** The pool of applicants; a few frequent ones (大量、频繁, 条例第三十五条) come up often. */
export function makePeople(r: Rand, n: number): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const natural = r() < 0.78;
    const name = natural
      ? `${pick(r, SURNAMES)}${pick(r, GIVEN)}${r() < 0.6 ? pick(r, GIVEN) : ''}`
      : `瓯江市${pick(r, PLACE_A)}${pick(r, PLACE_B)}${pick(r, COMPANIES)}`;
    const type: ApplicantType = natural
      ? 'natural_person'
      : name.endsWith('律师事务所')
        ? 'legal_services'
        : name.endsWith('研究院')
          ? 'research'
          : name.endsWith('基金会')
            ? 'public_interest'
            : r() < 0.9
              ? 'commercial'
              : 'other';
    const idType = natural ? (r() < 0.97 ? 'resident_id' : 'passport') : 'uscc';
    out.push({
      type,
      name,
      id_type: idType,
      id_number:
        idType === 'resident_id'
          ? residentId(r)
          : idType === 'uscc'
            ? uscc(r, '91')
            : `E${pad(int(r, 0, 99_999_999), 8)}`,
      phone: `1${pick(r, ['3', '5', '7', '8', '9'])}${pad(int(r, 0, 999_999_999), 9)}`,
      email: r() < 0.4 ? `user${i}@example.cn` : null,
      address: `浙江省瓯江市${pick(r, ADDRESSES)}${int(r, 1, 999)}号`,
      postcode: r() < 0.7 ? `3250${pad(int(r, 0, 99))}` : null,
    });
  }
  return out;
}

/** Outcome weights over the 21 codes (every code occurs); `withdrawn` is its own case. */
const OUTCOME_WEIGHTS: ReadonlyArray<[OutcomeCode | 'withdrawn', number]> = [
  ['open', 340],
  ['partial', 100],
  ['withheld_state_secret', 5],
  ['withheld_prohibited_by_law', 8],
  ['withheld_security_stability', 6],
  ['withheld_third_party', 20],
  ['withheld_internal_affairs', 12],
  ['withheld_process_info', 25],
  ['withheld_enforcement_file', 10],
  ['withheld_query_matter', 8],
  ['unable_not_held', 160],
  ['unable_needs_creation', 40],
  ['unable_unclear_after_correction', 20],
  ['rejected_complaint', 15],
  ['rejected_duplicate', 20],
  ['rejected_publication', 8],
  ['rejected_excessive', 10],
  ['rejected_confirmation', 8],
  ['other_correction_overdue', 40],
  ['other_fee_unpaid', 10],
  ['other', 25],
  ['withdrawn', 30],
];
const OUTCOME_TOTAL = OUTCOME_WEIGHTS.reduce((s, [, w]) => s + w, 0);

const CHANNEL_WEIGHTS: ReadonlyArray<[Channel, number]> = [
  ['online', 50],
  ['in_person', 18],
  ['mail', 15],
  ['mail_unsigned', 3],
  ['email', 10],
  ['fax', 4],
];
const DELIVERIES: readonly Delivery[] = [
  'paper',
  'paper',
  'email',
  'email',
  'email',
  'disc',
  'inspect',
];

function weighted<T>(r: Rand, table: ReadonlyArray<[T, number]>, total: number): T {
  let w = r() * total;
  for (const [v, n] of table) if ((w -= n) < 0) return v;
  return (table[table.length - 1] as [T, number])[0];
}

/** 受理编号 of application `n`: `YSQ` + year + 8 characters of a bijection of n (not sequential). */
export function benchRef(year: number, n: number): string {
  // 31^8 = 852,891,037,441; multiplying by a number prime to 31 permutes the range.
  const M = 852_891_037_441n;
  let v = (BigInt(n) * 387_420_489_871n + 12_345_678_901n) % M;
  let s = '';
  for (let i = 0; i < 8; i++) {
    s = CODE_ALPHABET[Number(v % 31n)] + s;
    v /= 31n;
  }
  return `YSQ${year}-${s}`;
}

export interface GeneratedApplication {
  channel: Channel;
  submitted_on: string;
  received_on: string;
  signed_on: string | null;
  confirmed_on: string | null;
  description: string;
  delivery: Delivery;
  events: ApplicationEvent[];
}

const adders = new WeakMap<HolidayCalendar, (d: string, n: number) => string>();
/** addWorkingDays(cal, d, n).date, memoised per calendar (the dataset calls it millions of times). */
export function workingDaysAdder(cal: HolidayCalendar): (d: string, n: number) => string {
  let f = adders.get(cal);
  if (!f) {
    const memo = new Map<string, string>();
    f = (d, n) => {
      const k = `${d}|${n}`;
      let v = memo.get(k);
      if (v === undefined) memo.set(k, (v = addWorkingDays(cal, d, n).date));
      return v;
    };
    adders.set(cal, f);
  }
  return f;
}

/**
 * One application received on a working day near `received`, with a history that passes
 * validateHistory: 补正 within 7 working days, consultation, extension, fee notice, then the
 * conclusion (or withdrawal) — events after BENCH_TODAY are dropped, which leaves an open case.
 */
export function makeApplication(
  r: Rand,
  cal: HolidayCalendar,
  receivedWanted: string,
): GeneratedApplication {
  const wd = workingDaysAdder(cal);
  // Receipt falls on a working day: the next one from the wanted date.
  const received = wd(minusDays(receivedWanted, 1), 1);
  const channel = weighted(r, CHANNEL_WEIGHTS, 100);
  const submitted =
    channel === 'in_person'
      ? received
      : minusDays(received, channel === 'mail' ? int(r, 1, 4) : int(r, 0, 2));
  const outcome = weighted(r, OUTCOME_WEIGHTS, OUTCOME_TOTAL);
  const events: ApplicationEvent[] = [];
  let start = received;
  const wantsCorrection =
    outcome === 'unable_unclear_after_correction' ||
    outcome === 'other_correction_overdue' ||
    r() < 0.08;
  if (wantsCorrection) {
    const on = wd(received, int(r, 1, 6));
    const due = wd(on, 15);
    events.push({ type: 'correction_requested', on, due_on: due });
    if (outcome === 'other_correction_overdue') {
      events.push({
        type: 'concluded',
        on: wd(due, int(r, 1, 5)),
        outcome,
        legal_basis: OUTCOMES[outcome].basis,
      });
      return finish();
    }
    start = wd(on, int(r, 1, 12));
    events.push({ type: 'correction_received', on: start });
  }
  let extension = 0;
  let last = start;
  if (outcome !== 'withdrawn' && r() < 0.05) {
    const on = wd(start, int(r, 2, 6));
    const end = wd(on, int(r, 3, 15));
    events.push({
      type: 'consultation_started',
      on,
      party: r() < 0.7 ? 'third_party' : 'other_agency',
    });
    events.push({ type: 'consultation_ended', on: end });
    last = end;
  }
  if (outcome !== 'withdrawn' && outcome !== 'other_fee_unpaid' && r() < 0.04) {
    extension = int(r, 5, 20);
    const on = last > wd(start, 15) ? last : wd(start, 15);
    if (on <= wd(start, 18)) {
      events.push({
        type: 'extended',
        on,
        working_days: extension,
        approved_by: '政府信息公开工作机构负责人',
      });
      last = on;
    } else extension = 0;
  }
  if (outcome === 'other_fee_unpaid' || (outcome === 'open' && r() < 0.01)) {
    const count = int(r, 11, 30);
    const on = wd(last, int(r, 1, 3));
    events.push({
      type: 'fee_notice',
      on,
      amount_yuan: feePerApplication(count),
      basis: 'per_application',
      count_in_month: count,
    });
    if (outcome === 'other_fee_unpaid') {
      events.push({
        type: 'concluded',
        on: wd(on, int(r, 21, 25)),
        outcome,
        legal_basis: OUTCOMES[outcome].basis,
      });
      return finish();
    }
    const paid = wd(on, int(r, 1, 10));
    events.push({ type: 'fee_paid', on: paid, amount_yuan: feePerApplication(count) });
    last = paid;
  }
  if (outcome === 'withdrawn') {
    events.push({ type: 'withdrawn', on: wd(last, int(r, 1, 8)) });
    return finish();
  }
  // Most replies are in time; about 2% are late (the 逾期 figures of the reports).
  const late = r() < 0.02;
  const days = late ? int(r, 21 + extension, 30 + extension) : int(r, 1, 19 + extension);
  const concludedOn = wd(start, days);
  events.push({
    type: 'concluded',
    on: concludedOn > last ? concludedOn : wd(last, 1),
    outcome,
    legal_basis: OUTCOMES[outcome].basis,
  });
  return finish();

  function finish(): GeneratedApplication {
    const kept = events.filter((e) => e.on <= BENCH_TODAY);
    // A case still open at BENCH_TODAY keeps its history up to today; a dangling consultation
    // stays open (the clock pauses until today), which is a valid state.
    return {
      channel,
      submitted_on: submitted,
      received_on: received,
      signed_on: channel === 'mail' ? received : null,
      confirmed_on: ['online', 'email', 'fax', 'mail_unsigned'].includes(channel) ? received : null,
      description: pick(r, WANTED)
        .replaceAll('{place}', `${pick(r, PLACE_A)}${pick(r, PLACE_B)}`)
        .replaceAll('{year}', String(Number(received.slice(0, 4)) - int(r, 0, 3))),
      delivery: pick(r, DELIVERIES),
      events: kept,
    };
  }
}

export { OUTCOME_WEIGHTS };
