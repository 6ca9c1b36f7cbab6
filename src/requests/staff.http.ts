import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/authz.js';
import { csrfToken } from '../platform/http/app.js';

/** Small helpers shared by the staff pages of applications (routes only). */

/** The request path without its query string (for the navigation's current page). */
export function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/** The urlencoded body as a plain record. */
export function bodyOf(request: FastifyRequest): Record<string, string | string[]> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, string | string[]>)
    : {};
}

/** The props every staff page of an org takes (StaffBase). */
export function staffBase(
  actor: Actor,
  reply: FastifyReply,
  request: FastifyRequest,
  org: { code: string; name: string },
) {
  return {
    actor,
    csrf: csrfToken(reply),
    path: pathOf(request),
    orgCode: org.code,
    orgName: org.name,
  };
}
