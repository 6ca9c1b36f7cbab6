import type { AppContext } from '../context.js';
import { isoNow } from '../time.js';
import { buildJobRegistry } from './all-jobs.js';
import { retryDelayMs } from './jobs.model.js';
import { claimDueJob, completeJob, failJob, requeueStale, type JobRow } from './jobs.repository.js';
import type { JobRegistry } from './jobs.registry.js';
import { enqueueScheduled } from './jobs.service.js';

export interface RunningWorker {
  id: string;
  /** Stops claiming jobs and resolves once the job in hand (if any) has finished. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  id?: string;
  /** Jobs to run; the application's registry by default. */
  registry?: JobRegistry;
  /** Pause when the queue is empty. */
  pollMs?: number;
  /** How often the scheduler enqueues due slots and stale locks are released. */
  housekeepingMs?: number;
  /** A running job locked longer than this is taken to be orphaned by a dead worker. */
  staleMs?: number;
  /** First retry delay; doubles with each failure. */
  retryBaseMs?: number;
}

/**
 * Starts the job loop (in-process beside the web server, or standalone with `gongkai worker`).
 * Several workers, in one or many processes, can share a database: claiming is atomic, and the
 * scheduler's unique keys make each scheduled slot run once.
 */
export function startWorker(ctx: AppContext, opts: WorkerOptions = {}): RunningWorker {
  const id = opts.id ?? `worker-${process.pid}`;
  const registry = opts.registry ?? buildJobRegistry();
  const pollMs = opts.pollMs ?? 1000;
  const housekeepingMs = opts.housekeepingMs ?? 30_000;
  const staleMs = opts.staleMs ?? 15 * 60_000;
  const retryBaseMs = opts.retryBaseMs ?? 30_000;
  const log = ctx.logger.child({ worker: id });

  let stopping = false;
  let wake: (() => void) | null = null;
  let lastHousekeeping = -Infinity;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const housekeeping = async () => {
    const now = ctx.now();
    await requeueStale(ctx.db, isoNow(new Date(now.getTime() - staleMs)), isoNow(now));
    await enqueueScheduled(ctx, registry, now);
  };

  const runJob = async (job: JobRow) => {
    const handler = registry.handler(job.name);
    try {
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      const payload: unknown = JSON.parse(job.payload);
      await handler(ctx, payload, { id: job.id, name: job.name, attempt: job.attempts });
      await completeJob(ctx.db, job.id, id, isoNow(ctx.now()));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const now = ctx.now();
      const retryAt = new Date(now.getTime() + retryDelayMs(job.attempts, retryBaseMs));
      const outcome = await failJob(ctx.db, job, id, message, isoNow(now), isoNow(retryAt));
      log.warn(
        { job: job.name, jobId: job.id, attempt: job.attempts, outcome, error: message },
        'job failed',
      );
    }
  };

  const loop = async () => {
    while (!stopping) {
      try {
        if (Date.now() - lastHousekeeping >= housekeepingMs) {
          lastHousekeeping = Date.now();
          await housekeeping();
        }
        const job = await claimDueJob(ctx.db, id, isoNow(ctx.now()));
        if (job) {
          await runJob(job);
          continue;
        }
      } catch (err) {
        // The database may be briefly unavailable (restart, failover): log and keep polling.
        log.error({ err }, 'worker loop error');
      }
      if (!stopping) await sleep(pollMs);
    }
  };

  const done = loop();
  log.debug('worker started');
  return {
    id,
    async stop() {
      stopping = true;
      wake?.();
      await done;
      log.debug('worker stopped');
    },
  };
}
