import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** Loads the signed-in user from the session cookie into `request.actor`. */
export function sessionHook(_app: FastifyInstance, _ctx: AppContext): void {}
