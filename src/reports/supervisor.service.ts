import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate } from '../platform/time.js';
import { descendantIds, listOrgRowsByIds, type OrgRow } from '../orgs/orgs.repository.js';
import type { Finding } from './findings.model.js';
import { importedDocument, reportOrg, storedDocument } from './report.records.js';
import { annualReportDocx } from './render.docx.js';
import { mainFigures, type MainFigures } from './render.shared.js';
import { summaryXlsx, type SummaryRow } from './render.xlsx.js';
import type { TrendPoint } from './render.charts.js';
import { publicationDeadline, type OrgKind } from './reports.model.js';
import type { AnnualReport, PublishedAnnualReport } from './reports.schema.js';
import { STATE_LABELS, checkYear, orgForReports, type ReportState } from './reports.service.js';
import * as repo from './reports.repository.js';
import { zipArchive } from './supervisor.zip.js';

/**
 * The supervising org's view (条例第四十九条: departments submit their reports to the
 * 政府信息公开工作主管部门): every org below it with its report's state and validation status,
 * the sums of the main figures, their trend over the years, and an export of all reports.
 */

/** How a child stands: its report's state, or not started; late once the deadline has passed unpublished. */
export type SupervisedState = ReportState | 'not_started' | 'late';

export interface SupervisedReport {
  org: { id: number; code: string; name: string; kind: OrgKind };
  state: SupervisedState;
  /** The state before lateness is applied (draft, submitted, or none). */
  stage: ReportState | 'not_started';
  deadline: string;
  publishedOn: string | null;
  errors: number;
  warnings: number;
  doc: AnnualReport | null;
}

export interface SupervisionView {
  org: { code: string; name: string };
  year: number;
  reports: SupervisedReport[];
  counts: Record<SupervisedState, number>;
  sums: MainFigures;
  trend: TrendPoint[];
}

const sumFigures = (docs: readonly (PublishedAnnualReport | null)[]): MainFigures => {
  const out = mainFigures(null);
  for (const doc of docs) {
    const f = mainFigures(doc);
    for (const key of Object.keys(out) as Array<keyof MainFigures>) {
      const v = f[key];
      if (v !== null) out[key] = (out[key] ?? 0) + v;
    }
  }
  return out;
};

/** The children (every level below) of the supervising org, by name. */
async function childrenOf(ctx: AppContext, orgId: number): Promise<OrgRow[]> {
  const rows = await listOrgRowsByIds(ctx.db, await descendantIds(ctx.db, orgId));
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The supervision page's data for `year`. */
export async function supervise(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
): Promise<SupervisionView> {
  const parent = await orgForReports(ctx, actor, code, 'supervise');
  checkYear(ctx, year);
  const children = await childrenOf(ctx, parent.id);
  const ids = children.map((c) => c.id);
  const latest = new Map((await repo.latestReports(ctx.db, ids, year)).map((r) => [r.org_id, r]));
  const today = chinaDate(ctx.now());
  const reports = children.map((child): SupervisedReport => {
    const row = latest.get(child.id);
    const deadline = publicationDeadline(child.kind as OrgKind, year);
    // The published revision stays current while an amendment is being drafted.
    const stage = (row?.state ?? 'not_started') as SupervisedReport['stage'];
    const published = stage === 'published' || stage === 'amended' || (row?.revision ?? 1) > 1;
    const findings = row ? (JSON.parse(row.findings) as Finding[]) : [];
    return {
      org: { id: child.id, ...reportOrg(child) },
      stage,
      state: !published && today > deadline ? 'late' : stage,
      deadline,
      publishedOn: row?.published_on ?? null,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      doc: row ? storedDocument(row) : null,
    };
  });
  const counts = Object.fromEntries(
    Object.keys(STATE_LABELS).map((s) => [s, reports.filter((r) => r.state === s).length]),
  ) as Record<SupervisedState, number>;
  return {
    org: { code: parent.code, name: parent.name },
    year,
    reports,
    counts,
    sums: sumFigures(reports.map((r) => r.doc)),
    trend: await trendOf(ctx, children),
  };
}

/**
 * Sums of the main figures per year over the children: each child's published report of the
 * year (else its latest revision, else a report imported as published).
 */
async function trendOf(ctx: AppContext, children: OrgRow[]): Promise<TrendPoint[]> {
  const ids = children.map((c) => c.id);
  const byYear = new Map<number, Map<number, PublishedAnnualReport>>();
  const put = (year: number, orgId: number, doc: PublishedAnnualReport) => {
    const docs = byYear.get(year) ?? new Map<number, PublishedAnnualReport>();
    if (!docs.has(orgId)) docs.set(orgId, doc);
    byYear.set(year, docs);
  };
  for (const r of await repo.publishedReports(ctx.db, ids))
    if (r.state === 'published') put(r.year, r.org_id, storedDocument(r));
  for (const r of await repo.latestReports(ctx.db, ids)) put(r.year, r.org_id, storedDocument(r));
  const byId = new Map(children.map((c) => [c.id, c]));
  for (const f of await repo.figuresRowsOf(ctx.db, ids)) {
    const child = byId.get(f.org_id);
    if (f.source === 'published' && child)
      put(f.year, f.org_id, importedDocument(child, f.year, f.data));
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, docs]) => {
      const s = sumFigures([...docs.values()]);
      return {
        year,
        proactive: s.proactive,
        applications: s.newApplications,
        reviews: s.reviews,
        lawsuits: s.lawsuits,
      };
    });
}

/** The export: a ZIP of every child's report as DOCX plus one XLSX summary. */
export async function exportSupervision(
  ctx: AppContext,
  actor: Actor,
  code: string,
  year: number,
): Promise<{ fileName: string; data: Buffer }> {
  const view = await supervise(ctx, actor, code, year);
  const entries: Array<{ name: string; data: Buffer }> = [];
  for (const r of view.reports) {
    if (!r.doc) continue;
    entries.push({
      name: `${r.org.code}-${year}-${r.org.name}.docx`,
      data: await annualReportDocx(r.doc, { name: r.org.name }),
    });
  }
  const rows: SummaryRow[] = view.reports.map((r) => ({
    org: { code: r.org.code, name: r.org.name },
    year,
    state: STATE_LABELS[r.state],
    errors: r.doc ? r.errors : null,
    warnings: r.doc ? r.warnings : null,
    doc: r.doc,
  }));
  entries.unshift({ name: `${year}年度报告汇总.xlsx`, data: await summaryXlsx(rows) });
  return {
    fileName: `${view.org.code}-${year}-annual-reports.zip`,
    data: zipArchive(entries, ctx.now()),
  };
}
