import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { AppContext } from '../platform/context.js';
import { sendPage } from '../platform/views/render.js';
import { dashboard } from './dashboard.service.js';
import { DashboardPage } from './dashboard.views.js';
import { staffBase } from './staff.http.js';

/** /admin/orgs/:code/requests: the case workers' dashboard. */
export const dashboardRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<{ Params: { code: string } }>('/admin/orgs/:code/requests', async (request, reply) => {
    const actor = requireActor(request);
    const d = await dashboard(ctx, actor, request.params.code);
    reply.header('cache-control', 'private, no-store');
    return sendPage(reply, <DashboardPage {...staffBase(actor, reply, request, d.org)} d={d} />);
  });
};
