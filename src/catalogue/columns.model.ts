import type { UpdateClass } from './catalogue.model.js';

/**
 * The 政府信息公开 专栏 every org gets (REGULATIONS.md §3.2–3.3): 公开指南, 公开制度,
 * 法定主动公开内容 with the 条例第二十条 categories and 第二十一条's for the org's kind, 政策文件,
 * 政策解读, 公开年报 and 依申请公开.
 */

/** A column as the catalogue sees it. */
export interface Column {
  id: number;
  orgId: number;
  code: string;
  name: string;
  parentId: number | null;
  category: string | null;
  updateClass: UpdateClass;
  reviewLevels: number;
  isSystem: boolean;
  sort: number;
}

/** A column to create by default; `parent` names the code of its parent column. */
export interface DefaultColumn {
  code: string;
  name: string;
  parent: string | null;
  category: string | null;
  updateClass: UpdateClass;
}

/** 条例第二十条 (一)–(十五), codes art20-01 … art20-15. */
export const ART20_LABELS: readonly string[] = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
];

/** 条例第二十一条 for 设区的市级、县级人民政府及其部门 (art21-c01 … c07). */
export const ART21_CITY_LABELS: readonly string[] = [
  '市政建设',
  '公共服务',
  '公益事业',
  '土地征收',
  '房屋征收',
  '治安管理',
  '社会救助',
];

/** 条例第二十一条 for 乡（镇）人民政府 (art21-t01 … t08). */
export const ART21_TOWNSHIP_LABELS: readonly string[] = [
  '贯彻落实农业农村政策',
  '农田水利工程建设运营',
  '农村土地承包经营权流转',
  '宅基地使用情况审核',
  '土地征收',
  '房屋征收',
  '筹资筹劳',
  '社会救助',
];

const pad = (n: number) => String(n).padStart(2, '0');

/** The default columns of an org of `kind` (township orgs get the township list of 第二十一条). */
export function defaultColumns(kind: string): DefaultColumn[] {
  const statutory = 'statutory';
  const art20 = ART20_LABELS.map((name, i): DefaultColumn => ({
    code: `art20-${pad(i + 1)}`,
    name,
    parent: statutory,
    category: `art20-${pad(i + 1)}`,
    updateClass: i === 0 ? 'policy' : i === 13 ? 'personnel_plan' : 'none',
  }));
  const township = kind === 'township';
  const art21 = (township ? ART21_TOWNSHIP_LABELS : ART21_CITY_LABELS).map(
    (name, i): DefaultColumn => {
      const code = `art21-${township ? 't' : 'c'}${pad(i + 1)}`;
      return { code, name, parent: statutory, category: code, updateClass: 'none' };
    },
  );
  return [
    { code: 'guide', name: '公开指南', parent: null, category: 'guide', updateClass: 'none' },
    { code: 'system', name: '公开制度', parent: null, category: null, updateClass: 'none' },
    {
      code: statutory,
      name: '法定主动公开内容',
      parent: null,
      category: null,
      updateClass: 'none',
    },
    ...art20,
    ...art21,
    { code: 'policy', name: '政策文件', parent: null, category: 'art20-01', updateClass: 'policy' },
    {
      code: 'interpretation',
      name: '政策解读',
      parent: null,
      category: 'interpretation',
      updateClass: 'policy',
    },
    {
      code: 'annual-report',
      name: '公开年报',
      parent: null,
      category: 'annual-report',
      updateClass: 'none',
    },
    { code: 'on-request', name: '依申请公开', parent: null, category: null, updateClass: 'none' },
  ];
}

/** The catalogue category an item in this column gets: the column's category, else its code. */
export function categoryOf(column: Pick<Column, 'category' | 'code'>): string {
  return column.category ?? column.code;
}

/** Column codes orgs may define: lower-case letters, digits and hyphens, not a reserved code. */
export const COLUMN_CODE_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
