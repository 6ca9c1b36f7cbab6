import { z } from 'zod';
import { systemActor } from '../platform/authz.js';
import type { JobRegistry } from '../platform/jobs/jobs.registry.js';
import { SCAN_ORG_JOB } from './monitoring.service.js';
import { runMonitorScan } from './scan.service.js';

const orgPayload = z.object({ orgId: z.number().int().positive() });

/**
 * Monitoring scans (issue 7): `monitoring.scan` runs every monitor over every org daily at 03:30
 * China time (after the 02:30 link check, whose findings it turns into broken_link findings);
 * `monitoring.scan.org` scans one org on request (「立即检查」).
 */
export function registerMonitoringJobs(registry: JobRegistry): void {
  const actor = systemActor('monitoring');
  registry
    .define('monitoring.scan', async (ctx) => {
      const r = await runMonitorScan(ctx, actor);
      ctx.logger.info({ ...r }, 'monitoring scan finished');
    })
    .schedule({ name: 'monitoring.scan', schedule: { dailyAt: '03:30' } })
    .define(SCAN_ORG_JOB, async (ctx, payload) => {
      const { orgId } = orgPayload.parse(payload);
      const r = await runMonitorScan(ctx, actor, { orgId });
      ctx.logger.info({ ...r }, 'monitoring scan of one org finished');
    });
}
