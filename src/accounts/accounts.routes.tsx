import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { accountRoutes } from './account.routes.js';
import { authRoutes } from './auth.routes.js';
import { usersRoutes } from './users.routes.js';

/** Routes of the accounts domain: sign-in and 2FA, the home and account pages, user management. */
export const accountsRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, opts) => {
  await app.register(authRoutes, opts);
  await app.register(accountRoutes, opts);
  await app.register(usersRoutes, opts);
};
