import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { sessionHook } from '../../accounts/session.hook.js';
import { accountsRoutes } from '../../accounts/accounts.routes.js';
import { orgsRoutes } from '../../orgs/orgs.routes.js';
import { calendarRoutes } from '../../calendar/calendar.routes.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { portalRoutes } from '../../portal/portal.routes.js';
import { searchRoutes } from '../../search/search.routes.js';
import { catalogueRoutes } from '../../catalogue/catalogue.routes.js';
import { intakeRoutes } from '../../requests/intake.routes.js';
import { trackingRoutes } from '../../requests/tracking.routes.js';
import { applicationsRoutes } from '../../requests/applications.routes.js';
import { appealsRoutes } from '../../requests/appeals.routes.js';
import { reportsRoutes } from '../../reports/reports.routes.js';
import { monitoringRoutes } from '../../monitoring/monitoring.routes.js';
import { rectificationRoutes } from '../../monitoring/rectification.routes.js';
import { whitelistRoutes } from '../../monitoring/whitelist.routes.js';

/** Every domain's routes, in one place. Each domain is an encapsulated Fastify plugin. */
export async function registerDomainRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  sessionHook(app, ctx);
  await app.register(accountsRoutes, { ctx });
  await app.register(orgsRoutes, { ctx });
  await app.register(calendarRoutes, { ctx });
  await app.register(auditRoutes, { ctx });
  await app.register(catalogueRoutes, { ctx });
  await app.register(searchRoutes, { ctx });
  await app.register(portalRoutes, { ctx });
  await app.register(intakeRoutes, { ctx });
  await app.register(trackingRoutes, { ctx });
  await app.register(applicationsRoutes, { ctx });
  await app.register(appealsRoutes, { ctx });
  await app.register(reportsRoutes, { ctx });
  await app.register(monitoringRoutes, { ctx });
  await app.register(rectificationRoutes, { ctx });
  await app.register(whitelistRoutes, { ctx });
}
