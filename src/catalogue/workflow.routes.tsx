import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { reviewStage } from './catalogue.model.js';
import { publishFormSchema, reviewFormSchema, withdrawFormSchema } from './catalogue.schema.js';
import { ActionPage } from './workflow.views.js';
import { getItem } from './items.service.js';
import { compareVersions, itemDetails } from './queries.service.js';
import { ComparePage } from './versions.views.js';
import { bodyOf, idOf, orgOf, pageBase, stringValues, type ItemParams } from './route-helpers.js';
import { publishItem, reviewItem, submitItem, withdrawItem } from './workflow.service.js';
import { clearFinding, itemGate } from './content-gate.service.js';

type Kind = 'review' | 'publish' | 'withdraw';
type Org = { id: number; code: string; name: string };

/** Workflow pages: submit, review (approve/return), publish or schedule, withdraw, compare. */
export const workflowRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const itemUrl = (org: Org, id: number) => `/admin/orgs/${org.code}/items/${id}`;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    org: Org,
    id: number,
    kind: Kind,
    values: Record<string, string>,
    errors?: Record<string, string>,
    gateError?: string,
  ) {
    const d = await itemDetails(ctx, actor, org.id, id);
    const gate = kind === 'withdraw' ? null : await itemGate(ctx, actor, org.id, id);
    const stage = reviewStage(d.item.review_level, d.levels);
    const finalLevel = stage.kind === 'awaiting' && stage.level === d.levels;
    return sendPage(
      reply,
      <ActionPage
        {...pageBase(request, reply, actor, org)}
        item={d.item}
        kind={kind}
        values={values}
        errors={errors}
        finalLevel={finalLevel}
        gate={gate}
        gateError={gateError ?? null}
        mayClear={
          d.may.review &&
          d.item.author_id !== actor.userId &&
          d.item.status !== 'published' &&
          d.item.status !== 'withdrawn'
        }
      />,
      errors ? 400 : gateError ? 409 : 200,
    );
  }

  app.post<ItemParams>('/admin/orgs/:code/items/:id/submit', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const id = idOf(request.params.id);
    await submitItem(ctx, actor, org.id, id);
    return reply.redirect(`${itemUrl(org, id)}?done=submitted`, 303);
  });

  const actions: Record<
    Kind,
    (actor: Actor, org: Org, id: number, body: Record<string, unknown>) => Promise<string>
  > = {
    review: async (actor, org, id, body) => {
      const r = await reviewItem(ctx, actor, org.id, id, parseInput(reviewFormSchema, body));
      const decision =
        body.decision === 'return' ? 'returned' : r.approved ? 'approved_final' : 'approved';
      return `${itemUrl(org, id)}?done=${decision}`;
    },
    publish: async (actor, org, id, body) => {
      const input = parseInput(publishFormSchema, body);
      await publishItem(ctx, actor, org.id, id, input);
      return `${itemUrl(org, id)}?done=${input.mode === 'now' ? 'published' : 'scheduled'}`;
    },
    withdraw: async (actor, org, id, body) => {
      await withdrawItem(ctx, actor, org.id, id, parseInput(withdrawFormSchema, body).reason);
      return `${itemUrl(org, id)}?done=withdrawn`;
    },
  };

  for (const kind of ['review', 'publish', 'withdraw'] as const) {
    app.get<ItemParams>(`/admin/orgs/:code/items/:id/${kind}`, async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      return render(request, reply, actor, org, idOf(request.params.id), kind, {});
    });
    app.post<ItemParams>(`/admin/orgs/:code/items/:id/${kind}`, async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const id = idOf(request.params.id);
      const body = bodyOf(request);
      try {
        return reply.redirect(await actions[kind](actor, org, id, body), 303);
      } catch (err) {
        if (err instanceof ValidationError)
          return render(request, reply, actor, org, id, kind, stringValues(body), err.fields);
        // The content gate (issue 7): show the findings and the clearance forms with the error.
        if (err instanceof AppError && err.code === 'ERR_CONTENT_BLOCKED')
          return render(
            request,
            reply,
            actor,
            org,
            id,
            kind,
            stringValues(body),
            undefined,
            err.message,
          );
        throw err;
      }
    });
  }

  // A reviewer (not the author) clears one blocking content finding with a reason (issue 7).
  app.post<ItemParams>('/admin/orgs/:code/items/:id/clearances', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const id = idOf(request.params.id);
    const body = bodyOf(request);
    try {
      await clearFinding(ctx, actor, org.id, id, body);
    } catch (err) {
      if (err instanceof ValidationError)
        return render(request, reply, actor, org, id, 'review', {}, err.fields);
      throw err;
    }
    return reply.redirect(`${itemUrl(org, id)}?done=cleared`, 303);
  });

  app.get<ItemParams & { Querystring: { a?: string; b?: string } }>(
    '/admin/orgs/:code/items/:id/versions',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const id = idOf(request.params.id);
      const item = await getItem(ctx, actor, org.id, id);
      const a = Number(request.query.a ?? 1);
      const b = Number(request.query.b ?? item.version);
      const r = await compareVersions(
        ctx,
        actor,
        org.id,
        id,
        Number.isInteger(a) ? a : 1,
        Number.isInteger(b) ? b : item.version,
      );
      return sendPage(
        reply,
        <ComparePage
          {...pageBase(request, reply, actor, org)}
          item={r.item}
          a={r.a}
          b={r.b}
          fields={r.fields}
          body={r.body}
        />,
      );
    },
  );
};
