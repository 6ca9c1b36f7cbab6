import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import { idOf } from '../catalogue/route-helpers.js';
import type { AppContext } from '../platform/context.js';
import { csrfToken } from '../platform/http/app.js';
import { sendPage } from '../platform/views/render.js';
import { listWhitelist, removeWhitelistEntry } from './whitelist.service.js';
import { WHITELIST_DONE, WhitelistPage } from './whitelist.views.js';

type CodeParams = { Params: { code: string }; Querystring: { done?: string } };
type IdParams = { Params: { code: string; id: string } };

/** The content-check whitelist: list and remove (issue 7). */
export const whitelistRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<CodeParams>('/admin/orgs/:code/monitoring/whitelist', async (request, reply) => {
    const actor = requireActor(request);
    const { org, entries } = await listWhitelist(ctx, actor, request.params.code);
    const done = request.query.done;
    return sendPage(
      reply,
      <WhitelistPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={request.url.split('?')[0] ?? request.url}
        org={{ code: org.code, name: org.name }}
        notice={typeof done === 'string' ? (WHITELIST_DONE[done] ?? null) : null}
        entries={entries}
      />,
    );
  });

  app.post<IdParams>(
    '/admin/orgs/:code/monitoring/whitelist/:id/delete',
    async (request, reply) => {
      const actor = requireActor(request);
      const id = idOf(request.params.id, 'ERR_WHITELIST_NOT_FOUND');
      await removeWhitelistEntry(ctx, actor, request.params.code, id);
      return reply.redirect(
        `/admin/orgs/${request.params.code}/monitoring/whitelist?done=removed`,
        303,
      );
    },
  );
};
