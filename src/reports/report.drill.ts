import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { drilldown, isDrillablePath } from './report.drilldown.model.js';
import { loadReportInput } from './report.records.js';
import {
  APPEAL_COLUMN_LABELS,
  APPEAL_KIND_LABELS,
  APPLICATION_COLUMNS,
  CHANNEL_LABELS,
  COLUMN_LABELS,
  ROW_LABELS,
  type AppealKind,
  type Channel,
  type RowKey,
} from './reports.model.js';
import { orgForReports } from './reports.service.js';
import * as repo from './reports.repository.js';

/**
 * The records behind one figure of an org's report (drill-down): the applications, items or
 * appeals counted in it by the counting rules of EXCHANGE.md §2.1, read from the records as they
 * are now.
 */

/** The official name of a figure: 表三 二、上年结转政府信息公开申请数量（自然人）. */
export function figureLabel(path: string): string {
  const m = /^applications\.rows\.(\w+)\[(\d)\]$/.exec(path);
  if (m) {
    const column = APPLICATION_COLUMNS[Number(m[2])];
    return `表三 ${ROW_LABELS[m[1] as RowKey]}（${column ? COLUMN_LABELS[column] : ''}）`;
  }
  const a = /^appeals\.(\w+)\[(\d)\]$/.exec(path);
  if (a)
    return `表四 ${APPEAL_KIND_LABELS[a[1] as AppealKind]}（${APPEAL_COLUMN_LABELS[Number(a[2])] ?? ''}）`;
  const c = /^channels\.(\w+)$/.exec(path);
  if (c) return `主动公开渠道：${CHANNEL_LABELS[c[1] as Channel]}`;
  const p = /^proactive\.(rules|normative_documents)\.(issued|abolished|in_force)$/.exec(path);
  if (p)
    return `表二 ${p[1] === 'rules' ? '规章' : '行政规范性文件'}（${{ issued: '本年制发件数', abolished: '本年废止件数', in_force: '现行有效件数' }[p[2] as 'issued']}）`;
  return (
    {
      'fees.notices': '六、信息处理费 收费通知件数',
      'fees.notice_amount_yuan': '六、信息处理费 通知总金额',
      'fees.collected_yuan': '六、信息处理费 实际收取总金额',
    }[path] ?? path
  );
}

export interface DrillView {
  org: { code: string; name: string };
  year: number;
  path: string;
  label: string;
  items: Awaited<ReturnType<typeof repo.itemsByRefs>>;
  applications: Awaited<ReturnType<typeof repo.applicationsByRefs>>;
  appeals: Awaited<ReturnType<typeof repo.appealsByRefs>>;
  count: number;
}

/** The records behind the figure at `path` (a JSON path such as applications.rows.carried_in[0]). */
export async function drill(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
  path: string,
): Promise<DrillView> {
  const org = await orgForReports(ctx, actor, code, 'read');
  if (!isDrillablePath(path))
    throw new ValidationError(
      { path: '该数据不是由平台记录统计得出（如表二中来自其他系统的数据）' },
      undefined,
      'ERR_REPORT_DRILL_PATH',
    );
  const refs = drilldown(await loadReportInput(ctx.db, org, year), year).get(path) ?? [];
  const of = (kind: string) => refs.filter((r) => r.kind === kind).map((r) => r.ref);
  return {
    org: { code: org.code, name: org.name },
    year,
    path,
    label: figureLabel(path),
    items: await repo.itemsByRefs(ctx.db, org.id, of('item')),
    applications: await repo.applicationsByRefs(ctx.db, org.id, of('application')),
    appeals: await repo.appealsByRefs(ctx.db, org.id, of('appeal')),
    count: refs.length,
  };
}
