import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { PortalLayout, type PortalOrg } from '../platform/views/layouts.js';
import { sendPage } from '../platform/views/render.js';
import type { Org } from '../orgs/orgs.model.js';
import { toPortalOrg } from '../portal/portal.presenter.js';
import { orgOr404, portalNav } from '../portal/portal.service.js';
import { storedDocument } from './report.records.js';
import { MEDIA_TYPES, outputFileName, renderReport, type OutputFormat } from './report.outputs.js';
import { AnnualReportBody } from './render.html.js';
import { reportTitle } from './render.shared.js';
import * as repo from './reports.repository.js';

/**
 * The portal's 公开年报 column (条例第四十九条: reports are published to society): the published
 * reports of an org by year, each report page with its tables, and the earlier revisions of an
 * amended report. Only published (and superseded) revisions are public.
 */

type YearParams = {
  Params: { org: string; year: string };
  Querystring: { revision?: string; format?: string };
};
const DOWNLOADS: OutputFormat[] = ['docx', 'xlsx', 'json', 'csv'];

async function nav(ctx: AppContext, org: Org) {
  const items = await portalNav(ctx, org);
  const href = `/${org.code}/annual-reports`;
  return items.some((n) => n.href === href)
    ? items
    : [...items, { href, label: '政府信息公开工作年度报告' }];
}

/** The published revisions of an org, newest year and revision first. */
async function publishedOf(ctx: AppContext, org: Org) {
  return repo.publishedReports(ctx.db, [org.id]);
}

function ReportListPage(props: {
  org: PortalOrg;
  nav: Array<{ href: string; label: string }>;
  elderMode: boolean;
  path: string;
  years: Array<{ year: number; publishedOn: string | null; amended: boolean }>;
}) {
  return (
    <PortalLayout
      org={props.org}
      title="政府信息公开工作年度报告"
      elderMode={props.elderMode}
      currentPath={props.path}
      nav={props.nav}
    >
      <h1>政府信息公开工作年度报告</h1>
      {props.years.length === 0 ? <p>暂无已公开的年度报告。</p> : null}
      <ul class="item-list">
        {props.years.map((y) => (
          <li key={y.year}>
            <a href={`/${props.org.code}/annual-reports/${y.year}`}>
              {reportTitle(props.org.name, y.year)}
            </a>
            <span class="muted">
              {'　'}
              {y.publishedOn}
              {y.amended ? '（已更正）' : ''}
            </span>
          </li>
        ))}
      </ul>
    </PortalLayout>
  );
}

/** Public pages of the annual reports: /{org}/annual-reports and /{org}/annual-reports/{year}. */
export const reportPortalRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;

  app.get<{ Params: { org: string } }>('/:org/annual-reports', async (request, reply) => {
    const org = await orgOr404(ctx, request.params.org);
    const latest = new Map<
      number,
      { year: number; publishedOn: string | null; amended: boolean }
    >();
    for (const r of await publishedOf(ctx, org)) {
      const seen = latest.get(r.year);
      if (!seen)
        latest.set(r.year, { year: r.year, publishedOn: r.published_on, amended: r.revision > 1 });
    }
    const page = (
      <ReportListPage
        org={toPortalOrg(org)}
        nav={await nav(ctx, org)}
        elderMode={request.elderMode}
        path={pathOf(request)}
        years={[...latest.values()]}
      />
    );
    return sendPage(reply, page);
  });

  async function revisionOf(request: FastifyRequest<YearParams>) {
    const org = await orgOr404(ctx, request.params.org);
    const year = /^\d{4}$/.test(request.params.year) ? Number(request.params.year) : NaN;
    const revisions = (await publishedOf(ctx, org)).filter((r) => r.year === year);
    const wanted = request.query.revision ? Number(request.query.revision) : undefined;
    const row = wanted === undefined ? revisions[0] : revisions.find((r) => r.revision === wanted);
    if (!row) throw new NotFoundError('ERR_REPORT_NOT_FOUND', '该年度报告尚未公开。');
    return { org, row, revisions };
  }

  app.get<YearParams>('/:org/annual-reports/:year', async (request, reply) => {
    const { org, row, revisions } = await revisionOf(request);
    const portalOrg = toPortalOrg(org);
    const base = `/${org.code}/annual-reports/${row.year}`;
    const page = (
      <PortalLayout
        org={portalOrg}
        title={reportTitle(org.name, row.year)}
        elderMode={request.elderMode}
        currentPath={pathOf(request)}
        nav={await nav(ctx, org)}
      >
        {row.state === 'amended' ? (
          <p class="notice notice--info" role="status">
            本页为已被更正的旧版本（第{row.revision}版）。<a href={base}>查看现行版本</a>
          </p>
        ) : null}
        <AnnualReportBody
          doc={storedDocument(row)}
          org={portalOrg}
          revision={{ number: row.revision, date: row.published_on, note: row.change_note }}
        />
        <h2>下载</h2>
        <ul>
          {DOWNLOADS.map((f) => (
            <li key={f}>
              <a href={`${base}/download?format=${f}&revision=${row.revision}`}>
                {f.toUpperCase()} 格式
              </a>
            </li>
          ))}
        </ul>
        {revisions.length > 1 ? (
          <>
            <h2>历史版本</h2>
            <ul>
              {revisions.map((r) => (
                <li key={r.revision}>
                  <a href={`${base}?revision=${r.revision}`}>第{r.revision}版</a>（{r.published_on}
                  公开{r.change_note ? `，更正说明：${r.change_note}` : ''}）
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </PortalLayout>
    );
    return sendPage(reply, page);
  });

  app.get<YearParams>('/:org/annual-reports/:year/download', async (request, reply) => {
    const { org, row } = await revisionOf(request);
    const format = request.query.format as OutputFormat;
    if (!DOWNLOADS.includes(format)) throw new NotFoundError('ERR_REPORT_FORMAT', '不支持该格式。');
    const revision = { number: row.revision, date: row.published_on, note: row.change_note };
    const body = await renderReport(storedDocument(row), toPortalOrg(org), format, revision);
    return reply
      .type(MEDIA_TYPES[format])
      .header(
        'content-disposition',
        `attachment; filename="${outputFileName(org.code, row.year, format, row.revision)}"`,
      )
      .send(body);
  });
};
