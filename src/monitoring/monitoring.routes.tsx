import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import { addDays } from '../calendar/calendar.model.js';
import { bodyOf, idOf, orgOf, stringValues } from '../catalogue/route-helpers.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { chinaDate } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import {
  linkRunDetail,
  linkRuns,
  monitoringOverview,
  requestLinkCheck,
  requestScan,
  thresholdsView,
  updateThresholds,
} from './monitoring.service.js';
import { thresholdsFor, thresholdsSchema } from './monitoring.settings.js';
import {
  DONE_MESSAGES,
  LinkRunPage,
  LinkRunsPage,
  OverviewPage,
  SettingsPage,
  type MonitoringBase,
} from './monitoring.views.js';
import { newMediaFormSchema } from './new-media.model.js';
import {
  canEditRegister,
  closeNewMedia,
  getNewMedia,
  listNewMedia,
  saveNewMedia,
} from './new-media.service.js';
import { NewMediaPage, accountValues } from './new-media.views.js';

type Org = { id: number; code: string; name: string };
type OrgParams = { Params: { code: string }; Querystring: { done?: string; edit?: string } };
type IdParams = { Params: { code: string; id: string } };

function base(
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  org: Org,
): MonitoringBase {
  const q = request.query as { done?: unknown } | undefined;
  return {
    actor,
    csrf: csrfToken(reply),
    path: request.url.split('?')[0] ?? request.url,
    org: { code: org.code, name: org.name },
    notice: typeof q?.done === 'string' ? (DONE_MESSAGES[q.done] ?? null) : null,
  };
}

/**
 * Monitoring pages (issue 7, REGULATIONS.md §7) under /admin/orgs/:code/: the overview with the
 * 单项否决 summary and 「立即检查」, link-check runs, the 政务新媒体 register and the thresholds.
 * Findings list and detail pages belong to rectification.
 */
export const monitoringRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<OrgParams>('/admin/orgs/:code/monitoring', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const data = await monitoringOverview(ctx, actor, org.id);
    return sendPage(reply, <OverviewPage {...base(request, reply, actor, org)} data={data} />);
  });

  app.post<OrgParams>('/admin/orgs/:code/monitoring/scan', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    await requestScan(ctx, actor, org.id);
    return reply.redirect(`/admin/orgs/${org.code}/monitoring?done=scan_queued`, 303);
  });

  app.get<OrgParams>('/admin/orgs/:code/monitoring/links', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const r = await linkRuns(ctx, actor, org.id);
    return sendPage(
      reply,
      <LinkRunsPage
        {...base(request, reply, actor, org)}
        runs={r.runs}
        mayStart={r.may.scan}
        publicUrl={r.publicUrl}
      />,
    );
  });

  app.post<OrgParams>('/admin/orgs/:code/monitoring/links', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    await requestLinkCheck(ctx, actor, org.id);
    return reply.redirect(`/admin/orgs/${org.code}/monitoring/links?done=links_queued`, 303);
  });

  app.get<IdParams>('/admin/orgs/:code/monitoring/links/:id', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const id = idOf(request.params.id, 'ERR_LINK_RUN_NOT_FOUND');
    const r = await linkRunDetail(ctx, actor, org.id, id);
    return sendPage(
      reply,
      <LinkRunPage {...base(request, reply, actor, org)} view={r.run} broken={r.broken} />,
    );
  });

  const settingsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    org: Org,
    values: Record<string, string> | null,
    errors?: Record<string, string>,
  ) => {
    const v = await thresholdsView(ctx, actor, org.id);
    const shown =
      values ?? Object.fromEntries(Object.entries(v.values).map(([k, n]) => [k, String(n)]));
    return sendPage(
      reply,
      <SettingsPage
        {...base(request, reply, actor, org)}
        values={shown}
        mayEdit={v.may.configure}
        errors={errors}
      />,
      errors ? 400 : 200,
    );
  };

  app.get<OrgParams>('/admin/orgs/:code/monitoring/settings', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    return settingsPage(request, reply, actor, org, null);
  });

  app.post<OrgParams>('/admin/orgs/:code/monitoring/settings', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const body = bodyOf(request);
    try {
      const values = parseInput(thresholdsSchema, body);
      await updateThresholds(ctx, actor, org.id, values);
      return reply.redirect(
        `/admin/orgs/${org.code}/monitoring/settings?done=thresholds_saved`,
        303,
      );
    } catch (err) {
      if (err instanceof ValidationError)
        return settingsPage(request, reply, actor, org, stringValues(body), err.fields);
      throw err;
    }
  });

  const registerPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    org: Org,
    editId: number | null,
    values: Record<string, string> | null,
    error?: ValidationError,
  ) => {
    const accounts = await listNewMedia(ctx, actor, org.id);
    const editing = editId ? await getNewMedia(ctx, actor, org.id, editId) : null;
    const t = await thresholdsFor(ctx.db, org.id);
    return sendPage(
      reply,
      <NewMediaPage
        {...base(request, reply, actor, org)}
        accounts={accounts}
        mayEdit={await canEditRegister(ctx, actor, org.id)}
        editing={editing}
        values={values ?? (editing ? accountValues(editing) : { status: 'operating' })}
        staleBefore={addDays(chinaDate(ctx.now()), -t.new_media_days)}
        errors={error?.fields}
        errorCode={error?.code}
      />,
      error ? 400 : 200,
    );
  };

  app.get<OrgParams>('/admin/orgs/:code/new-media', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const edit = Number(request.query.edit);
    return registerPage(
      request,
      reply,
      actor,
      org,
      Number.isSafeInteger(edit) && edit > 0 ? edit : null,
      null,
    );
  });

  const saveAccount = async (
    request: FastifyRequest<{ Params: { code: string; id?: string } }>,
    reply: FastifyReply,
  ) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const id = request.params.id ? idOf(request.params.id, 'ERR_NEW_MEDIA_NOT_FOUND') : null;
    const body = bodyOf(request);
    try {
      const input = parseInput(newMediaFormSchema, body);
      await saveNewMedia(ctx, actor, org.id, id, input);
      return reply.redirect(`/admin/orgs/${org.code}/new-media?done=account_saved`, 303);
    } catch (err) {
      if (err instanceof ValidationError)
        return registerPage(request, reply, actor, org, id, stringValues(body), err);
      throw err;
    }
  };
  app.post<{ Params: { code: string } }>('/admin/orgs/:code/new-media', saveAccount);
  app.post<IdParams>('/admin/orgs/:code/new-media/:id', saveAccount);

  app.post<IdParams>('/admin/orgs/:code/new-media/:id/close', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const id = idOf(request.params.id, 'ERR_NEW_MEDIA_NOT_FOUND');
    await closeNewMedia(ctx, actor, org.id, id);
    return reply.redirect(`/admin/orgs/${org.code}/new-media?done=account_closed`, 303);
  });
};
