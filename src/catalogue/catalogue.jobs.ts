import type { JobRegistry } from '../platform/jobs/jobs.registry.js';
import { publishScheduled } from './workflow.service.js';

/** Scheduled publication: a sweep every minute publishes the items whose time has come. */
export function registerCatalogueJobs(registry: JobRegistry): void {
  registry
    .define('catalogue.publish_scheduled', async (ctx) => {
      const n = await publishScheduled(ctx);
      if (n > 0) ctx.logger.info({ published: n }, 'published scheduled items');
    })
    .schedule({ name: 'catalogue.publish_scheduled', schedule: { everyMinutes: 1 } });
}
