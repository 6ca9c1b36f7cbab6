import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import type { Conn, Tx } from '../platform/db/database.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../platform/errors.js';
import { chinaDate, isoNow } from '../platform/time.js';
import { findOrgAndScope, type OrgRow } from '../orgs/orgs.repository.js';
import { computeAnnualReport } from './figures.model.js';
import { toJsonFinding, type Finding } from './findings.model.js';
import {
  defaultTemplate,
  draftNarrative,
  templateFromNarrative,
  type NarrativeTemplate,
} from './narrative-draft.model.js';
import {
  loadReportFigures,
  missingFiguresOf,
  overdueCount,
  previousReport,
  publishedItemCount,
  reportOrg,
  storedDocument,
} from './report.records.js';
import { publicationDeadline, type IsoDate, type OrgKind } from './reports.model.js';
import { can, type ReportAction } from './reports.policy.js';
import * as repo from './reports.repository.js';
import type { AnnualReport } from './reports.schema.js';
import { validateReports } from './validate.model.js';

/**
 * The annual report of an org (条例第四十九条、第五十条), generated from its records: the tables
 * are never typed in (a wrong figure is fixed at its records), the text starts as a draft from
 * the figures, and every save is validated (EXCHANGE.md §2.2). Workflow: report.workflow.ts.
 */

/** A warning accepted with a reason before submission. */
export interface Acknowledgement {
  code: string;
  path: string;
  reason: string;
  by: string;
  at: string;
}

/** Revision states; `amended` is a published revision replaced by a newer one. */
export type ReportState = 'draft' | 'submitted' | 'published' | 'amended';
export const STATE_LABELS: Record<ReportState | 'not_started' | 'late', string> = {
  not_started: '未开始',
  draft: '草稿',
  submitted: '已报送',
  published: '已公开',
  amended: '已更正（旧版本）',
  late: '逾期未公开',
};

/** What the staff report page shows. */
export interface ReportView {
  id: number;
  org: { id: number; code: string; name: string; kind: OrgKind };
  year: number;
  revision: number;
  state: ReportState;
  doc: AnnualReport;
  findings: Finding[];
  acknowledgements: Acknowledgement[];
  unacknowledged: Finding[];
  missingFigures: string[];
  deadline: IsoDate;
  daysLeft: number;
  changeNote: string | null;
  publishedOn: IsoDate | null;
  revisions: Array<{
    revision: number;
    state: ReportState;
    publishedOn: string | null;
    changeNote: string | null;
  }>;
}

/** The org by code, checked against the policy; ERR_ORG_NOT_FOUND / ERR_REPORT_FORBIDDEN. */
export async function orgForReports(
  ctx: AppContext,
  actor: Actor,
  code: string,
  action: ReportAction,
): Promise<OrgRow> {
  const found = await findOrgAndScope(ctx.db, code);
  if (!found) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  if (!can(actor, action, found.scope))
    throw new ForbiddenError('ERR_REPORT_FORBIDDEN', '您没有处理该单位年度报告的权限。');
  return found.row;
}

/** A report year: from 2008 (条例 in force) to the year before today. */
export function checkYear(ctx: AppContext, year: number): number {
  const current = Number(chinaDate(ctx.now()).slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year >= current)
    throw new ValidationError(
      { year: `年度应为 2008 至 ${current - 1} 之间的整数` },
      undefined,
      'ERR_REPORT_YEAR',
    );
  return year;
}

/** Days from `today` to the deadline (negative when passed). */
export const daysBetween = (from: IsoDate, to: IsoDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The figures of an org's report for `year`, straight from the records (the CLI's JSON). */
export async function generateDocument(
  conn: Conn,
  org: OrgRow,
  year: number,
  narrative?: AnnualReport['narrative'],
): Promise<AnnualReport> {
  // Table 三 and the fees are counted by the database (loadReportFigures), not case by case.
  const { input, applications, fees } = await loadReportFigures(conn, org, year);
  const doc = { ...computeAnnualReport(input, year), applications, fees };
  if (narrative) return { ...doc, narrative };
  return {
    ...doc,
    narrative: await draftFor(conn, org, year, doc, publishedItemCount(input, year)),
  };
}

/** The text draft of a report: figures' sentences plus the org's own paragraphs of last year. */
async function draftFor(
  conn: Conn,
  org: OrgRow,
  year: number,
  report: AnnualReport,
  publishedItems: number,
): Promise<AnnualReport['narrative']> {
  const previous = await previousReport(conn, org, year);
  const base = defaultTemplate(org.kind as OrgKind);
  const template: NarrativeTemplate = previous?.narrative
    ? templateFromNarrative(previous.narrative, year - 1, year, base)
    : base;
  const overdue = await overdueCount(conn, org.id, year);
  return draftNarrative({ year, report, previous, publishedItems, overdue, template });
}

/**
 * Validates a revision's document with the previous year's report (cross-year checks) as of
 * its publication date, or today for one not yet published (LATE: 条例第四十九条).
 */
export async function validateDocument(
  ctx: AppContext,
  conn: Conn,
  org: OrgRow,
  doc: AnnualReport,
  publishedOn: IsoDate | null,
): Promise<Finding[]> {
  const previous = await previousReport(conn, org, doc.year);
  const docs = previous ? [previous, doc] : [doc];
  const index = docs.length - 1;
  const on = publishedOn ?? chinaDate(ctx.now());
  return validateReports(docs, { publishedOn: new Map([[index, on]]) })
    .filter((f) => f.doc === index)
    .map(toJsonFinding);
}

export const ackKey = (f: { code: string; path: string }) => `${f.code} ${f.path}`;

/** Warnings without an acknowledgement. */
export function unacknowledged(findings: Finding[], acks: Acknowledgement[]): Finding[] {
  const done = new Set(acks.map(ackKey));
  return findings.filter((f) => f.severity === 'warning' && !done.has(ackKey(f)));
}

/** Builds the view of a stored revision. */
export async function viewOf(
  ctx: AppContext,
  org: OrgRow,
  row: repo.AnnualReportRow,
  revisions: repo.AnnualReportRow[],
): Promise<ReportView> {
  const doc = storedDocument(row);
  const findings = JSON.parse(row.findings) as Finding[];
  const acknowledgements = JSON.parse(row.acknowledgements) as Acknowledgement[];
  const deadline = publicationDeadline(org.kind as OrgKind, row.year);
  return {
    id: row.id,
    org: { id: org.id, ...reportOrg(org) },
    year: row.year,
    revision: row.revision,
    state: row.state as ReportState,
    doc,
    findings,
    acknowledgements,
    unacknowledged: unacknowledged(findings, acknowledgements),
    missingFigures: row.state === 'draft' ? await missingFiguresOf(ctx.db, org, row.year) : [],
    deadline,
    daysLeft: daysBetween(chinaDate(ctx.now()), deadline),
    changeNote: row.change_note,
    publishedOn: row.published_on,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      state: r.state as ReportState,
      publishedOn: r.published_on,
      changeNote: r.change_note,
    })),
  };
}

/** The staff view of a report (the latest revision, or the one asked for); null when none. */
export async function getReport(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
  revision?: number,
): Promise<ReportView | null> {
  const org = await orgForReports(ctx, actor, code, 'read');
  const revisions = await repo.reportRevisions(ctx.db, org.id, year);
  const row =
    revision === undefined ? revisions[0] : revisions.find((r) => r.revision === revision);
  if (!row) {
    if (revision !== undefined)
      throw new NotFoundError('ERR_REPORT_NOT_FOUND', '该版本的年度报告不存在。');
    return null;
  }
  return viewOf(ctx, org, row, revisions);
}

/** The latest revision, which must be a draft (tables and text can only change then). */
export async function latestDraft(conn: Conn, orgId: number, year: number) {
  const [latest] = await repo.reportRevisions(conn, orgId, year);
  if (!latest) throw new NotFoundError('ERR_REPORT_NOT_FOUND', '该年度的年度报告尚未生成。');
  if (latest.state !== 'draft')
    throw new ConflictError(
      'ERR_REPORT_NOT_DRAFT',
      '年度报告已报送或公开，不能再修改；如需修改请发布更正版本。',
    );
  return latest;
}

/**
 * Generates the report of `year` from the records: creates the draft (tables and text draft),
 * or refreshes the tables of the existing draft, keeping its text. Validated and audited.
 */
export async function generateReport(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
): Promise<{ created: boolean }> {
  const org = await orgForReports(ctx, actor, code, 'edit');
  checkYear(ctx, year);
  return ctx.db.transaction().execute(async (trx) => {
    const [latest] = await repo.reportRevisions(trx, org.id, year);
    if (latest && latest.state !== 'draft')
      throw new ConflictError(
        'ERR_REPORT_NOT_DRAFT',
        '年度报告已报送或公开；如需修改请发布更正版本。',
      );
    const narrative = latest ? storedDocument(latest).narrative : undefined;
    await saveRevision(
      ctx,
      trx,
      actor,
      org,
      year,
      latest ?? null,
      await generateDocument(trx, org, year, narrative),
    );
    return { created: !latest };
  });
}

/**
 * Stores a draft revision (new, or an update of `existing`) with its document validated; the
 * figures are kept apart from the text so that only the text is ever edited.
 */
export async function saveRevision(
  ctx: AppContext,
  trx: Tx,
  actor: Actor,
  org: OrgRow,
  year: number,
  existing: repo.AnnualReportRow | null,
  doc: AnnualReport,
  extra: { revision?: number; changeNote?: string | null } = {},
): Promise<void> {
  const findings = await validateDocument(ctx, trx, org, doc, null);
  const { narrative, ...figures } = doc;
  const now = isoNow(ctx.now());
  const values = {
    doc: JSON.stringify(figures),
    narrative: JSON.stringify(narrative),
    findings: JSON.stringify(findings),
    updated_by: actor.userId || null,
    updated_at: now,
  };
  if (existing) await repo.updateReport(trx, existing.id, values);
  else
    await repo.insertReport(trx, {
      ...values,
      org_id: org.id,
      year,
      revision: extra.revision ?? 1,
      state: 'draft',
      acknowledgements: '[]',
      change_note: extra.changeNote ?? null,
      created_by: actor.userId || null,
      created_at: now,
    });
  await audit(ctx, trx, actor, {
    orgId: org.id,
    action: existing ? 'report.update' : 'report.create',
    targetType: 'annual_report',
    targetId: `${org.code}/${year}/${existing?.revision ?? extra.revision ?? 1}`,
    after: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.length,
    },
  });
}
