import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';

/** Routes of the audit domain. */
export const auditRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (_app, _opts) => {};
