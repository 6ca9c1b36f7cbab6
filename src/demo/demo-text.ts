/**
 * Vocabulary of the demo catalogue: realistic but invented Chinese titles of a development
 * zone's 主动公开 information. Names of people are always masked (王某某), companies are
 * invented; nothing here describes a real decision.
 */

/** A seeded PRNG (mulberry32): the demo is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one entry with the generator. */
export function pick<T>(rand: () => number, list: readonly T[]): T {
  const v = list[Math.floor(rand() * list.length)];
  if (v === undefined) throw new RangeError('empty list');
  return v;
}

export const ZONE = '温州高新区(经开区)';

export const POLICY_TITLES = [
  '温州高新区(经开区)促进数字经济高质量发展若干政策',
  '温州高新区(经开区)高层次人才引进培育实施办法',
  '温州高新区(经开区)企业研发投入补助管理办法',
  '温州高新区(经开区)科技企业孵化器和众创空间认定管理办法',
  '温州高新区(经开区)工业用地全生命周期管理实施细则',
  '温州高新区(经开区)财政专项资金管理办法',
  '温州高新区(经开区)规模以上工业企业培育扶持办法',
  '温州高新区(经开区)建设工程安全生产管理规定',
  '温州高新区(经开区)知识产权质押融资风险补偿办法',
  '温州高新区(经开区)外贸稳增长若干措施',
  '温州高新区(经开区)人才住房保障实施办法',
  '温州高新区(经开区)企业上市挂牌扶持办法',
  '温州高新区(经开区)重大产业项目招引奖励办法',
  '温州高新区(经开区)生态环境保护工作责任规定',
  '温州高新区(经开区)集体土地征收补偿安置实施办法',
  '温州高新区(经开区)政府投资项目管理办法',
];

export const POLICY_TOPICS = [
  '综合政务\\政务公开',
  '科技、教育\\科技',
  '工业、交通\\工业',
  '劳动、人事、监察\\人事工作',
  '财政、金融、审计\\财政',
  '城乡建设、环境保护\\城乡建设',
  '商贸、海关、旅游\\对外经贸合作',
];

const NOTICE_SUBJECTS = [
  '做好春节期间安全生产工作',
  '开展消防安全隐患大排查大整治专项行动',
  '组织申报高新技术企业认定',
  '开展规模以上工业企业统计数据核查',
  '做好防汛防台工作',
  '开展“双随机、一公开”联合抽查',
  '组织开展企业研发费用加计扣除政策宣讲',
  '做好高温天气劳动保护工作',
  '开展建设工程质量安全大检查',
  '组织申报科技型中小企业评价',
  '开展餐饮油烟专项整治',
  '做好重点企业用工保障工作',
  '开展城市道路占道施工专项清理',
  '组织申报市级工业和信息化专项资金',
  '开展燃气安全专项整治',
  '调整区内部分道路交通组织',
];

const NEWS_SUBJECTS = [
  '数字经济产业招商推介会',
  '安全生产工作专题会议',
  '政务公开工作推进会',
  '重大项目集中开工活动',
  '科技企业服务月活动',
  '营商环境优化提升大会',
  '人才科技周活动',
  '“亩均论英雄”改革推进会',
  '生态环境保护督察整改工作会议',
  '企业走访服务专项行动',
  '全域文明创建推进会',
  '经济运行分析会',
];

const PROJECTS = [
  '浙南科技城科创中心二期',
  '高新区数字经济产业园',
  '经开区滨海大道提升改造工程',
  '高新区人才公寓',
  '智能制造产业园标准厂房',
  '瓯江口污水处理厂扩建工程',
  '高新区中小学新建项目',
  '滨海园区配套道路工程',
  '科技孵化大楼',
  '邻里中心',
];

const COMPANIES = [
  '温州某某电气有限公司',
  '浙江某某光电科技有限公司',
  '温州某某智能装备有限公司',
  '浙江某某新材料股份有限公司',
  '温州某某生物医药有限公司',
  '温州某某汽车零部件有限公司',
];

const SURNAMES = ['王', '李', '陈', '张', '林', '黄', '周', '吴', '郑', '潘'];

/** A masked personal name (personal data never appears in demo content). */
export function maskedName(rand: () => number): string {
  return `${pick(rand, SURNAMES)}某某`;
}

/** Title templates per kind of information, given a generator and a year. */
export const TITLES: Record<string, (rand: () => number, year: number, n: number) => string> = {
  notice: (r, y) => `关于${pick(r, NOTICE_SUBJECTS).replace('春节', `${y}年春节`)}的通知`,
  news: (r) => `${ZONE}召开${pick(r, NEWS_SUBJECTS)}`,
  planning: (r) => `${pick(r, PROJECTS)}规划设计方案批前公示`,
  budget: (r, y, n) =>
    pick(r, [
      `${ZONE}管委会${y}年度部门预算`,
      `${ZONE}管委会${y - 1}年度部门决算`,
      `${ZONE}${y}年财政专项资金管理清单（第${(n % 6) + 1}批）`,
      `${ZONE}${y}年上半年预算执行情况`,
    ]),
  personnel: (r) => `关于${maskedName(r)}等同志职务任免的通知`,
  recruitment: (r, y) =>
    `${ZONE}${y}年公开招聘编外工作人员${pick(r, ['公告', '拟录用人员公示', '面试成绩公布'])}`,
  procurement: (r) =>
    `${pick(r, PROJECTS)}${pick(r, ['采购项目中标（成交）结果公告', '招标公告', '采购意向公开'])}`,
  permits: (r, y, n) => `${y}年${(n % 12) + 1}月行政许可办理结果公示`,
  penalties: (r, y, n) => `行政处罚决定书（温高综执罚〔${y}〕${n + 1}号）`,
  inspection: (r) =>
    `关于${pick(r, ['特种设备', '食品安全', '建筑施工', '危险化学品', '消防'])}监督检查情况的通报`,
  welfare: (r, y) =>
    `${ZONE}${y}年${pick(r, ['困难群众救助资金发放', '就业补贴申领', '城乡居民医保参保', '职业技能培训补贴'])}情况公示`,
  emergency: (r) =>
    `${ZONE}${pick(r, ['防汛防台应急预案', '突发环境事件应急预案', '安全生产事故应急预案', '台风预警信息'])}`,
  statistics: (r, y, n) => `${y}年${(n % 12) + 1}月份${ZONE}主要经济指标`,
  enterprise: (r, y) =>
    `关于${pick(r, COMPANIES)}${y}年度${pick(r, ['技术改造项目补助', '研发费用补助', '亩均效益评价结果'])}的公示`,
};

/** A short body for an item: paragraphs, and for policies a structure with a table. */
export function bodyFor(kind: string, title: string, rand: () => number): string {
  const intro = `<p>${title}相关事项公开如下。</p>`;
  if (kind === 'policy') {
    return (
      `<h2>第一章 总则</h2><p>第一条 为贯彻落实上级决策部署，结合本区实际，制定本办法。</p>` +
      `<p>第二条 本办法适用于在本区依法登记注册的企业和单位。</p>` +
      `<h2>第二章 支持措施</h2><ol><li>对符合条件的项目给予资金补助。</li><li>优先保障用地、用能等要素。</li></ol>` +
      `<table><caption>补助标准</caption><thead><tr><th scope="col">类别</th><th scope="col">标准</th></tr></thead>` +
      `<tbody><tr><td>一类项目</td><td>最高${Math.floor(rand() * 90 + 10)}万元</td></tr>` +
      `<tr><td>二类项目</td><td>最高${Math.floor(rand() * 9 + 1)}万元</td></tr></tbody></table>` +
      `<h2>第三章 附则</h2><p>第${Math.floor(rand() * 10) + 10}条 本办法自印发之日起施行。</p>`
    );
  }
  if (kind === 'interpretation') {
    return (
      `<h2>一、出台背景</h2><p>为进一步优化营商环境，管委会研究制定了该文件。</p>` +
      `<h2>二、主要内容</h2><ul><li>明确了适用范围和支持对象。</li><li>细化了补助标准和申报程序。</li></ul>` +
      `<h2>三、政策咨询</h2><p>咨询电话：0577-86906612（工作日）。</p>`
    );
  }
  return `${intro}<p>联系电话：0577-86906612。</p>`;
}
