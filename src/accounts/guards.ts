import type { FastifyRequest } from 'fastify';
import type { Actor } from '../platform/authz.js';
import { ForbiddenError, UnauthenticatedError } from '../platform/errors.js';

/**
 * Route guards: they only establish who is acting. What the actor may do is decided by each
 * domain's policy inside its service.
 */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

export function requirePlatformAdmin(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!actor.isPlatformAdmin) throw new ForbiddenError();
  return actor;
}
