import type { JobRegistry } from '../../platform/jobs/jobs.registry.js';
import { enqueueLinkChecks, ORG_JOB, runOrgLinkCheck } from './links.service.js';
import { LinkResultCache } from './result-cache.js';

/** Working external links are asked again after this long (shared by the orgs' crawls). */
const CACHE_TTL_MS = 12 * 3600 * 1000;

/**
 * Link checker jobs (issue 7): `monitoring.links` runs daily and queues one
 * `monitoring.links.org` job per org, which crawls that org's portal and stores the findings.
 */
export function registerLinkJobs(registry: JobRegistry): void {
  const cache = new LinkResultCache(CACHE_TTL_MS);
  registry
    .define('monitoring.links', async (ctx) => {
      const queued = await enqueueLinkChecks(ctx);
      ctx.logger.info({ queued }, 'link checks queued');
    })
    .schedule({ name: 'monitoring.links', schedule: { dailyAt: '02:30' } })
    .define(ORG_JOB, async (ctx, payload) => {
      await runOrgLinkCheck(ctx, payload, { cache });
    });
}
