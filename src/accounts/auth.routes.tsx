import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { sendPage } from '../platform/views/render.js';
import { requireActor } from './guards.js';
import { enrolSchema, loginSchema, secondFactorSchema } from './accounts.schema.js';
import * as auth from './auth.service.js';
import { EnrolPage, LoginPage, RecoveryCodesPage, SecondFactorPage } from './auth.views.js';
import { clientOf, formOf, pageBase, safeNext, sendSecretPage } from './http.js';
import { clearSessionCookie, setSessionCookie } from './session.hook.js';
import * as account from './account.service.js';
import { confirmEnrolment, deferEnrolment, enrolmentQr } from './enrolment.service.js';

// Per-IP limits on the credential routes; the per-account lockout is the main defence.
const LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

const withNext = (path: string, next: string) =>
  next === '/admin' ? path : `${path}?next=${encodeURIComponent(next)}`;

/** Sign-in (password, then TOTP or a recovery code), enrolment and sign-out. */
export const authRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get<{ Querystring: { next?: string } }>('/admin/login', async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.actor) return reply.redirect(next, 303);
    return sendPage(reply, <LoginPage {...pageBase(request, reply)} next={next} />);
  });

  app.post('/admin/login', { config: LIMIT }, async (request, reply) => {
    const form = formOf(request);
    const next = safeNext(form.next);
    try {
      const input = parseInput(loginSchema, form);
      const result = await auth.passwordSignIn(ctx, {
        ...input,
        previousSessionId: request.sessionId,
        ...clientOf(request),
      });
      setSessionCookie(ctx, reply, result.session.token);
      return reply.redirect(
        withNext(result.next === 'totp' ? '/admin/login/2fa' : '/admin/enrol-2fa', next),
        303,
      );
    } catch (err) {
      const username = typeof form.username === 'string' ? form.username : '';
      if (err instanceof ValidationError) {
        return sendPage(
          reply,
          <LoginPage
            {...pageBase(request, reply)}
            errors={err.fields}
            code={err.code}
            username={username}
            next={next}
          />,
          400,
        );
      }
      if (err instanceof auth.LoginError) {
        return sendPage(
          reply,
          <LoginPage
            {...pageBase(request, reply)}
            message={err.message}
            code={err.code}
            username={username}
            next={next}
          />,
          400,
        );
      }
      throw err;
    }
  });

  app.get<{ Querystring: { next?: string } }>('/admin/login/2fa', async (request, reply) => {
    if (!request.pendingUserId) return reply.redirect('/admin/login', 303);
    return sendPage(
      reply,
      <SecondFactorPage {...pageBase(request, reply)} next={safeNext(request.query.next)} />,
    );
  });

  app.post('/admin/login/2fa', { config: LIMIT }, async (request, reply) => {
    const form = formOf(request);
    const next = safeNext(form.next);
    if (!request.pendingUserId || !request.sessionId) return reply.redirect('/admin/login', 303);
    try {
      const input = parseInput(secondFactorSchema, form);
      const session = await auth.secondFactorSignIn(ctx, {
        sessionId: request.sessionId,
        code: input.code,
        ...clientOf(request),
      });
      setSessionCookie(ctx, reply, session.token);
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof ValidationError) {
        return sendPage(
          reply,
          <SecondFactorPage
            {...pageBase(request, reply)}
            errors={err.fields}
            code={err.code}
            next={next}
          />,
          400,
        );
      }
      if (err instanceof auth.LoginError) {
        clearSessionCookie(ctx, reply);
        return sendPage(
          reply,
          <LoginPage
            {...pageBase(request, reply)}
            message={err.message}
            code={err.code}
            next={next}
          />,
          400,
        );
      }
      throw err;
    }
  });

  app.get<{ Querystring: { next?: string } }>('/admin/enrol-2fa', async (request, reply) => {
    const userId = request.pendingUserId ?? request.actor?.userId;
    if (!userId) return reply.redirect('/admin/login?next=/admin/enrol-2fa', 303);
    if (request.actor && !pageBase(request, reply).deferred)
      return reply.redirect('/admin/account', 303);
    const e = await enrolmentQr(ctx, userId);
    return sendSecretPage(
      reply,
      <EnrolPage {...pageBase(request, reply)} {...e} next={safeNext(request.query.next)} />,
    );
  });

  app.post('/admin/enrol-2fa', { config: LIMIT }, async (request, reply) => {
    const form = formOf(request);
    const next = safeNext(form.next);
    const userId = request.pendingUserId ?? request.actor?.userId;
    if (!userId || !request.sessionId) return reply.redirect('/admin/login', 303);
    if (request.actor && !pageBase(request, reply).deferred)
      return reply.redirect('/admin/account', 303);
    try {
      const input = parseInput(enrolSchema, form);
      const result = await confirmEnrolment(ctx, {
        userId,
        sessionId: request.sessionId,
        code: input.code,
        ...clientOf(request),
      });
      setSessionCookie(ctx, reply, result.session.token);
      const base = { ...pageBase(request, reply), actor: null, deferred: false };
      return sendSecretPage(
        reply,
        <RecoveryCodesPage {...base} codes={result.recoveryCodes} next={next} />,
      );
    } catch (err) {
      if (err instanceof ValidationError) {
        const e = await enrolmentQr(ctx, userId);
        return sendSecretPage(
          reply,
          <EnrolPage
            {...pageBase(request, reply)}
            {...e}
            errors={err.fields}
            code={err.code}
            next={next}
          />,
          400,
        );
      }
      throw err;
    }
  });

  app.post('/admin/enrol-2fa/defer', async (request, reply) => {
    if (!request.pendingUserId || !request.sessionId) return reply.redirect('/admin/login', 303);
    const session = await deferEnrolment(ctx, {
      sessionId: request.sessionId,
      ...clientOf(request),
    });
    setSessionCookie(ctx, reply, session.token);
    return reply.redirect(safeNext(formOf(request).next), 303);
  });

  app.post('/admin/logout', async (request, reply) => {
    if (request.sessionId) await account.signOut(ctx, request.sessionId);
    clearSessionCookie(ctx, reply);
    return reply.redirect('/admin/login', 303);
  });

  app.post('/admin/account/sign-out-everywhere', async (request, reply) => {
    const actor = requireActor(request);
    await account.signOutEverywhere(ctx, actor);
    clearSessionCookie(ctx, reply);
    return reply.redirect('/admin/login', 303);
  });

  app.post('/admin/account/recovery-codes', async (request, reply) => {
    const actor = requireActor(request);
    const codes = await account.regenerateRecoveryCodes(ctx, actor);
    return sendSecretPage(
      reply,
      <RecoveryCodesPage {...pageBase(request, reply)} codes={codes} next="/admin/account" />,
    );
  });
};
