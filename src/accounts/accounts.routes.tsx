import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** Routes of the accounts domain. */
export const accountsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (_app, _opts) => {};
