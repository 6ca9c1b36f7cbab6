import type { FastifyPluginAsync } from 'fastify';
import { ROLE_LABELS } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { requireActor } from './guards.js';
import { changePasswordSchema } from './accounts.schema.js';
import * as account from './account.service.js';
import { userSummary } from './accounts.service.js';
import { AccountPage, DashboardPage } from './auth.views.js';
import { formOf, pageBase } from './http.js';
import { countMyTasks } from '../monitoring/rectification.service.js';
import { reportDeadlines } from '../reports/deadlines.service.js';

const DONE: Record<string, string> = { password: '密码已修改，其他设备上的登录已退出。' };

/** The back-office home and the signed-in user's own account page. */
export const accountRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/admin', async (request, reply) => {
    const actor = requireActor(request);
    const me = await userSummary(ctx, actor.userId);
    const roles = [
      ...(actor.isPlatformAdmin ? [{ role: ROLE_LABELS.platform_admin, orgName: null }] : []),
      ...me.grants.map((g) => ({ role: ROLE_LABELS[g.role], orgName: g.orgName })),
    ];
    return sendPage(
      reply,
      <DashboardPage
        {...pageBase(request, reply)}
        displayName={me.displayName}
        roles={roles}
        reportDeadlines={await reportDeadlines(ctx, actor)}
        tasks={await countMyTasks(ctx, actor)}
      />,
    );
  });

  const accountPage = async (actorId: number) => {
    const me = await userSummary(ctx, actorId);
    return {
      totpEnabled: me.totpEnabled,
      remainingCodes: await account.remainingRecoveryCodes(ctx, actorId),
    };
  };

  app.get<{ Querystring: { done?: string } }>('/admin/account', async (request, reply) => {
    const actor = requireActor(request);
    const notice = DONE[request.query.done ?? ''];
    return sendPage(
      reply,
      <AccountPage
        {...pageBase(request, reply)}
        {...await accountPage(actor.userId)}
        notice={notice}
      />,
    );
  });

  app.post('/admin/account/password', async (request, reply) => {
    const actor = requireActor(request);
    try {
      const input = parseInput(changePasswordSchema, formOf(request));
      await account.changePassword(ctx, actor, request.sessionId ?? '', input);
      return reply.redirect('/admin/account?done=password', 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const page = await accountPage(actor.userId);
      return sendPage(
        reply,
        <AccountPage {...pageBase(request, reply)} {...page} errors={err.fields} code={err.code} />,
        400,
      );
    }
  });
};
