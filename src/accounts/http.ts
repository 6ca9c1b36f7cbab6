import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { csrfToken } from '../platform/http/app.js';
import { sameSitePath } from '../platform/http/redirect.js';
import { sendPage } from '../platform/views/render.js';
import type { PageBase } from './auth.views.js';
import { totpDeferred } from './session.hook.js';

/** Small HTTP helpers shared by the accounts routes. */

/** The common props of an accounts page for this request. */
export function pageBase(request: FastifyRequest, reply: FastifyReply): PageBase {
  return {
    actor: request.actor,
    csrf: csrfToken(reply),
    path: request.url.split('?')[0] ?? request.url,
    deferred: totpDeferred(request),
  };
}

/** The submitted form as a plain record (empty when there is no body). */
export function formOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** A `next` target limited to same-site paths (never an open redirect). */
export function safeNext(next: unknown, fallback = '/admin'): string {
  const path = sameSitePath(next, fallback);
  return path.startsWith('/admin/login') ? fallback : path;
}

/** Sends a page that shows a secret once: never cached. */
export function sendSecretPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  reply.header('cache-control', 'no-store');
  return sendPage(reply, page, status);
}

/** Client details recorded with sessions and sign-in attempts. */
export function clientOf(request: FastifyRequest): { ip: string | null; userAgent: string | null } {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}
