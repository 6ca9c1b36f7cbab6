import type { z } from 'zod';
import { formatPath } from '../platform/validation.js';
import {
  APPEAL_COLUMN_LABELS,
  APPEAL_KIND_LABELS,
  APPLICATION_COLUMNS,
  CHANNEL_LABELS,
  COLUMN_LABELS,
  ROW_LABELS,
  type OrgKind,
} from './reports.model.js';
import {
  REPORT_PARTS,
  publishedPartSchemas,
  reportHeaderShape,
  type PublishedAnnualReport,
  type ReportPart,
} from './reports.schema.js';

/** A document read part by part: the parts that are well formed, and every shape problem. */
export interface ParsedReport {
  org: { code: string; name: string; kind: OrgKind } | null;
  year: number | null;
  /** Only the parts present and well formed; a broken part is left out of the later checks. */
  parts: Pick<PublishedAnnualReport, ReportPart>;
  issues: { path: string; message: string }[];
}

const HEADER_KEYS = Object.keys(reportHeaderShape) as (keyof typeof reportHeaderShape)[];

/**
 * Checks a `gongkai-annual-report` document against EXCHANGE.md §2 one part at a time, so that a
 * broken table 三 does not hide the checks of table 四. With `requireAllParts` a missing part is
 * a problem too (a report the platform wrote); otherwise it is a published report's absent part.
 */
export function parseReportDocument(input: unknown, requireAllParts = false): ParsedReport {
  const parsed: ParsedReport = { org: null, year: null, parts: {}, issues: [] };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    parsed.issues.push({ path: '', message: '文档应为 JSON 对象（gongkai-annual-report）' });
    return parsed;
  }
  const doc = input as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!(HEADER_KEYS as string[]).includes(key) && !(REPORT_PARTS as string[]).includes(key)) {
      parsed.issues.push({
        path: key,
        message: `不认识的字段 "${key}"（未知字段是错误，不会被忽略）`,
      });
    }
  }
  for (const key of HEADER_KEYS) {
    const result = reportHeaderShape[key].safeParse(doc[key]);
    if (result.success) {
      if (key === 'org') parsed.org = result.data as ParsedReport['org'];
      if (key === 'year') parsed.year = result.data as number;
    } else parsed.issues.push(...describeIssues(result.error, [key], doc[key]));
  }
  for (const part of REPORT_PARTS) {
    if (doc[part] === undefined) {
      if (requireAllParts)
        parsed.issues.push({ path: part, message: `缺少 ${pathLabel([part])} 部分` });
      continue;
    }
    const result = publishedPartSchemas[part].safeParse(doc[part]);
    if (result.success) Object.assign(parsed.parts, { [part]: result.data });
    else parsed.issues.push(...describeIssues(result.error, [part], doc[part]));
  }
  return parsed;
}

/** Turns zod issues into paths and Chinese messages naming the official row and column. */
function describeIssues(
  error: z.ZodError,
  prefix: PropertyKey[],
  root: unknown,
): ParsedReport['issues'] {
  const out: ParsedReport['issues'] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    const value = valueAt(root, issue.path);
    const label = pathLabel(path);
    let message: string;
    if (issue.code === 'unrecognized_keys') {
      message = `${label} 中有不认识的字段 ${issue.keys.map((k) => `"${k}"`).join('、')}（未知字段是错误，不会被忽略）`;
    } else if (value === undefined) {
      message = `缺少 ${label}`;
    } else if (
      issue.code === 'invalid_type' &&
      (issue.expected === 'object' || issue.expected === 'record')
    ) {
      message = `${label} 应为对象（实际为 ${shortJson(value)}）`;
    } else if (Array.isArray(value) && (issue.code === 'too_small' || issue.code === 'too_big')) {
      message = `${label} ${issue.message}（实际 ${value.length} 个）`;
    } else {
      message = `${label} ${issue.message}（实际为 ${shortJson(value)}）`;
    }
    out.push({ path: formatPath(path), message });
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const PART_LABELS: Record<string, string> = {
  format: '格式标识 format',
  version: '版本 version',
  org: '单位 org',
  year: '年度 year',
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  appeals: '四、政府信息公开行政复议、行政诉讼情况',
  fees: '六、信息处理费',
  channels: '主动公开渠道 channels',
  narrative: '报告正文 narrative',
};

const PROACTIVE_LABELS: Record<string, string> = {
  rules: '规章',
  normative_documents: '行政规范性文件',
  issued: '本年制发件数',
  abolished: '本年废止件数',
  in_force: '现行有效件数',
  licensing: '行政许可 本年处理决定数量',
  penalty: '行政处罚 本年处理决定数量',
  enforcement: '行政强制 本年处理决定数量',
  fees_10k_yuan: '行政事业性收费 本年收费金额（万元）',
};

const FEE_LABELS: Record<string, string> = {
  notices: '收费通知件数',
  notice_amount_yuan: '通知总金额（元）',
  collected_yuan: '实际收取总金额（元）',
};

/** A readable name for a JSON path, using the official labels of REGULATIONS.md §2.3–2.6. */
export function pathLabel(path: readonly PropertyKey[]): string {
  const [part, second, third] = path;
  const head = PART_LABELS[String(part)] ?? String(part);
  if (second === undefined) return head;
  if (part === 'applications' && second === 'rows' && typeof third === 'string') {
    const row = ROW_LABELS[third as keyof typeof ROW_LABELS] ?? `行 "${third}"`;
    const column = path[3];
    return typeof column === 'number' ? `${row} 的 ${columnLabel(column)} 列` : row;
  }
  if (part === 'appeals') {
    const block = APPEAL_KIND_LABELS[second as keyof typeof APPEAL_KIND_LABELS] ?? String(second);
    return typeof third === 'number'
      ? `四、${block} 的 ${APPEAL_COLUMN_LABELS[third] ?? `第 ${third + 1} 列`}`
      : `四、${block}`;
  }
  if (part === 'proactive') {
    const names = path.slice(1).map((k) => PROACTIVE_LABELS[String(k)] ?? String(k));
    return `二、${names.join(' ')}`;
  }
  if (part === 'fees') return `六、${FEE_LABELS[String(second)] ?? String(second)}`;
  if (part === 'channels')
    return `${CHANNEL_LABELS[second as keyof typeof CHANNEL_LABELS] ?? String(second)}公开条数`;
  return `${head} ${formatPath(path.slice(1))}`;
}

/** The heading of a table 三 column by index. */
export function columnLabel(index: number): string {
  const key = APPLICATION_COLUMNS[index];
  return key ? COLUMN_LABELS[key] : `第 ${index + 1} 列`;
}
