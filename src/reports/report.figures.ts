import { z } from 'zod';
import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db/database.js';
import { ValidationError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { parseInput, formatPath } from '../platform/validation.js';
import { toJsonFinding, type Finding } from './findings.model.js';
import { FIRST_2021_FORMAT_YEAR } from './reports.model.js';
import { publishedAnnualReportSchema, type PublishedAnnualReport } from './reports.schema.js';
import { checkYear, orgForReports } from './reports.service.js';
import * as repo from './reports.repository.js';
import { validateReports } from './validate.model.js';

/**
 * Figures the platform cannot derive (EXCHANGE.md §1.5), per org and year: the staff form of
 * table 二 第（五）（六）（八）项 (行政许可、行政处罚、行政强制 decisions from other systems, and
 * 行政事业性收费 income in 万元), and reports published before the platform was used (so that
 * the cross-year checks work from the first year). A missing part stays absent, never zero.
 */

/** What is stored: the known parts of a gongkai-annual-report document. */
export type FiguresData = Omit<
  Partial<PublishedAnnualReport>,
  'format' | 'version' | 'org' | 'year'
>;

/**
 * Creates or updates one annual-figures entry; an unchanged entry writes nothing (so imports are
 * idempotent). Audited. Returns what happened.
 */
export async function upsertFigures(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  org: { id: number; code: string },
  year: number,
  source: 'manual' | 'published',
  data: FiguresData,
): Promise<'created' | 'updated' | 'unchanged'> {
  const json = JSON.stringify(data);
  const now = isoNow(ctx.now());
  const stored = await repo.figuresRow(trx, org.id, year, source);
  if (stored?.data === json) return 'unchanged';
  if (stored)
    await repo.updateFigures(trx, stored.id, {
      data: json,
      updated_by: actor.userId || null,
      updated_at: now,
    });
  else
    await repo.insertFigures(trx, {
      org_id: org.id,
      year,
      source,
      data: json,
      updated_by: actor.userId || null,
      created_at: now,
      updated_at: now,
    });
  await audit(ctx, trx, actor, {
    orgId: org.id,
    action: stored ? 'annual_figures.update' : 'annual_figures.create',
    targetType: 'annual_figures',
    targetId: `${org.code}/${year}/${source}`,
    before: stored ? (JSON.parse(stored.data) as Record<string, unknown>) : null,
    after: data as Record<string, unknown>,
  });
  return stored ? 'updated' : 'created';
}

const formNumber = (label: string, integer: boolean) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z
      .number({ message: `请填写${label}（没有的填0）` })
      .refine((n) => Number.isFinite(n), `${label}应为数字`)
      .refine((n) => n >= 0, `${label}不能为负数`)
      .refine((n) => !integer || Number.isInteger(n), `${label}应为整数`),
  );

/** The staff form of table 二 第（五）（六）（八）项. */
export const manualFiguresSchema = z.object({
  licensing: formNumber('行政许可本年处理决定数量', true),
  penalty: formNumber('行政处罚本年处理决定数量', true),
  enforcement: formNumber('行政强制本年处理决定数量', true),
  fees_10k_yuan: formNumber('行政事业性收费本年收费金额', false),
});

/** The manual figures of a year, or null when none were entered. */
export async function manualFigures(ctx: AppContext, actor: Actor, code: string, year: number) {
  const org = await orgForReports(ctx, actor, code, 'read');
  const row = await repo.figuresRow(ctx.db, org.id, year, 'manual');
  return row ? ((JSON.parse(row.data) as FiguresData).proactive ?? {}) : null;
}

/** Saves the staff form of table 二 第（五）（六）（八）项 for `year`. */
export async function saveManualFigures(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
  raw: unknown,
) {
  const org = await orgForReports(ctx, actor, code, 'edit');
  checkYear(ctx, year);
  const proactive = parseInput(manualFiguresSchema, raw);
  await ctx.db
    .transaction()
    .execute((trx) => upsertFigures(ctx, trx, actor, org, year, 'manual', { proactive }));
}

/**
 * A published report as stored: the 2019 trial format's (2019–2020 reports, REGULATIONS.md §2.7)
 * table 二 means other things and is dropped; its single （六）其他处理 row is 3.其他.
 */
export function comparableParts(doc: PublishedAnnualReport): FiguresData {
  const { format: _f, version: _v, org: _o, year, ...parts } = doc;
  if (year >= FIRST_2021_FORMAT_YEAR) return parts;
  const { proactive: _p, ...rest } = parts;
  const apps = rest.applications;
  if (!apps) return rest;
  const rows = apps.rows;
  const other = rows.other.map(
    (n, i) => n + (rows.other_correction_overdue[i] ?? 0) + (rows.other_fee_unpaid[i] ?? 0),
  );
  const zero = () => other.map(() => 0);
  return {
    ...rest,
    applications: {
      ...apps,
      rows: { ...rows, other, other_correction_overdue: zero(), other_fee_unpaid: zero() },
    },
  };
}

/**
 * Imports a report published before the platform was used (a gongkai-annual-report document,
 * checked with the published schema: parts may be absent, present parts whole). It must be the
 * org's own and of a past year. Returns its validation findings (shown, not blocking).
 */
export async function importPublishedReport(
  ctx: AppContext,
  actor: Actor,
  code: string,
  raw: unknown,
): Promise<{ year: number; result: 'created' | 'updated' | 'unchanged'; findings: Finding[] }> {
  const org = await orgForReports(ctx, actor, code, 'edit');
  const doc = parseInput(publishedAnnualReportSchema, raw, '年度报告数据文件格式有误，未导入。');
  if (doc.org.code !== org.code)
    throw new ValidationError(
      { 'org.code': `文件属于单位 ${doc.org.code}，不是本单位（${org.code}）` },
      '文件不属于本单位，未导入。',
      'ERR_REPORT_IMPORT_ORG',
    );
  checkYear(ctx, doc.year);
  const findings = validateReports([doc]).map(toJsonFinding);
  const result = await ctx.db
    .transaction()
    .execute((trx) =>
      upsertFigures(ctx, trx, actor, org, doc.year, 'published', comparableParts(doc)),
    );
  return { year: doc.year, result, findings };
}

/** Problems of the parts of a published-report record, by JSON path under `prefix`. */
export function publishedPartProblems(
  prefix: string,
  record: Record<string, unknown>,
): Record<string, string> {
  const { org: _org, year, source: _source, ...parts } = record;
  const result = publishedAnnualReportSchema.safeParse({
    format: 'gongkai-annual-report',
    version: 1,
    org: { code: 'check', name: 'check', kind: 'other' },
    year,
    ...parts,
  });
  const out: Record<string, string> = {};
  if (!result.success)
    for (const issue of result.error.issues) {
      const key = `${prefix}.${formatPath(issue.path)}`;
      if (!(key in out)) out[key] = issue.message;
    }
  return out;
}
