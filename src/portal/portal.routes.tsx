import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** Routes of the portal domain. */
export const portalRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (_app, _opts) => {};
