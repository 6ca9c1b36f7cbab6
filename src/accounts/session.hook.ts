import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { sha256Hex } from '../platform/crypto/sm.js';
import { isoNow } from '../platform/time.js';
import { actorOf } from './accounts.model.js';
import * as repo from './accounts.repository.js';

/** Name of the session cookie; it holds a random token whose SHA-256 is the session id. */
export const SESSION_COOKIE = 'gk_session';

// Sliding expiry is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS = 60_000;

/** True when the signed-in user deferred TOTP enrolment (AdminLayout shows a warning). */
export function totpDeferred(request: FastifyRequest): boolean {
  return request.actor?.totpDeferred ?? false;
}

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS). */
export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
    maxAge: ctx.config.sessionHours * 3600,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.secureCookies,
  });
}

/**
 * Loads the signed-in user from the session cookie: `request.actor` when both factors were given,
 * otherwise `request.pendingUserId`; `request.sessionId` in both cases.
 */
export function sessionHook(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || request.url.startsWith('/assets/')) return;
    const id = sha256Hex(token);
    const found = await repo.findSessionWithUser(ctx.db, id);
    if (!found) return;
    const { session, user, grants } = found;
    const now = ctx.now();
    if (new Date(session.expires_at).getTime() <= now.getTime()) {
      await repo.deleteSession(ctx.db, id);
      return;
    }
    if (user.disabled === 1) return;
    request.sessionId = id;
    if (session.second_factor === 1) {
      request.actor = {
        ...actorOf(user, grants),
        totpDeferred: user.totp_enabled !== 1,
      };
    } else {
      request.pendingUserId = user.id;
    }
    if (now.getTime() - new Date(session.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
      const expires = new Date(now.getTime() + ctx.config.sessionHours * 3600_000);
      await repo.touchSession(ctx.db, id, isoNow(now), isoNow(expires));
    }
  });
}
