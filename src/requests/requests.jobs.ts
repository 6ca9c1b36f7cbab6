import { z } from 'zod';
import type { JobRegistry } from '../platform/jobs/jobs.registry.js';
import { recordReminders, refreshOpenClocks, REMINDER_WORKING_DAYS } from './dashboard.service.js';

const reminderPayload = z
  .object({ within_days: z.number().int().min(0).max(20).optional() })
  .nullish();

/**
 * Daily jobs of 依申请公开 (REGULATIONS.md §4.8): refresh the cached clocks of open cases (an open
 * consultation or fee pause moves the due date every day), then record in-app reminders for cases
 * due within N working days (payload `within_days`, default 3), e-mailed to the case workers
 * when SMTP_URL is set (requests.mail.ts).
 */
export function registerRequestJobs(registry: JobRegistry): void {
  registry
    .define('requests.refresh_clocks', async (ctx) => {
      const n = await refreshOpenClocks(ctx);
      ctx.logger.info({ refreshed: n }, 'refreshed clocks of open applications');
    })
    .schedule({ name: 'requests.refresh_clocks', schedule: { dailyAt: '00:20' } })
    .define('requests.reminders', async (ctx, payload) => {
      const p = reminderPayload.parse(payload);
      const n = await recordReminders(ctx, p?.within_days ?? REMINDER_WORKING_DAYS);
      ctx.logger.info({ reminders: n }, 'recorded application reminders');
    })
    .schedule({
      name: 'requests.reminders',
      schedule: { dailyAt: '00:40' },
      payload: { within_days: REMINDER_WORKING_DAYS },
    });
}
