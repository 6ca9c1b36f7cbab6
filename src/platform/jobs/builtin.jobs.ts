import type { AppContext } from '../context.js';
import { isoNow } from '../time.js';
import { deleteFinishedJobs } from './jobs.repository.js';
import type { JobRegistry } from './jobs.registry.js';

/** Login attempts are kept this long for security review (等保 asks for at least six months). */
export const LOGIN_ATTEMPTS_RETENTION_DAYS = 180;
/** Finished job rows are kept this long for troubleshooting. */
export const FINISHED_JOBS_RETENTION_DAYS = 30;

const DAY_MS = 24 * 3600 * 1000;

/** Deletes expired sessions and login attempts past their retention. */
export async function purgeSessions(
  ctx: AppContext,
): Promise<{ sessions: number; loginAttempts: number }> {
  const now = ctx.now();
  const sessions = await ctx.db
    .deleteFrom('sessions')
    .where('expires_at', '<', isoNow(now))
    .executeTakeFirst();
  const cutoff = isoNow(new Date(now.getTime() - LOGIN_ATTEMPTS_RETENTION_DAYS * DAY_MS));
  const attempts = await ctx.db
    .deleteFrom('login_attempts')
    .where('at', '<', cutoff)
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    loginAttempts: Number(attempts.numDeletedRows),
  };
}

/** Platform jobs: session purge every hour, finished-job cleanup every night. */
export function registerPlatformJobs(registry: JobRegistry): void {
  registry
    .define('sessions.purge', async (ctx) => {
      const r = await purgeSessions(ctx);
      ctx.logger.info(r, 'purged expired sessions and old login attempts');
    })
    .schedule({ name: 'sessions.purge', schedule: { everyMinutes: 60 } })
    .define('jobs.purge', async (ctx) => {
      const cutoff = isoNow(new Date(ctx.now().getTime() - FINISHED_JOBS_RETENTION_DAYS * DAY_MS));
      const n = await deleteFinishedJobs(ctx.db, cutoff);
      ctx.logger.info({ deleted: n }, 'deleted old finished jobs');
    })
    .schedule({ name: 'jobs.purge', schedule: { dailyAt: '03:30' } });
}
