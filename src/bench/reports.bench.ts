import http from 'node:http';
import { Document, Packer, Paragraph } from 'docx';
import { sql } from 'kysely';
import { systemActor, type Actor } from '../platform/authz.js';
import { contextFor } from '../platform/bootstrap.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logger.js';
import { findOrgByCode } from '../orgs/orgs.repository.js';
import { latestReports } from '../reports/reports.repository.js';
import { renderReport } from '../reports/report.outputs.js';
import {
  generateDocument,
  generateReport,
  getReport,
  validateDocument,
} from '../reports/reports.service.js';
import { supervise } from '../reports/supervisor.service.js';
import { benchConfig, ensureBenchDataset, type BenchManifest } from './dataset.js';
import { BIG_ORG_CODE, BIG_YEAR } from './generate.js';
import { benchSession } from './session.js';
import { startBenchServer } from './spawn.js';
import { ms, request, timeSeq, type Summary } from './stats.js';

/**
 * Benchmark of issue 5 (年度报告) on the bench dataset: for the org-year with 100,000
 * applications, the figures and their validation, the page's 生成 action, and the DOCX; the
 * supervisor's view over the 500 children (service and page). Each beside a floor measured in
 * the same run: the bare GROUP BY of table 三, reading the stored revision, packing a
 * one-paragraph DOCX with the same library, the bare query of the children's latest reports.
 */

export interface ReportsFigures {
  target: 'sqlite' | 'postgres';
  manifest: BenchManifest;
  setupSeconds: number;
  setupReports: number;
  rows: Array<{ measure: string; s: Summary; target: number | null; floorOf?: string }>;
  findings: { errors: number; warnings: number };
  docxBytes: number;
}

export async function runReportsBench(
  target: 'sqlite' | 'postgres',
  opts: { scale: number; runs: number; log: (l: string) => void },
): Promise<ReportsFigures> {
  const { databaseUrl, manifest } = await ensureBenchDataset(target, {
    scale: opts.scale,
    log: opts.log,
  });
  const database = openDatabase(databaseUrl);
  const ctx = await contextFor(benchConfig(databaseUrl), database, createLogger('silent'));
  try {
    const org = await findOrgByCode(ctx.db, BIG_ORG_CODE);
    const root = await findOrgByCode(ctx.db, manifest.rootOrg);
    if (!org || !root)
      throw new Error('bench orgs missing: rebuild with npm run bench:data -- --force');
    const admin: Actor = systemActor('压测');
    const year = BIG_YEAR;

    // Setup (once per dataset): every child's report for the year and the one before, through
    // generateReport like the page's 生成 button, so the supervisor sees 500 drafts and a trend.
    const children = await ctx.db
      .selectFrom('orgs')
      .select(['id', 'code'])
      .where('parent_id', '=', root.id)
      .execute();
    const t0 = performance.now();
    let made = 0;
    for (const y of [year - 1, year]) {
      const have = new Set(
        (
          await latestReports(
            ctx.db,
            children.map((c) => c.id),
            y,
          )
        ).map((r) => r.org_id),
      );
      for (const c of children) {
        if (have.has(c.id)) continue;
        await generateReport(ctx, admin, c.code, y);
        made++;
        if (made % 100 === 0) opts.log(`[${target}] setup: ${made} reports generated`);
      }
    }
    const setupSeconds = (performance.now() - t0) / 1000;
    opts.log(`[${target}] setup: ${made} reports generated in ${setupSeconds.toFixed(1)} s`);

    const runs = opts.runs;
    const rows: ReportsFigures['rows'] = [];
    opts.log(`[${target}] figures + validation ×${runs}`);
    let findings = { errors: 0, warnings: 0 };
    rows.push({
      measure: `figures + validation of ${BIG_ORG_CODE} ${year} (generateDocument + validateDocument)`,
      target: 1000,
      s: await timeSeq(
        async () => {
          const doc = await generateDocument(ctx.db, org, year);
          const f = await validateDocument(ctx, ctx.db, org, doc, null);
          findings = {
            errors: f.filter((x) => x.severity === 'error').length,
            warnings: f.filter((x) => x.severity === 'warning').length,
          };
        },
        runs,
        1,
      ),
    });
    rows.push({
      measure: "the page's 生成 action (generateReport: figures, validation, save, audit)",
      target: null,
      s: await timeSeq(
        () => generateReport(ctx, admin, org.code, year),
        Math.max(3, Math.ceil(runs / 2)),
        1,
      ),
    });
    rows.push({
      measure: 'floor: bare GROUP BY of table 三 (applicant type × outcome) for the org-year',
      target: null,
      floorOf: 'figures',
      s: await timeSeq(
        () =>
          sql`SELECT applicant_type, outcome, COUNT(*) AS n FROM applications
              WHERE org_id = ${org.id} AND received_on >= ${`${year}-01-01`} AND received_on <= ${`${year}-12-31`}
              GROUP BY applicant_type, outcome`.execute(ctx.db),
        runs,
        1,
      ),
    });

    opts.log(`[${target}] DOCX ×${runs}`);
    let docxBytes = 0;
    rows.push({
      measure: 'DOCX of the report (getReport + renderReport, as the download route)',
      target: 2000,
      s: await timeSeq(
        async () => {
          const view = await getReport(ctx, admin, org.code, year);
          if (!view) throw new Error('report missing');
          const body = await renderReport(view.doc, { name: view.org.name }, 'docx', {
            number: view.revision,
            date: view.publishedOn,
            note: view.changeNote,
          });
          docxBytes = body.length;
        },
        runs,
        1,
      ),
    });
    rows.push({
      measure: 'floor: reading the stored revision (getReport)',
      target: null,
      floorOf: 'docx',
      s: await timeSeq(() => getReport(ctx, admin, org.code, year), runs, 1),
    });
    rows.push({
      measure: 'floor: packing a one-paragraph DOCX with the same library',
      target: null,
      floorOf: 'docx',
      s: await timeSeq(
        () =>
          Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('年度报告')] }] })),
        runs,
        1,
      ),
    });

    opts.log(`[${target}] supervisor ×${runs}`);
    const sup = await benchSession(ctx, `bench-supervisor-${target}`, [
      { orgCode: manifest.rootOrg, role: 'supervisor' },
    ]);
    const supActor: Actor = {
      userId: sup.userId,
      username: `bench-supervisor-${target}`,
      isPlatformAdmin: false,
      grants: [{ orgId: root.id, role: 'supervisor' }],
    };
    let childCount = 0;
    rows.push({
      measure: `supervisor's view of ${manifest.rootOrg} over its children (supervise)`,
      target: 5000,
      s: await timeSeq(
        async () => {
          const v = await supervise(ctx, supActor, manifest.rootOrg, year);
          childCount = v.reports.length;
        },
        runs,
        1,
      ),
    });
    const server = await startBenchServer(databaseUrl);
    try {
      const agent = new http.Agent({ keepAlive: true });
      rows.push({
        measure: `supervisor's page over HTTP (supervise + charts + HTML)`,
        target: 5000,
        s: await timeSeq(
          async () => {
            const r = await request(agent, server.port, {
              path: `/admin/orgs/${manifest.rootOrg}/reports/supervise?year=${year}`,
              headers: { cookie: sup.cookie },
            });
            if (r.status !== 200) throw new Error(`supervise page answered ${r.status}`);
          },
          Math.max(3, Math.ceil(runs / 2)),
          1,
        ),
      });
      agent.destroy();
    } finally {
      await server.stop();
    }
    rows.push({
      measure: "floor: bare query of the children's latest reports of the year",
      target: null,
      floorOf: 'supervisor',
      s: await timeSeq(
        () =>
          latestReports(
            ctx.db,
            children.map((c) => c.id),
            year,
          ),
        runs,
        1,
      ),
    });
    opts.log(`[${target}] supervisor saw ${childCount} children`);
    return { target, manifest, setupSeconds, setupReports: made, rows, findings, docxBytes };
  } finally {
    await database.close();
  }
}

export function reportsTable(figs: readonly ReportsFigures[]): string {
  const lines = [
    '| database | measure | runs | median ms | p95 ms | max ms | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of figs) {
    const db = f.target === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    for (const r of f.rows) {
      const met = r.target === null ? '—' : r.s.p95 <= r.target ? 'yes' : 'no';
      lines.push(
        `| ${db} | ${r.measure} | ${r.s.n} | ${ms(r.s.p50)} | ${ms(r.s.p95)} | ${ms(r.s.p99)} | ${r.target === null ? '—' : `≤ ${r.target / 1000} s`} | ${met} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Ratios of each measure to its floor, per database, as a sentence. */
export function reportsRatios(figs: readonly ReportsFigures[]): string {
  return figs
    .map((f) => {
      const get = (prefix: string) =>
        f.rows.find((r) => r.measure.startsWith(prefix))?.s.p50 ?? NaN;
      const figures = get('figures + validation') / get('floor: bare GROUP BY');
      const docx = get('DOCX of the report') / get('floor: packing');
      const sup = get("supervisor's view") / get("floor: bare query of the children's");
      return `${f.target === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: figures ÷ GROUP BY ${figures.toFixed(0)}×, DOCX ÷ bare DOCX ${docx.toFixed(1)}×, supervisor ÷ bare query ${sup.toFixed(0)}× (medians); validation found ${f.findings.errors} errors and ${f.findings.warnings} warnings; DOCX ${Math.round(f.docxBytes / 1024)} KB; setup generated ${f.setupReports} children's reports in ${f.setupSeconds.toFixed(0)} s.`;
    })
    .join(' ');
}
