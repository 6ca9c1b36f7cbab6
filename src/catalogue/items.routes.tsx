import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { docNumberWarning } from './catalogue.model.js';
import { itemFormSchema, itemListQuerySchema } from './catalogue.schema.js';
import { DONE_MESSAGES } from './catalogue.views.js';
import { listColumns } from './columns.service.js';
import { ItemFormPage, type ItemFormValues } from './item-form.views.js';
import { channelsOf } from './items.model.js';
import { itemsWithDocNumber, type ItemRow } from './items.repository.js';
import { createItem, getItem, updateItem } from './items.service.js';
import { ItemListPage, ItemViewPage } from './items.views.js';
import { itemDetails, listItems, policyOptions } from './queries.service.js';
import { itemGate } from './content-gate.service.js';
import { bodyOf, idOf, orgOf, pageBase, type ItemParams, type OrgParams } from './route-helpers.js';

/** Maps the submitted form to the schema's input (公开属性依据 = chosen code or free text). */
export function itemInput(body: Record<string, unknown>): Record<string, unknown> {
  const code = typeof body.attribute_reason_code === 'string' ? body.attribute_reason_code : '';
  const text = typeof body.attribute_reason_text === 'string' ? body.attribute_reason_text : '';
  return { ...body, attribute_reason: code === 'other' || code === '' ? text : code };
}

function valuesOf(row: ItemRow): ItemFormValues {
  const reason = row.attribute_reason;
  const known = reason !== null && /^art1[456]/.test(reason);
  return {
    version: String(row.version),
    column_id: row.column_id ? String(row.column_id) : '',
    title: row.title,
    summary: row.summary ?? '',
    body_html: row.body_html ?? '',
    doc_number: row.doc_number ?? '',
    formed_on: row.formed_on,
    published_on: row.published_on ?? '',
    topic: row.topic ?? '',
    genre: row.genre ?? '',
    keywords: row.keywords ?? '',
    doc_type: row.doc_type,
    validity: row.validity ?? '',
    abolished_on: row.abolished_on ?? '',
    disclosure_mode: row.disclosure_mode ?? '',
    attribute: row.attribute,
    attribute_reason_code: reason === null ? '' : known ? reason : 'other',
    attribute_reason_text: reason !== null && !known ? reason : '',
    channels: channelsOf(row),
    interprets_ref: row.interprets_ref ?? '',
  };
}

function formValues(body: Record<string, unknown>): ItemFormValues {
  const out: ItemFormValues = {};
  for (const [k, v] of Object.entries(body))
    if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))
      out[k] = v as string | string[];
  return out;
}

/** Pages of the item list, the item page and the item form (post → redirect → get). */
export const itemRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const base = (code: string) => `/admin/orgs/${code}/items`;

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    org: { id: number; code: string; name: string },
    mode: 'new' | 'edit',
    values: ItemFormValues,
    item: ItemRow | null,
    errors?: Record<string, string>,
  ) {
    const columns = (await listColumns(ctx, actor, org.id)).filter((c) => c.code !== 'statutory');
    const policies = await policyOptions(ctx, org.id);
    const page = (
      <ItemFormPage
        {...pageBase(request, reply, actor, org)}
        mode={mode}
        itemId={item?.id}
        published={item?.status === 'published'}
        values={values}
        errors={errors}
        columns={columns}
        policies={policies}
      />
    );
    return sendPage(reply, page, errors ? 400 : 200);
  }

  app.get<OrgParams>('/admin/orgs/:code/items', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const q = itemListQuerySchema.parse(request.query ?? {});
    const r = await listItems(ctx, actor, org.id, q);
    return sendPage(
      reply,
      <ItemListPage
        {...pageBase(request, reply, actor, org)}
        items={r.items}
        columns={r.columns}
        view={q.view}
        status={q.status}
        column={q.column}
        page={q.page}
        hasNext={r.hasNext}
      />,
    );
  });

  app.get<OrgParams & { Querystring: { column?: string } }>(
    '/admin/orgs/:code/items/new',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const values: ItemFormValues = {
        formed_on: chinaDate(ctx.now()),
        attribute: 'active',
        doc_type: 'other',
        channels: ['portal'],
        column_id: request.query.column ?? '',
      };
      return renderForm(request, reply, actor, org, 'new', values, null);
    },
  );

  app.post<OrgParams>('/admin/orgs/:code/items/new', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const body = bodyOf(request);
    try {
      const { item } = await createItem(
        ctx,
        actor,
        org.id,
        parseInput(itemFormSchema, itemInput(body)),
      );
      return reply.redirect(`${base(org.code)}/${item.id}?done=created`, 303);
    } catch (err) {
      if (err instanceof ValidationError)
        return renderForm(request, reply, actor, org, 'new', formValues(body), null, err.fields);
      throw err;
    }
  });

  app.get<ItemParams & { Querystring: { done?: string } }>(
    '/admin/orgs/:code/items/:id',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await orgOf(ctx, request.params.code);
      const d = await itemDetails(ctx, actor, org.id, idOf(request.params.id));
      const warnings: string[] = [];
      if (d.item.doc_number) {
        const w = docNumberWarning(d.item.doc_number);
        if (w) warnings.push(w);
        const dup = await itemsWithDocNumber(ctx.db, org.id, d.item.doc_number, d.item.id);
        if (dup.length > 0)
          warnings.push(`本单位已有相同文号的信息：${dup.map((x) => x.title).join('、')}`);
      }
      const notice = request.query.done ? (DONE_MESSAGES[request.query.done] ?? null) : null;
      return sendPage(
        reply,
        <ItemViewPage
          {...pageBase(request, reply, actor, org)}
          d={d}
          notice={notice}
          warnings={warnings}
          gate={
            d.item.status === 'published' || d.item.status === 'withdrawn'
              ? null
              : await itemGate(ctx, actor, org.id, d.item.id)
          }
        />,
      );
    },
  );

  app.get<ItemParams>('/admin/orgs/:code/items/:id/edit', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const item = await getItem(ctx, actor, org.id, idOf(request.params.id));
    return renderForm(request, reply, actor, org, 'edit', valuesOf(item), item);
  });

  app.post<ItemParams>('/admin/orgs/:code/items/:id/edit', async (request, reply) => {
    const actor = requireActor(request);
    const org = await orgOf(ctx, request.params.code);
    const id = idOf(request.params.id);
    const body = bodyOf(request);
    const version = Number(body.version);
    try {
      await updateItem(
        ctx,
        actor,
        org.id,
        id,
        parseInput(itemFormSchema, itemInput(body)),
        Number.isInteger(version) && version > 0 ? version : null,
      );
      return reply.redirect(`${base(org.code)}/${id}?done=saved`, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        const item = await getItem(ctx, actor, org.id, id);
        return renderForm(request, reply, actor, org, 'edit', formValues(body), item, err.fields);
      }
      throw err;
    }
  });
};
