import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../accounts/guards.js';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { chinaDate } from '../platform/time.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { buildOrgTree, type Org } from './orgs.model.js';
import { orgFormSchema } from './orgs.schema.js';
import {
  createOrg,
  descendantsOf,
  getOrgFor,
  listOrgsFor,
  mayCreateTopLevel,
  orgPermissions,
  parentOf,
  updateOrg,
} from './orgs.service.js';
import {
  exampleIndexNo,
  formToInput,
  formValuesOf,
  newFormValues,
  OrgFormPage,
  submittedValues,
  type OrgFormValues,
} from './orgs.form.js';
import { OrgListPage, OrgViewPage } from './orgs.views.js';

type CodeParams = { Params: { code: string } };

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)
    : {};
}

/** Back-office pages of organisations: tree list, view, new and edit (post → redirect → get). */
export const orgsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const today = () => chinaDate(ctx.now());

  /** Parents offered in the form: orgs the actor may create under, plus the current parent. */
  async function parentOptions(actor: Actor, editing: Org | null, currentParent: string | null) {
    let orgs = await listOrgsFor(ctx, actor, 'create_child');
    if (editing) {
      const excluded = new Set([
        editing.id,
        ...(await descendantsOf(ctx, editing.id)).map((o) => o.id),
      ]);
      orgs = orgs.filter((o) => !excluded.has(o.id));
    }
    const options = orgs.map((o) => ({ code: o.code, name: o.name }));
    if (currentParent && !options.some((o) => o.code === currentParent)) {
      const all = await listOrgsFor(ctx, actor);
      const p = all.find((o) => o.code === currentParent);
      options.unshift({ code: currentParent, name: p?.name ?? currentParent });
    }
    return options;
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    mode: 'new' | 'edit',
    values: OrgFormValues,
    editing: Org | null,
    errors?: Record<string, string>,
  ) {
    const page = (
      <OrgFormPage
        mode={mode}
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        values={values}
        errors={errors}
        parents={await parentOptions(actor, editing, values.parent || null)}
        allowTopLevel={mayCreateTopLevel(actor) || (editing !== null && editing.parentId === null)}
        example={exampleIndexNo(values, today())}
      />
    );
    return sendPage(reply, page, errors ? 400 : 200);
  }

  app.get('/admin/orgs', async (request, reply) => {
    const actor = requireActor(request);
    const orgs = await listOrgsFor(ctx, actor);
    const canCreate =
      mayCreateTopLevel(actor) || (await listOrgsFor(ctx, actor, 'create_child')).length > 0;
    return sendPage(
      reply,
      <OrgListPage
        actor={actor}
        csrf={csrfToken(reply)}
        path={pathOf(request)}
        tree={buildOrgTree(orgs)}
        canCreate={canCreate}
      />,
    );
  });

  app.get<{ Querystring: { parent?: string } }>('/admin/orgs/new', async (request, reply) => {
    const actor = requireActor(request);
    const parent = typeof request.query.parent === 'string' ? request.query.parent : null;
    return renderForm(request, reply, actor, 'new', newFormValues(parent), null);
  });

  app.post('/admin/orgs/new', async (request, reply) => {
    const actor = requireActor(request);
    const body = bodyOf(request);
    try {
      const org = await createOrg(ctx, actor, formToInput(parseInput(orgFormSchema, body)));
      return reply.redirect(`/admin/orgs/${org.code}?saved=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError)
        return renderForm(request, reply, actor, 'new', submittedValues(body), null, err.fields);
      throw err;
    }
  });

  app.get<CodeParams & { Querystring: { saved?: string } }>(
    '/admin/orgs/:code',
    async (request, reply) => {
      const actor = requireActor(request);
      const org = await getOrgFor(ctx, actor, request.params.code);
      const readable = await listOrgsFor(ctx, actor);
      const parent = await parentOf(ctx, org);
      const perms = await orgPermissions(ctx, actor, org.id);
      const page = (
        <OrgViewPage
          actor={actor}
          csrf={csrfToken(reply)}
          path={pathOf(request)}
          org={org}
          parent={parent}
          children={readable.filter((o) => o.parentId === org.id)}
          canUpdate={perms.update}
          canCreateChild={perms.createChild}
          saved={request.query.saved === '1'}
          example={exampleIndexNo(formValuesOf(org, parent?.code ?? null), today())}
        />
      );
      return sendPage(reply, page);
    },
  );

  async function editTarget(
    actor: Actor,
    code: string,
  ): Promise<{ org: Org; parentCode: string | null }> {
    const org = await getOrgFor(ctx, actor, code, 'update');
    return { org, parentCode: (await parentOf(ctx, org))?.code ?? null };
  }

  app.get<CodeParams>('/admin/orgs/:code/edit', async (request, reply) => {
    const actor = requireActor(request);
    const { org, parentCode } = await editTarget(actor, request.params.code);
    return renderForm(request, reply, actor, 'edit', formValuesOf(org, parentCode), org);
  });

  app.post<CodeParams>('/admin/orgs/:code/edit', async (request, reply) => {
    const actor = requireActor(request);
    const { org } = await editTarget(actor, request.params.code);
    const body = { ...bodyOf(request), code: org.code };
    try {
      await updateOrg(ctx, actor, org.code, formToInput(parseInput(orgFormSchema, body)));
      return reply.redirect(`/admin/orgs/${org.code}?saved=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError)
        return renderForm(request, reply, actor, 'edit', submittedValues(body), org, err.fields);
      throw err;
    }
  });
};
