import type { FastifyPluginAsync } from 'fastify';
import { requireActor } from '../../accounts/guards.js';
import type { AppContext } from '../context.js';
import { csrfToken } from '../http/app.js';
import { zodFieldErrors } from '../validation.js';
import { sendPage } from '../views/render.js';
import { auditQuerySchema, type AuditQuery } from './audit.schema.js';
import { listAuditPage } from './audit.service.js';
import { AuditListPage, type AuditFilterValues } from './audit.views.js';

const FILTER_KEYS = ['org', 'actor', 'action', 'targetType', 'from', 'to'] as const;

/** The filter values as typed, keeping only the known string parameters. */
function typedValues(query: Record<string, unknown>): AuditFilterValues {
  const values: AuditFilterValues = {};
  for (const k of FILTER_KEYS) {
    const raw = query[k];
    if (typeof raw === 'string' && raw !== '') values[k] = raw;
  }
  return values;
}

/** Routes of the audit domain: the audit log page for admins and supervisors. */
export const auditRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/admin/audit', async (request, reply) => {
    const actor = requireActor(request);
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const values = typedValues(raw);
    const parsed = auditQuerySchema.safeParse(raw);
    // An invalid filter is shown next to its field; the list is then left unfiltered.
    const errors = parsed.success ? undefined : zodFieldErrors(parsed.error);
    const query: Partial<AuditQuery> = parsed.success ? parsed.data : {};
    const result = await listAuditPage(ctx, actor, query);
    const params = new URLSearchParams(Object.entries(values));
    const pagerHref = params.size ? `/admin/audit?${params.toString()}` : '/admin/audit';
    return sendPage(
      reply,
      <AuditListPage
        actor={actor}
        csrf={csrfToken(reply)}
        entries={result.entries}
        orgs={result.orgs}
        values={values}
        errors={errors}
        page={result.page}
        hasNext={result.hasNext}
        pagerHref={pagerHref}
      />,
      errors ? 400 : 200,
    );
  });
};
