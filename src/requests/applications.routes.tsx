import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { chinaDate } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from './applications.model.js';
import { eventFormSchema, formToEvent } from './applications.events.schema.js';
import { getCase, listCases, type CaseListQuery } from './applications.query.js';
import { confirmFormSchema, parseApplicationForm, staffFormSchema } from './applications.schema.js';
import { CasePage } from './applications.case.views.js';
import { CaseListPage, RegisteredNotice, RegisterPage } from './applications.views.js';
import { openReceipt, sealReceipt } from './intake.service.js';
import {
  addNote,
  appendEvent,
  assignApplication,
  confirmApplication,
  orgFor,
  registerApplication,
} from './requests.service.js';

type OrgParams = { Params: { code: string } };
type CaseParams = { Params: { code: string; ref: string } };
const REGISTERED_COOKIE = 'gk_registered';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function bodyOf(request: FastifyRequest): Record<string, string | string[]> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, string | string[]>)
    : {};
}

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
  const base = (
    actor: Actor,
    reply: FastifyReply,
    request: FastifyRequest,
    org: { code: string; name: string },
  ) => ({
    actor,
    csrf: csrfToken(reply),
    path: pathOf(request),
    orgCode: org.code,
    orgName: org.name,
  });

  app.get<OrgParams & { Querystring: Record<string, string | undefined> }>(
    '/admin/orgs/:code/applications',
    async (request, reply) => {
      const actor = requireActor(request);
      const { org } = await orgFor(ctx, actor, request.params.code, 'read');
      const query = listQuery(request.query);
      const result = await listCases(ctx, actor, org.code, query);
      const canHandle = await orgFor(ctx, actor, org.code, 'handle').then(
        () => true,
        () => false,
      );
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

  async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    code: string,
    ref: string,
    extra: {
      reveal?: boolean;
      errors?: Record<string, string>;
      code?: string;
      message?: string;
    } = {},
  ) {
    const view = await getCase(ctx, actor, code, ref, { reveal: extra.reveal === true });
    const receipt = openReceipt(ctx, request.cookies[REGISTERED_COOKIE]);
    if (receipt)
      reply.clearCookie(REGISTERED_COOKIE, { path: `/admin/orgs/${view.orgCode}/applications` });
    const notice =
      receipt && receipt.ref === ref ? (
        <RegisteredNotice ref={receipt.ref} code={receipt.queryCode} />
      ) : null;
    reply.header('cache-control', 'private, no-store');
    const page = (
      <CasePage
        {...base(actor, reply, request, { code: view.orgCode, name: view.orgName })}
        view={view}
        today={today()}
        errors={extra.errors}
        code={extra.code}
        message={extra.message}
        notice={notice}
      />
    );
    return sendPage(reply, page, extra.errors || extra.code ? 400 : 200);
  }

  app.get<CaseParams & { Querystring: { reveal?: string } }>(
    '/admin/orgs/:code/applications/:ref',
    async (request, reply) => {
      const actor = requireActor(request);
      return renderCase(request, reply, actor, request.params.code, request.params.ref, {
        reveal: request.query.reveal === '1',
      });
    },
  );

  /** Runs a case action; a ValidationError re-renders the case page with its messages. */
  async function caseAction(
    request: FastifyRequest<CaseParams>,
    reply: FastifyReply,
    run: (actor: Actor) => Promise<unknown>,
  ) {
    const actor = requireActor(request);
    const { code, ref } = request.params;
    try {
      await run(actor);
      return reply.redirect(`/admin/orgs/${code}/applications/${ref}`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderCase(request, reply, actor, code, ref, {
        errors: err.fields,
        code: err.code,
        message: err.message,
      });
    }
  }

  app.post<CaseParams>('/admin/orgs/:code/applications/:ref/confirm', (request, reply) =>
    caseAction(request, reply, (actor) =>
      confirmApplication(
        ctx,
        actor,
        request.params.code,
        request.params.ref,
        parseInput(confirmFormSchema, bodyOf(request)).confirmed_on,
      ),
    ),
  );

  app.post<CaseParams>('/admin/orgs/:code/applications/:ref/events', (request, reply) =>
    caseAction(request, reply, (actor) => {
      const event = formToEvent(parseInput(eventFormSchema, bodyOf(request)), actor.username);
      return appendEvent(ctx, actor, request.params.code, request.params.ref, event);
    }),
  );

  app.post<CaseParams>('/admin/orgs/:code/applications/:ref/assign', (request, reply) =>
    caseAction(request, reply, (actor) => {
      const raw = bodyOf(request).assigned_to;
      const id = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : null;
      return assignApplication(ctx, actor, request.params.code, request.params.ref, id);
    }),
  );

  app.post<CaseParams>('/admin/orgs/:code/applications/:ref/notes', (request, reply) =>
    caseAction(request, reply, (actor) => {
      const raw = bodyOf(request).body;
      return addNote(
        ctx,
        actor,
        request.params.code,
        request.params.ref,
        typeof raw === 'string' ? raw : '',
      );
    }),
  );
};
