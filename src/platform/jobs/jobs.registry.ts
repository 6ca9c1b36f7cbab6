import type { AppContext } from '../context.js';
import { parseDailyAt, type ScheduleSpec } from './jobs.model.js';

/** What a handler learns about the job it runs. */
export interface JobInfo {
  id: number;
  name: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
}

/**
 * Runs one job. The payload is the JSON given at enqueue time; the handler validates it. A
 * thrown error fails the attempt (retried with back-off). Handlers must be idempotent: a job
 * whose worker died is run again.
 */
export type JobHandler = (ctx: AppContext, payload: unknown, job: JobInfo) => Promise<void>;

/** A job enqueued by the scheduler once per slot. */
export interface ScheduledJob {
  name: string;
  schedule: ScheduleSpec;
  payload?: unknown;
  maxAttempts?: number;
}

/**
 * Job handlers by name and the scheduled jobs. Each domain adds its own in a `register…Jobs`
 * function listed in `all-jobs.ts`; tests build their own registry.
 */
export class JobRegistry {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: ScheduledJob[] = [];

  /** Declares the handler of the jobs called `name` (one handler per name). */
  define(name: string, handler: JobHandler): this {
    if (this.handlers.has(name)) throw new Error(`job "${name}" is already defined`);
    this.handlers.set(name, handler);
    return this;
  }

  /** Declares that the job `name` (already defined) runs on a schedule. */
  schedule(job: ScheduledJob): this {
    if (!this.handlers.has(job.name)) throw new Error(`scheduled job "${job.name}" has no handler`);
    if ('dailyAt' in job.schedule) parseDailyAt(job.schedule.dailyAt);
    else if (!(job.schedule.everyMinutes > 0))
      throw new Error(`job "${job.name}": everyMinutes must be positive`);
    this.schedules.push(job);
    return this;
  }

  handler(name: string): JobHandler | undefined {
    return this.handlers.get(name);
  }

  names(): string[] {
    return [...this.handlers.keys()];
  }

  scheduled(): readonly ScheduledJob[] {
    return this.schedules;
  }
}
