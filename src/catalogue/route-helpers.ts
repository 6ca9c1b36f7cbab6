import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/authz.js';
import type { AppContext } from '../platform/context.js';
import { NotFoundError } from '../platform/errors.js';
import { csrfToken } from '../platform/http/app.js';
import { findOrg } from '../orgs/orgs.service.js';
import type { PageBase } from './catalogue.views.js';

/** Small helpers shared by the catalogue's route files. */

export type OrgParams = { Params: { code: string } };
export type ItemParams = { Params: { code: string; id: string } };

/** The org of the URL (404 ERR_ORG_NOT_FOUND); access is decided by the catalogue policy. */
export async function orgOf(
  ctx: AppContext,
  code: string,
): Promise<{ id: number; code: string; name: string }> {
  const org = await findOrg(ctx, code);
  if (!org) throw new NotFoundError('ERR_ORG_NOT_FOUND', '该单位不存在。');
  return { id: org.id, code: org.code, name: org.name };
}

/** A positive integer id from the URL, or 404. */
export function idOf(raw: string, code = 'ERR_ITEM_NOT_FOUND'): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new NotFoundError(code);
  return n;
}

/** The submitted form fields. */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)
    : {};
}

/** String form values (for re-showing a form after an error). */
export function stringValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/** What every page needs: actor, CSRF token, current path and org. */
export function pageBase(
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  org: PageBase['org'],
): PageBase {
  return { actor, csrf: csrfToken(reply), path: request.url.split('?')[0] ?? request.url, org };
}
