import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../platform/context.js';

/** Routes of the calendar domain. */
export const calendarRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (_app, _opts) => {};
