import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** Routes of the orgs domain. */
export const orgsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (_app, _opts) => {};
