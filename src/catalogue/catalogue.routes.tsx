import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { adminRoutes } from './admin.routes.js';
import { attachmentRoutes } from './attachments.routes.js';
import { itemRoutes } from './items.routes.js';
import { workflowRoutes } from './workflow.routes.js';

/**
 * The staff side of 主动公开 under /admin/orgs/:code/…: items, workflow, attachments (with
 * multipart in its own scope), columns and queues. Each file is one sub-resource.
 */
export const catalogueRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(itemRoutes, { ctx });
  await app.register(workflowRoutes, { ctx });
  await app.register(attachmentRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
};
