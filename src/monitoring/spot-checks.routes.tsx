import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { sendPage } from '../platform/views/render.js';
import { scopeOf } from '../orgs/orgs.service.js';
import { can } from './rectification.policy.js';
import { DONE } from './rectification.views.js';
import {
  closeSpotCheck,
  createSpotCheck,
  listOrgSpotChecks,
  raiseSpotCheckFinding,
  recordSpotCheckItem,
  spotCheckDetail,
} from './spot-checks.service.js';
import { SpotCheckPage, SpotChecksPage } from './spot-checks.views.js';

type OrgParams = { Params: { code: string } };
type CheckParams = { Params: { code: string; id: string } };
type ItemParams = { Params: { code: string; id: string; item: string } };

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;
const formOf = (request: FastifyRequest) =>
  (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, string>;

/** 抽查 pages: list and create, one check with its checklist forms, raise a finding, close. */
export const spotCheckRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  async function showList(
    request: FastifyRequest<OrgParams>,
    reply: FastifyReply,
    actor: Actor,
    extra: {
      errors?: Record<string, string>;
      errorCode?: string;
      form?: Record<string, string>;
    } = {},
  ) {
    const { org, checks } = await listOrgSpotChecks(ctx, actor, request.params.code);
    const mayCreate = can(actor, 'spot_check', await scopeOf(ctx.db, org.id));
    return sendPage(
      reply,
      <SpotChecksPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        org={org}
        checks={checks}
        mayCreate={mayCreate}
        {...extra}
      />,
      extra.errors ? 400 : 200,
    );
  }

  app.get<OrgParams>('/admin/orgs/:code/spot-checks', (request, reply) =>
    showList(request, reply, requireActor(request)),
  );

  app.post<OrgParams>('/admin/orgs/:code/spot-checks', async (request, reply) => {
    const actor = requireActor(request);
    const body = formOf(request);
    try {
      const id = await createSpotCheck(ctx, actor, request.params.code, body);
      return reply.redirect(
        `/admin/orgs/${request.params.code}/spot-checks/${id}?done=created`,
        303,
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return showList(request, reply, actor, {
        errors: err.fields,
        errorCode: err.code,
        form: body,
      });
    }
  });

  async function showCheck(
    request: FastifyRequest<CheckParams>,
    reply: FastifyReply,
    actor: Actor,
    extra: {
      errors?: Record<string, string>;
      errorCode?: string;
      form?: Record<string, string>;
      itemId?: number;
    } = {},
  ) {
    const view = await spotCheckDetail(ctx, actor, request.params.code, Number(request.params.id));
    const done = (request.query as { done?: string } | undefined)?.done;
    return sendPage(
      reply,
      <SpotCheckPage
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

  app.get<CheckParams>('/admin/orgs/:code/spot-checks/:id', (request, reply) =>
    showCheck(request, reply, requireActor(request)),
  );

  const back = (code: string, id: string, done: string, anchor = '') =>
    `/admin/orgs/${code}/spot-checks/${id}?done=${done}${anchor}`;

  app.post<ItemParams>('/admin/orgs/:code/spot-checks/:id/items/:item', async (request, reply) => {
    const actor = requireActor(request);
    const { code, id, item } = request.params;
    const body = formOf(request);
    try {
      await recordSpotCheckItem(ctx, actor, code, Number(id), Number(item), body);
      return reply.redirect(back(code, id, 'recorded', `#item-${item}`), 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return showCheck(request, reply, actor, {
        errors: err.fields,
        errorCode: err.code,
        form: body,
        itemId: Number(item),
      });
    }
  });

  app.post<ItemParams>(
    '/admin/orgs/:code/spot-checks/:id/items/:item/finding',
    async (request, reply) => {
      const actor = requireActor(request);
      const { code, id, item } = request.params;
      const findingId = await raiseSpotCheckFinding(
        ctx,
        actor,
        code,
        Number(id),
        Number(item),
        formOf(request),
      );
      return reply.redirect(`/admin/orgs/${code}/monitoring/findings/${findingId}`, 303);
    },
  );

  app.post<CheckParams>('/admin/orgs/:code/spot-checks/:id/close', async (request, reply) => {
    const actor = requireActor(request);
    const { code, id } = request.params;
    await closeSpotCheck(ctx, actor, code, Number(id), formOf(request));
    return reply.redirect(back(code, id, 'spot_closed'), 303);
  });
};
