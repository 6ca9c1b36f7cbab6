import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { AppError, NotFoundError, ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { chinaDate } from '../platform/time.js';
import { sendPage } from '../platform/views/render.js';
import { drill } from './report.drill.js';
import { ReportBlockedError } from './report.errors.js';
import { manualFigures, saveManualFigures } from './report.figures.js';
import { DrillPage, FiguresPage } from './report.forms.views.js';
import { importRoutes } from './report.import.routes.js';
import {
  OUTPUT_FORMATS,
  MEDIA_TYPES,
  outputFileName,
  renderReport,
  type OutputFormat,
} from './report.outputs.js';
import { reportPortalRoutes } from './report.portal.js';
import * as workflow from './report.workflow.js';
import { generateReport, getReport, orgForReports } from './reports.service.js';
import * as repo from './reports.repository.js';
import { ReportPage, ReportsIndexPage, type ActionError } from './reports.views.js';
import { exportSupervision, supervise } from './supervisor.service.js';
import { SupervisePage } from './supervisor.views.js';

type OrgParams = { Params: { code: string } };
type YearParams = { Params: { code: string; year: string } };

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;
const formOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;

/** The year in a URL; ERR_REPORT_YEAR (404) when it is not one. */
export function yearParam(text: string | undefined): number {
  if (!text || !/^\d{4}$/.test(text)) throw new NotFoundError('ERR_REPORT_YEAR', '年度不正确。');
  return Number(text);
}

/**
 * The annual report in the back office (条例第四十九条、第五十条): generate, check, write the
 * text, acknowledge warnings, submit, publish, amend, download, drill down to the records, and
 * supervise the children. Forms post → redirect → get; a refused action re-renders the page
 * with its code and the findings behind it.
 */
export const reportsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(importRoutes, { ctx });
  await app.register(reportPortalRoutes, { ctx });
  const base = (code: string, year: number) => `/admin/orgs/${code}/reports/${year}`;
  const defaultYear = () => Number(chinaDate(ctx.now()).slice(0, 4)) - 1;

  async function showReport(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    code: string,
    year: number,
    error?: ActionError,
    status = 200,
  ) {
    const revision = (request.query as { revision?: string }).revision;
    const view = await getReport(ctx, actor, code, year, revision ? Number(revision) : undefined);
    if (!view) return reply.redirect(`/admin/orgs/${code}/reports?year=${year}`, 303);
    return sendPage(
      reply,
      <ReportPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        view={view}
        error={error}
      />,
      status,
    );
  }

  async function showIndex(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    code: string,
    errors?: Record<string, string>,
    errorCode?: string,
  ) {
    const org = await orgForReports(ctx, actor, code, 'read');
    const reports = (await repo.latestReports(ctx.db, [org.id]))
      .sort((a, b) => b.year - a.year)
      .map((r) => ({ year: r.year, revision: r.revision, state: r.state as 'draft' }));
    const page = (
      <ReportsIndexPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        org={org}
        reports={reports}
        defaultYear={defaultYear()}
        errors={errors}
        code={errorCode}
      />
    );
    return sendPage(reply, page, errors ? 400 : 200);
  }

  app.get<OrgParams>('/admin/orgs/:code/reports', (request, reply) =>
    showIndex(request, reply, requireActor(request), request.params.code),
  );

  app.post<OrgParams>('/admin/orgs/:code/reports', async (request, reply) => {
    const actor = requireActor(request);
    const { code } = request.params;
    const text = formOf(request).year ?? '';
    try {
      const year = /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
      await generateReport(ctx, actor, code, year);
      return reply.redirect(base(code, year), 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return showIndex(request, reply, actor, code, err.fields, err.code);
    }
  });

  app.get<YearParams>('/admin/orgs/:code/reports/:year', (request, reply) =>
    showReport(
      request,
      reply,
      requireActor(request),
      request.params.code,
      yearParam(request.params.year),
    ),
  );

  /** Runs an action on the report and redirects back, or re-renders the page with why it was refused. */
  const action =
    (
      run: (
        actor: Actor,
        code: string,
        year: number,
        body: Record<string, string>,
      ) => Promise<unknown>,
    ) =>
    async (request: FastifyRequest<YearParams>, reply: FastifyReply) => {
      const actor = requireActor(request);
      const { code } = request.params;
      const year = yearParam(request.params.year);
      try {
        await run(actor, code, year, formOf(request));
        return reply.redirect(base(code, year), 303);
      } catch (err) {
        if (err instanceof ReportBlockedError)
          return showReport(
            request,
            reply,
            actor,
            code,
            year,
            { code: err.code, message: err.message, findings: err.findings },
            err.status,
          );
        if (err instanceof ValidationError)
          return showReport(
            request,
            reply,
            actor,
            code,
            year,
            { code: err.code, message: err.message, fields: err.fields },
            400,
          );
        if (err instanceof AppError && err.status === 409)
          return showReport(
            request,
            reply,
            actor,
            code,
            year,
            { code: err.code, message: err.message },
            409,
          );
        throw err;
      }
    };

  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/generate',
    action((a, c, y) => generateReport(ctx, a, c, y)),
  );
  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/narrative',
    action((a, c, y, b) => workflow.saveNarrative(ctx, a, c, y, b)),
  );
  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/redraft',
    action((a, c, y) => workflow.redraftNarrative(ctx, a, c, y)),
  );
  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/acknowledge',
    action((a, c, y, b) => {
      // Each warning's form has its own reason field (ids must be unique on the page).
      const reason = Object.entries(b).find(([k]) => k.startsWith('reason'))?.[1] ?? '';
      return workflow.acknowledgeWarning(ctx, a, c, y, {
        code: b.code,
        path: b.path ?? '',
        reason,
      });
    }),
  );
  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/submit',
    action((a, c, y) => workflow.submitReport(ctx, a, c, y)),
  );
  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/reopen',
    action((a, c, y) => workflow.reopenReport(ctx, a, c, y)),
  );
  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/publish',
    action((a, c, y) => workflow.publishReport(ctx, a, c, y)),
  );
  app.post<YearParams>(
    '/admin/orgs/:code/reports/:year/amend',
    action((a, c, y, b) => workflow.amendReport(ctx, a, c, y, b)),
  );

  app.get<YearParams & { Querystring: { format?: string; revision?: string } }>(
    '/admin/orgs/:code/reports/:year/download',
    async (request, reply) => {
      const actor = requireActor(request);
      const year = yearParam(request.params.year);
      const format = (request.query.format ?? 'json') as OutputFormat;
      if (!OUTPUT_FORMATS.includes(format))
        throw new NotFoundError('ERR_REPORT_FORMAT', '不支持该格式。');
      const rev = request.query.revision ? Number(request.query.revision) : undefined;
      const view = await getReport(ctx, actor, request.params.code, year, rev);
      if (!view) throw new NotFoundError('ERR_REPORT_NOT_FOUND', '该年度的年度报告尚未生成。');
      const body = await renderReport(view.doc, { name: view.org.name }, format, {
        number: view.revision,
        date: view.publishedOn,
        note: view.changeNote,
      });
      return reply
        .type(MEDIA_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="${outputFileName(view.org.code, year, format, view.revision)}"`,
        )
        .send(body);
    },
  );

  app.get<YearParams & { Querystring: { path?: string } }>(
    '/admin/orgs/:code/reports/:year/drill',
    async (request, reply) => {
      const actor = requireActor(request);
      const view = await drill(
        ctx,
        actor,
        request.params.code,
        yearParam(request.params.year),
        request.query.path ?? '',
      );
      return sendPage(
        reply,
        <DrillPage actor={actor} csrf={csrfToken(reply)} path={pathOf(request)} view={view} />,
      );
    },
  );

  app.get<YearParams & { Querystring: { saved?: string } }>(
    '/admin/orgs/:code/reports/:year/figures',
    async (request, reply) => {
      const actor = requireActor(request);
      const year = yearParam(request.params.year);
      const org = await orgForReports(ctx, actor, request.params.code, 'read');
      const stored = (await manualFigures(ctx, actor, org.code, year)) ?? {};
      const values = Object.fromEntries(
        Object.entries(stored).map(([k, v]) => [k, typeof v === 'number' ? v : undefined]),
      );
      return sendPage(
        reply,
        <FiguresPage
          actor={actor}
          csrf={csrfToken(reply)}
          path={pathOf(request)}
          org={org}
          year={year}
          values={values}
          saved={request.query.saved === '1'}
        />,
      );
    },
  );

  app.post<YearParams>('/admin/orgs/:code/reports/:year/figures', async (request, reply) => {
    const actor = requireActor(request);
    const year = yearParam(request.params.year);
    const org = await orgForReports(ctx, actor, request.params.code, 'edit');
    const body = formOf(request);
    try {
      await saveManualFigures(ctx, actor, org.code, year, body);
      return reply.redirect(`${base(org.code, year)}/figures?saved=1`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const page = (
        <FiguresPage
          actor={actor}
          csrf={csrfToken(reply)}
          path={pathOf(request)}
          org={org}
          year={year}
          values={body}
          errors={err.fields}
          code={err.code}
        />
      );
      return sendPage(reply, page, 400);
    }
  });

  app.get<OrgParams & { Querystring: { year?: string } }>(
    '/admin/orgs/:code/reports/supervise',
    async (request, reply) => {
      const actor = requireActor(request);
      const year = request.query.year ? yearParam(request.query.year) : defaultYear();
      const view = await supervise(ctx, actor, request.params.code, year);
      return sendPage(
        reply,
        <SupervisePage actor={actor} csrf={csrfToken(reply)} path={pathOf(request)} view={view} />,
      );
    },
  );

  app.get<OrgParams & { Querystring: { year?: string } }>(
    '/admin/orgs/:code/reports/supervise/export',
    async (request, reply) => {
      const actor = requireActor(request);
      const year = request.query.year ? yearParam(request.query.year) : defaultYear();
      const zip = await exportSupervision(ctx, actor, request.params.code, year);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${zip.fileName}"`)
        .send(zip.data);
    },
  );
};
