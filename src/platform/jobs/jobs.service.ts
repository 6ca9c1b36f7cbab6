import type { AppContext } from '../context.js';
import type { Conn } from '../db/database.js';
import { isoNow } from '../time.js';
import { currentSlot, scheduleKey } from './jobs.model.js';
import { enqueue } from './jobs.repository.js';
import type { JobRegistry } from './jobs.registry.js';

/**
 * Queues a job. Pass the caller's transaction as `conn` so the job exists only if the change
 * that asked for it commits. Returns the job id, or null when `uniqueKey` was already queued.
 */
export async function enqueueJob(
  ctx: AppContext,
  conn: Conn,
  name: string,
  payload: unknown,
  opts: { runAt?: Date; uniqueKey?: string; maxAttempts?: number } = {},
): Promise<number | null> {
  const now = ctx.now();
  return enqueue(conn, {
    name,
    payload,
    runAt: isoNow(opts.runAt ?? now),
    createdAt: isoNow(now),
    uniqueKey: opts.uniqueKey ?? null,
    maxAttempts: opts.maxAttempts,
  });
}

/**
 * Enqueues the current slot of every scheduled job, keyed `${name}:${slot}`: however many
 * workers call this, each slot is queued (and so run) once. Returns the names newly queued.
 */
export async function enqueueScheduled(
  ctx: AppContext,
  registry: JobRegistry,
  now = ctx.now(),
): Promise<string[]> {
  const queued: string[] = [];
  for (const job of registry.scheduled()) {
    const slot = currentSlot(job.schedule, now);
    const id = await enqueue(ctx.db, {
      name: job.name,
      payload: job.payload ?? null,
      runAt: isoNow(slot.startsAt),
      createdAt: isoNow(now),
      uniqueKey: scheduleKey(job.name, slot.key),
      maxAttempts: job.maxAttempts,
    });
    if (id !== null) queued.push(job.name);
  }
  return queued;
}
