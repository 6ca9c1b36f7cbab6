import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { requireActor } from './guards.js';
import { can } from './accounts.policy.js';
import { userCreateSchema, userUpdateSchema } from './accounts.schema.js';
import * as users from './accounts.service.js';
import { formOf, pageBase, sendSecretPage } from './http.js';
import {
  OneTimePasswordPage,
  UserFormPage,
  UserListPage,
  type UserFormValues,
} from './users.views.js';

const DONE: Record<string, string> = { saved: '已保存。', created: '用户已创建。' };

function idOf(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new NotFoundError('ERR_USER_NOT_FOUND', '用户不存在。');
  return Number(raw);
}

/** What the user typed, for re-rendering a form after an error. */
function valuesOf(form: Record<string, unknown>): UserFormValues {
  const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
  const g = form.grant;
  return {
    username: str('username'),
    display_name: str('display_name'),
    email: str('email'),
    platform_admin: form.platform_admin !== undefined,
    disabled: form.disabled !== undefined,
    grants: Array.isArray(g)
      ? g.filter((x): x is string => typeof x === 'string')
      : typeof g === 'string'
        ? [g]
        : [],
  };
}

/** User management: list, create, edit (details, roles per org), reset password. */
export const usersRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    opts: {
      mode: 'new' | 'edit';
      userId?: number;
      values?: UserFormValues;
      errors?: Record<string, string>;
      code?: string;
      notice?: string | undefined;
    },
    status = 200,
  ) => {
    const found =
      opts.userId === undefined ? null : await users.getUserFor(ctx, actor, opts.userId);
    const values: UserFormValues =
      opts.values ??
      (found
        ? {
            display_name: found.user.displayName,
            email: found.user.email,
            platform_admin: found.user.isPlatformAdmin,
            disabled: found.user.disabled,
            grants: found.user.grants.map((g) => `${g.orgId}:${g.role}`),
          }
        : { grants: [] });
    const page = (
      <UserFormPage
        {...pageBase(request, reply)}
        mode={opts.mode}
        user={found?.user}
        values={values}
        orgs={await users.assignableOrgs(ctx, actor)}
        canGrantPlatformAdmin={can(actor, 'user.assign_role', {
          kind: 'grant',
          role: 'platform_admin',
          org: null,
        })}
        canUpdate={found ? found.canUpdate : true}
        errors={opts.errors}
        code={opts.code}
        notice={opts.notice}
      />
    );
    return sendPage(reply, page, status);
  };

  app.get('/admin/users', async (request, reply) => {
    const actor = requireActor(request);
    const list = await users.listUsersFor(ctx, actor);
    return sendPage(reply, <UserListPage {...pageBase(request, reply)} users={list} canCreate />);
  });

  app.get('/admin/users/new', async (request, reply) => {
    const actor = requireActor(request);
    if (!can(actor, 'user.list', { kind: 'none' })) throw new ForbiddenError();
    return formPage(request, reply, actor, { mode: 'new' });
  });

  app.post('/admin/users/new', async (request, reply) => {
    const actor = requireActor(request);
    const form = formOf(request);
    try {
      const input = parseInput(userCreateSchema, form);
      const created = await users.createUser(ctx, actor, input);
      if (!created.generated) return reply.redirect(`/admin/users/${created.id}?done=created`, 303);
      return sendSecretPage(
        reply,
        <OneTimePasswordPage
          {...pageBase(request, reply)}
          username={input.username}
          password={created.password}
          userId={created.id}
        />,
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return formPage(
        request,
        reply,
        actor,
        { mode: 'new', values: valuesOf(form), errors: err.fields, code: err.code },
        400,
      );
    }
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/admin/users/:id',
    async (request, reply) => {
      const actor = requireActor(request);
      return formPage(request, reply, actor, {
        mode: 'edit',
        userId: idOf(request.params.id),
        notice: DONE[request.query.done ?? ''],
      });
    },
  );

  app.post<{ Params: { id: string } }>('/admin/users/:id', async (request, reply) => {
    const actor = requireActor(request);
    const id = idOf(request.params.id);
    const form = formOf(request);
    try {
      await users.updateUser(ctx, actor, id, parseInput(userUpdateSchema, form));
      return reply.redirect(`/admin/users/${id}?done=saved`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return formPage(
        request,
        reply,
        actor,
        { mode: 'edit', userId: id, values: valuesOf(form), errors: err.fields, code: err.code },
        400,
      );
    }
  });

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id/reset-password',
    async (request, reply) => {
      const actor = requireActor(request);
      const id = idOf(request.params.id);
      const password = await users.resetPassword(ctx, actor, id);
      const { user } = await users.getUserFor(ctx, actor, id);
      return sendSecretPage(
        reply,
        <OneTimePasswordPage
          {...pageBase(request, reply)}
          username={user.username}
          password={password}
          userId={id}
        />,
      );
    },
  );
};
