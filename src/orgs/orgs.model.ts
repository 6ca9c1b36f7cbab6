import { AppError } from '../platform/errors.js';

/**
 * Organisations: types and pure rules. An org is a body that discloses government information
 * (a government, a department, a development zone, a township…); it owns a portal site, its
 * 政府信息公开指南 data (条例第十二条) and a 索引号 template (REGULATIONS.md §3.5).
 */

/** Kinds of org; the kind decides the annual report deadline (governments 3月31日, others 1月31日). */
export const ORG_KINDS = ['government', 'department', 'zone', 'township', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  government: '人民政府',
  department: '政府部门',
  zone: '开发区（园区）管理机构',
  township: '乡镇人民政府（街道办事处）',
  other: '其他单位',
};

/** An org code is also the first URL segment of its portal site. */
export const ORG_CODE_PATTERN = /^[a-z0-9-]{2,40}$/;

/** Top-level paths used by the platform itself; no org may take one of them as its code. */
export const RESERVED_ORG_CODES: ReadonlySet<string> = new Set([
  'admin',
  'api',
  'assets',
  'mode',
  'healthz',
  'new',
  'static',
  'favicon.ico',
  'robots.txt',
  'sitemap.xml',
  'search',
]);

/** True when `code` may be used as an org code (pattern and not a reserved path). */
export function isUsableOrgCode(code: string): boolean {
  return ORG_CODE_PATTERN.test(code) && !RESERVED_ORG_CODES.has(code);
}

/**
 * 公开指南 contact data of the 政府信息公开工作机构 (条例第十二条: 名称、办公地址、办公时间、
 * 联系电话、传真号码、互联网联系方式). Every field may be unknown (null).
 */
export interface OrgContact {
  office: string | null;
  address: string | null;
  hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  postcode: string | null;
}

export const CONTACT_FIELDS = [
  'office',
  'address',
  'hours',
  'phone',
  'fax',
  'email',
  'postcode',
] as const;

export const CONTACT_LABELS: Record<keyof OrgContact, string> = {
  office: '工作机构名称',
  address: '办公地址',
  hours: '办公时间',
  phone: '联系电话',
  fax: '传真号码',
  email: '电子邮箱',
  postcode: '邮政编码',
};

/** An empty contact (all fields unknown). */
export function emptyContact(): OrgContact {
  return {
    office: null,
    address: null,
    hours: null,
    phone: null,
    fax: null,
    email: null,
    postcode: null,
  };
}

/**
 * Per-org 索引号 template (REGULATIONS.md §3.5): prefix, separator, period of the date, optional
 * category segment and a zero-padded serial that restarts each year or month.
 */
export interface IndexTemplate {
  /** What starts the number: the org code, the org's USCC, or fixed text (e.g. 组织机构代码). */
  prefix: 'code' | 'uscc' | 'text';
  /** The fixed text when `prefix` is 'text'. */
  prefixText: string | null;
  /** Between the prefix and the rest, e.g. '/'. */
  separator: string;
  /** The period segment: 2021 or 202110 (of the date given). */
  period: 'year' | 'year-month';
  /** Between period, category and serial, e.g. '-'. */
  segmentSeparator: string;
  /** Whether (and where) the category code appears. */
  category: 'none' | 'before-period' | 'after-period';
  /** Digits of the serial, zero-padded (1–10). */
  serialWidth: number;
  /** When the serial starts again from 1. Monthly needs a year-month period, or numbers repeat. */
  reset: 'yearly' | 'monthly';
}

/** The template new orgs get: `USCC/2026-00001` style when a USCC exists, else the org code. */
export function defaultIndexTemplate(hasUscc: boolean): IndexTemplate {
  return {
    prefix: hasUscc ? 'uscc' : 'code',
    prefixText: null,
    separator: '/',
    period: 'year',
    segmentSeparator: '-',
    category: 'none',
    serialWidth: 5,
    reset: 'yearly',
  };
}

/** Problems of a template, as field → message (empty when usable). */
export function indexTemplateProblems(
  t: IndexTemplate,
  org: { uscc: string | null },
): Partial<Record<keyof IndexTemplate, string>> {
  const p: Partial<Record<keyof IndexTemplate, string>> = {};
  if (t.prefix === 'text' && !t.prefixText) p.prefixText = '选择“固定文字”前缀时，请填写前缀文字';
  if (t.prefix === 'uscc' && !org.uscc)
    p.prefix = '本单位未填写统一社会信用代码，不能用作索引号前缀';
  if (t.reset === 'monthly' && t.period !== 'year-month')
    p.reset = '按月重新编号时，年度段须包含月份，否则索引号会重复';
  if (!Number.isInteger(t.serialWidth) || t.serialWidth < 1 || t.serialWidth > 10)
    p.serialWidth = '流水号位数应为1至10';
  return p;
}

/** The org fields the 索引号 needs. */
export interface IndexOrg {
  code: string;
  uscc: string | null;
}

function dateParts(date: string): { year: string; month: string } {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m || !m[1] || !m[2]) throw new AppError('ERR_INDEX_DATE', 400, `日期格式不正确：${date}`);
  return { year: m[1], month: m[2] };
}

/** The key of the serial counter for a date: '2021' (yearly reset) or '2021-10' (monthly). */
export function sequencePeriod(template: IndexTemplate, date: string): string {
  const { year, month } = dateParts(date);
  return template.reset === 'monthly' ? `${year}-${month}` : year;
}

/**
 * Formats a 索引号 from its template, the org, the date it belongs to (formed_on or
 * published_on), the serial and an optional category code. Pure; e.g.
 * `11441700007280420Y/2021-00050`, `11341702486344515H/202110-00013`.
 */
export function formatIndexNo(
  template: IndexTemplate,
  org: IndexOrg,
  date: string,
  serial: number,
  category?: string | null,
): string {
  const { year, month } = dateParts(date);
  let prefix: string;
  if (template.prefix === 'uscc') {
    if (!org.uscc)
      throw new AppError('ERR_INDEX_NO_USCC', 400, '本单位未填写统一社会信用代码，无法生成索引号');
    prefix = org.uscc;
  } else if (template.prefix === 'text') {
    prefix = template.prefixText ?? '';
  } else {
    prefix = org.code;
  }
  if (!Number.isInteger(serial) || serial < 1)
    throw new AppError('ERR_INDEX_SERIAL', 400, '流水号应为正整数');
  const period = template.period === 'year-month' ? `${year}${month}` : year;
  const segments = [period, String(serial).padStart(template.serialWidth, '0')];
  if (template.category !== 'none') {
    if (!category)
      throw new AppError('ERR_INDEX_NO_CATEGORY', 400, '索引号模板包含类别段，请指定信息类别');
    segments.splice(template.category === 'before-period' ? 0 : 1, 0, category);
  }
  return `${prefix}${template.separator}${segments.join(template.segmentSeparator)}`;
}

/** An org as the rest of the platform sees it. */
export interface Org {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  kind: OrgKind;
  uscc: string | null;
  siteIdCode: string | null;
  contact: OrgContact;
  indexTemplate: IndexTemplate;
  createdAt: string;
  updatedAt: string;
}

/** An org with its children, for tree listings. */
export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

/**
 * Arranges orgs into trees (roots are orgs without a parent, or whose parent is not in the
 * list), children sorted by name.
 */
export function buildOrgTree(orgs: Org[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>(orgs.map((o) => [o.id, { org: o, children: [] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId === null ? undefined : nodes.get(node.org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort(
      (a, b) =>
        a.org.name.localeCompare(b.org.name, 'zh-CN') || a.org.code.localeCompare(b.org.code),
    );
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/**
 * True when giving `orgCode` the parent `parentCode` would close a loop, given every org's
 * current parent (`parents`: code → parent code). An org may not be its own ancestor.
 */
export function wouldCreateCycle(
  parents: ReadonlyMap<string, string | null>,
  orgCode: string,
  parentCode: string | null,
): boolean {
  let current = parentCode;
  const seen = new Set<string>();
  while (current !== null) {
    if (current === orgCode || seen.has(current)) return true;
    seen.add(current);
    current = parents.get(current) ?? null;
  }
  return false;
}

/** What creating or updating an org takes (from a form or an import); the parent by code. */
export interface OrgInput {
  code: string;
  name: string;
  kind: OrgKind;
  parentCode: string | null;
  uscc: string | null;
  siteIdCode: string | null;
  contact: OrgContact;
  /** Omitted on import: a new org gets the default, an existing one keeps its own. */
  indexTemplate?: IndexTemplate;
}
