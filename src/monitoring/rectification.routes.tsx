import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { sendPage } from '../platform/views/render.js';
import {
  assignFinding,
  commentFinding,
  findingDetail,
  ignoreFinding,
  listOrgFindings,
  markFindingFixed,
  myTasks,
} from './rectification.service.js';
import { DONE, FindingDetailPage, FindingsListPage, MyTasksPage } from './rectification.views.js';
import { scoresRoutes } from './scores.routes.js';
import { spotCheckRoutes } from './spot-checks.routes.js';

type FindingParams = { Params: { code: string; id: string } };

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;
const formOf = (request: FastifyRequest) =>
  (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, string>;
const queryString = (request: FastifyRequest) => {
  const q = new URLSearchParams((request.query ?? {}) as Record<string, string>);
  q.delete('page');
  return q.toString();
};

/**
 * Rectification (整改) pages: the org's findings as tasks, one finding with its history and
 * actions (assign, mark fixed → re-check, ignore, comment), and 我的整改任务. Also registers the
 * spot-check, score and 自查报告 pages. Forms post → redirect → get; invalid input re-renders
 * the page with 400 and nothing stored.
 */
export const rectificationRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  await app.register(spotCheckRoutes, { ctx });
  await app.register(scoresRoutes, { ctx });

  app.get<{ Params: { code: string } }>(
    '/admin/orgs/:code/monitoring/findings',
    async (request, reply) => {
      const actor = requireActor(request);
      const view = await listOrgFindings(ctx, actor, request.params.code, request.query);
      return sendPage(
        reply,
        <FindingsListPage
          actor={actor}
          csrf={csrfToken(reply)}
          path={pathOf(request)}
          view={view}
          query={queryString(request)}
        />,
      );
    },
  );

  async function showDetail(
    request: FastifyRequest<FindingParams>,
    reply: FastifyReply,
    actor: Actor,
    extra: {
      errors?: Record<string, string>;
      errorCode?: string;
      form?: Record<string, string>;
    } = {},
  ) {
    const view = await findingDetail(ctx, actor, request.params.code, Number(request.params.id));
    const done = (request.query as { done?: string } | undefined)?.done;
    return sendPage(
      reply,
      <FindingDetailPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        view={view}
        notice={extra.errors ? null : (DONE[done ?? ''] ?? null)}
        {...extra}
      />,
      extra.errors ? 400 : 200,
    );
  }

  app.get<FindingParams>('/admin/orgs/:code/monitoring/findings/:id', (request, reply) =>
    showDetail(request, reply, requireActor(request)),
  );

  /** Runs an action, then redirects to the detail with `done`; a ValidationError re-renders. */
  const action =
    (
      run: (
        actor: Actor,
        code: string,
        id: number,
        body: Record<string, string>,
      ) => Promise<string>,
      fieldOf: Record<string, string> = {},
    ) =>
    async (request: FastifyRequest<FindingParams>, reply: FastifyReply) => {
      const actor = requireActor(request);
      const { code } = request.params;
      const id = Number(request.params.id);
      const body = formOf(request);
      try {
        const done = await run(actor, code, id, body);
        return reply.redirect(`/admin/orgs/${code}/monitoring/findings/${id}?done=${done}`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const errors = Object.fromEntries(
          Object.entries(err.fields).map(([k, v]) => [fieldOf[k] ?? k, v]),
        );
        return showDetail(request, reply, actor, { errors, errorCode: err.code, form: body });
      }
    };

  app.post<FindingParams>(
    '/admin/orgs/:code/monitoring/findings/:id/assign',
    action(async (a, c, id, b) => {
      await assignFinding(ctx, a, c, id, b);
      return 'assigned';
    }),
  );
  app.post<FindingParams>(
    '/admin/orgs/:code/monitoring/findings/:id/fix',
    action((a, c, id, b) => markFindingFixed(ctx, a, c, id, { note: b.fix_note ?? b.note }), {
      note: 'fix_note',
    }),
  );
  app.post<FindingParams>(
    '/admin/orgs/:code/monitoring/findings/:id/ignore',
    action(async (a, c, id, b) => {
      await ignoreFinding(ctx, a, c, id, b);
      return 'ignored';
    }),
  );
  app.post<FindingParams>(
    '/admin/orgs/:code/monitoring/findings/:id/comment',
    action(
      async (a, c, id, b) => {
        await commentFinding(ctx, a, c, id, { note: b.comment ?? b.note });
        return 'comment';
      },
      { note: 'comment' },
    ),
  );

  app.get('/admin/tasks', async (request, reply) => {
    const actor = requireActor(request);
    return sendPage(
      reply,
      <MyTasksPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        findings={await myTasks(ctx, actor)}
      />,
    );
  });
};
