import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { scopeOf } from '../orgs/orgs.service.js';
import { addMonths } from './catalogue.model.js';
import { can } from './catalogue.policy.js';
import { columnFormSchema, rereviewFormSchema } from './catalogue.schema.js';
import { rereviewMonths } from './catalogue.settings.js';
import { DONE_MESSAGES } from './catalogue.views.js';
import type { Column } from './columns.model.js';
import { createColumn, listColumns, updateColumn } from './columns.service.js';
import {
  normativeWithoutInterpretation,
  rereviewQueue,
  timelinessStats,
} from './figures.service.js';
import { ColumnsPage, MissingInterpretationsPage, RereviewPage } from './queues.views.js';
import { bodyOf, idOf, orgOf, pageBase, stringValues, type OrgParams } from './route-helpers.js';
import { rereviewItem } from './rereview.service.js';

type Org = { id: number; code: string; name: string };

const done = (request: FastifyRequest): string | null => {
  const q = request.query as { done?: unknown } | undefined;
  return typeof q?.done === 'string' ? (DONE_MESSAGES[q.done] ?? null) : null;
};
type ColumnParams = { Params: { code: string; cid: string } };

function columnValues(c: Column): Record<string, string> {
  return {
    name: c.name,
    code: c.code,
    parent_id: c.parentId ? String(c.parentId) : '',
    update_class: c.updateClass,
    review_levels: String(c.reviewLevels),
    sort: String(c.sort),
  };
}

/** Columns (栏目管理), the re-review queue (条例第十八条), missing interpretations and timeliness. */
export const adminRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  async function columnsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    org: Org,
    editId: number | null,
    values: Record<string, string> | null,
    errors?: Record<string, string>,
  ) {
    const columns = await listColumns(ctx, actor, org.id);
    const editing = editId ? (columns.find((c) => c.id === editId) ?? null) : null;
    const canManage = can(actor, 'manage_columns', await scopeOf(ctx.db, org.id));
    const v =
      values ?? (editing ? columnValues(editing) : { update_class: 'none', review_levels: '1' });
    const base = { ...pageBase(request, reply, actor, org), notice: done(request) };
    return sendPage(
      reply,
      <ColumnsPage
        {...base}
        columns={columns}
        canManage={canManage}
        editing={editing}
        values={v}
        errors={errors}
      />,
      errors ? 400 : 200,
    );
  }

  app.get<OrgParams & { Querystring: { edit?: string } }>(
    '/admin/orgs/:code/columns',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const edit = Number(request.query.edit);
      return columnsPage(
        request,
        reply,
        actor,
        org,
        Number.isInteger(edit) && edit > 0 ? edit : null,
        null,
      );
    },
  );

  const saveColumn = async (
    request: FastifyRequest<{ Params: { code: string; cid?: string } }>,
    reply: FastifyReply,
  ) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const cid = request.params.cid ? idOf(request.params.cid, 'ERR_COLUMN_NOT_FOUND') : null;
    const body = bodyOf(request);
    try {
      const input = parseInput(columnFormSchema, body);
      if (cid) await updateColumn(ctx, actor, org.id, cid, input);
      else await createColumn(ctx, actor, org.id, input);
      return reply.redirect(`/admin/orgs/${org.code}/columns?done=column_saved`, 303);
    } catch (err) {
      if (err instanceof ValidationError)
        return columnsPage(request, reply, actor, org, cid, stringValues(body), err.fields);
      throw err;
    }
  };
  app.post<OrgParams>('/admin/orgs/:code/columns', saveColumn);
  app.post<ColumnParams>('/admin/orgs/:code/columns/:cid', saveColumn);

  app.get<OrgParams & { Querystring: { done?: string } }>(
    '/admin/orgs/:code/rereview',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const today = chinaDate(ctx.now());
      const items = await rereviewQueue(ctx, actor, org.id, today);
      const canReview = can(actor, 'rereview', await scopeOf(ctx.db, org.id));
      const base = pageBase(request, reply, actor, org);
      const notice = request.query.done ? (DONE_MESSAGES[request.query.done] ?? null) : null;
      return sendPage(
        reply,
        <RereviewPage
          {...base}
          items={items}
          today={today}
          canReview={canReview}
          notice={notice}
        />,
      );
    },
  );

  app.post<OrgParams & { Params: { id: string } }>(
    '/admin/orgs/:code/rereview/:id',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const input = parseInput(rereviewFormSchema, bodyOf(request));
      const next = addMonths(chinaDate(ctx.now()), await rereviewMonths(ctx.db));
      await rereviewItem(ctx, actor, org.id, idOf(request.params.id), input, next);
      return reply.redirect(`/admin/orgs/${org.code}/rereview?done=rereviewed`, 303);
    },
  );

  app.get<OrgParams & { Querystring: { year?: string } }>(
    '/admin/orgs/:code/interpretations-missing',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const thisYear = Number(chinaDate(ctx.now()).slice(0, 4));
      const y = Number(request.query.year);
      const year = Number.isInteger(y) && y >= 2000 && y <= thisYear + 1 ? y : thisYear;
      const items = await normativeWithoutInterpretation(ctx, actor, org.id);
      const t = await timelinessStats(ctx, org.id, year);
      return sendPage(
        reply,
        <MissingInterpretationsPage
          {...pageBase(request, reply, actor, org)}
          items={items}
          year={year}
          timeliness={t}
        />,
      );
    },
  );
};
