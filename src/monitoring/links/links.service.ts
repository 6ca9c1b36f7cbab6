import { z } from 'zod';
import { findOrgById, listOrgRows } from '../../orgs/orgs.repository.js';
import type { AppContext } from '../../platform/context.js';
import { enqueueJob } from '../../platform/jobs/jobs.service.js';
import { chinaDate, isoNow } from '../../platform/time.js';
import { crawlSite } from './crawler.js';
import type { CrawlOptions, CrawlResult } from './links.model.js';
import { failRun, finishRun, insertRun, pruneFindings } from './links.repository.js';
import type { LinkResultCache } from './result-cache.js';
import { clearRunProgress, setRunProgress } from './run-progress.js';

/** The job that checks one org's portal. */
export const ORG_JOB = 'monitoring.links.org';

/** Findings are kept for this many latest runs of each org; older runs keep only their totals. */
export const KEEP_FINDINGS_RUNS = 7;
/** Pages read per portal by the scheduled check. */
export const SCHEDULED_MAX_PAGES = 2000;

/** The portal home page of an org: `PUBLIC_URL` + `/{org code}/` (portal.routes.tsx). */
export function portalUrl(publicUrl: string, orgCode: string): URL {
  const base = publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`;
  return new URL(`${encodeURIComponent(orgCode)}/`, base);
}

/** Options of one stored check. */
export interface StoredCheckOptions {
  crawl?: Partial<CrawlOptions>;
  cache?: LinkResultCache;
}

/**
 * Crawls one org's portal (pages under its own path; links anywhere checked) and stores the run
 * with its broken links. A crawl that throws is stored as failed and rethrown.
 */
export async function checkOrgPortal(
  ctx: AppContext,
  org: { id: number; code: string },
  publicUrl: string,
  opts: StoredCheckOptions = {},
): Promise<{ runId: number; result: CrawlResult }> {
  const start = portalUrl(publicUrl, org.code);
  const runId = await insertRun(ctx.db, {
    orgId: org.id,
    startUrl: start.href,
    startedAt: isoNow(ctx.now()),
  });
  try {
    const result = await crawlSite(
      start.href,
      { maxPages: SCHEDULED_MAX_PAGES, scopePath: start.pathname, ...opts.crawl },
      { cache: opts.cache, onProgress: (p) => setRunProgress(runId, p) },
    );
    await ctx.db.transaction().execute(async (trx) => {
      await finishRun(trx, runId, isoNow(ctx.now()), result.summary, result.broken);
      await pruneFindings(trx, org.id, KEEP_FINDINGS_RUNS);
    });
    return { runId, result };
  } catch (err) {
    await failRun(
      ctx.db,
      runId,
      isoNow(ctx.now()),
      err instanceof Error ? err.message : String(err),
    );
    throw err;
  } finally {
    clearRunProgress(runId);
  }
}

/**
 * The scheduled link check fans out: one `monitoring.links.org` job per org, so each crawl is
 * retried alone and no job runs long enough to look orphaned. Without PUBLIC_URL the portal's
 * address is unknown and the check is skipped (with a log line).
 */
export async function enqueueLinkChecks(ctx: AppContext): Promise<number> {
  if (!ctx.config.publicUrl) {
    ctx.logger.info(
      'link check skipped: PUBLIC_URL is not configured (未配置门户网址，跳过链接检查)',
    );
    return 0;
  }
  const day = chinaDate(ctx.now());
  let queued = 0;
  for (const org of await listOrgRows(ctx.db)) {
    const id = await enqueueJob(
      ctx,
      ctx.db,
      ORG_JOB,
      { orgId: org.id },
      {
        uniqueKey: `${ORG_JOB}:${org.id}:${day}`,
        maxAttempts: 2,
      },
    );
    if (id !== null) queued++;
  }
  return queued;
}

const orgPayload = z.object({ orgId: z.number().int().positive() });

/** Runs the stored check of one org (the payload of a `monitoring.links.org` job). */
export async function runOrgLinkCheck(
  ctx: AppContext,
  payload: unknown,
  opts: StoredCheckOptions = {},
): Promise<CrawlResult | null> {
  const { orgId } = orgPayload.parse(payload);
  const org = await findOrgById(ctx.db, orgId);
  const publicUrl = ctx.config.publicUrl;
  if (!org || !publicUrl) {
    ctx.logger.info({ orgId }, 'link check skipped: org gone or PUBLIC_URL not configured');
    return null;
  }
  const { result } = await checkOrgPortal(ctx, org, publicUrl, opts);
  ctx.logger.info({ org: org.code, ...result.summary }, 'link check finished');
  return result;
}
