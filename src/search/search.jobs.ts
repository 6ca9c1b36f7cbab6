import type { JobRegistry } from '../platform/jobs/jobs.registry.js';
import { syncSweep } from './search.indexer.js';

/**
 * `search.sync` every minute: extracts attachment text (PDF, DOCX, XLSX) and re-indexes any item
 * whose indexed version is behind (the safety net behind indexItem and the per-search check).
 */
export function registerSearchJobs(registry: JobRegistry): void {
  registry
    .define('search.sync', async (ctx) => {
      const n = await syncSweep(ctx);
      if (n > 0) ctx.logger.info({ indexed: n }, 'search index synchronised');
    })
    .schedule({ name: 'search.sync', schedule: { everyMinutes: 1 } });
}
