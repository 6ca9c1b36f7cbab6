import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { sendPage } from '../platform/views/render.js';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './applications.model.js';
import { listCasesIn, type CaseListQuery } from './applications.query.js';
import { can } from './requests.policy.js';
import { parseApplicationForm, staffFormSchema } from './applications.schema.js';
import { CaseListPage, RegisterPage } from './applications.views.js';
import { sealReceipt } from './intake.service.js';
import { caseworkRoutes, REGISTERED_COOKIE } from './casework.routes.js';
import { templatesRoutes } from './templates.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { orgFor, registerApplication } from './requests.service.js';
import { bodyOf, staffBase } from './staff.http.js';

type OrgParams = { Params: { code: string } };

/** Reads the list filters from the query string, ignoring what does not parse. */
function listQuery(q: Record<string, string | undefined>): CaseListQuery {
  const out: CaseListQuery = {};
  if (q.status === 'open' || (q.status && q.status in APPLICATION_STATUS_LABELS))
    out.status = q.status as ApplicationStatus | 'open';
  if (q.due_within && /^\d{1,3}$/.test(q.due_within)) out.dueWithin = Number(q.due_within);
  if (q.overdue === '1') out.overdue = true;
  if (q.paused === '1') out.paused = true;
  if (q.assigned === 'none') out.assignedTo = 'none';
  else if (q.assigned && /^\d+$/.test(q.assigned)) out.assignedTo = Number(q.assigned);
  if (q.ref) out.ref = q.ref.slice(0, 40);
  if (q.page && /^\d{1,5}$/.test(q.page)) out.page = Math.max(1, Number(q.page));
  return out;
}

/**
 * Back-office pages of applications: list (masked, filters), registration by staff, and the case
 * page with confirmation, the actions that append events, assignment and notes (post → redirect → get).
 */
export const applicationsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const today = () => chinaDate(ctx.now());
  const base = staffBase;

  app.get<OrgParams & { Querystring: Record<string, string | undefined> }>(
    '/admin/orgs/:code/applications',
    async (request, reply) => {
      const actor = requireActor(request);
      const { org, scope } = await orgFor(ctx, actor, request.params.code, 'read');
      const query = listQuery(request.query);
      const result = await listCasesIn(ctx, actor, org.id, scope, query);
      const canHandle = can(actor, 'handle', scope);
      return sendPage(
        reply,
        <CaseListPage
          {...base(actor, reply, request, org)}
          {...result}
          query={query}
          canHandle={canHandle}
        />,
      );
    },
  );

  app.get<OrgParams>('/admin/orgs/:code/applications/new', async (request, reply) => {
    const actor = requireActor(request);
    const { org } = await orgFor(ctx, actor, request.params.code, 'handle');
    return sendPage(
      reply,
      <RegisterPage
        {...base(actor, reply, request, org)}
        values={{ submitted_on: today(), applicant_kind: 'person' }}
      />,
    );
  });

  app.post<OrgParams>('/admin/orgs/:code/applications/new', async (request, reply) => {
    const actor = requireActor(request);
    const { org } = await orgFor(ctx, actor, request.params.code, 'handle');
    const body = bodyOf(request);
    try {
      const created = await registerApplication(
        ctx,
        actor,
        org.code,
        parseApplicationForm(staffFormSchema(today()), body, today(), false),
      );
      reply.setCookie(
        REGISTERED_COOKIE,
        sealReceipt(ctx, { ref: created.ref, queryCode: created.queryCode, org: org.code }),
        {
          path: `/admin/orgs/${org.code}/applications`,
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.secureCookies,
          maxAge: 600,
        },
      );
      return reply.redirect(`/admin/orgs/${org.code}/applications/${created.ref}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return sendPage(
        reply,
        <RegisterPage
          {...base(actor, reply, request, org)}
          values={body}
          errors={err.fields}
          code={err.code}
        />,
        400,
      );
    }
  });

  await app.register(caseworkRoutes, { ctx });
  await app.register(templatesRoutes, { ctx });
  await app.register(dashboardRoutes, { ctx });
};
