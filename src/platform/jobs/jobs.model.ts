/**
 * Pure rules of the job queue: retry back-off and the slots of scheduled jobs. Times are
 * instants (`Date`); daily schedules are read in China time (UTC+8, no daylight saving).
 */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Status of a job row: waiting, claimed by a worker, finished, or given up after max_attempts. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** When a scheduled job runs: every `everyMinutes`, or once a day at `dailyAt` (HH:MM, China time). */
export type ScheduleSpec = { everyMinutes: number } | { dailyAt: string };

/**
 * Delay before retry number `attempts` (1 = after the first failure): exponential from `baseMs`,
 * capped at one hour, so a failing mail server is not hammered.
 */
export function retryDelayMs(attempts: number, baseMs: number): number {
  const exp = Math.max(0, attempts - 1);
  return Math.min(baseMs * 2 ** Math.min(exp, 20), 3600 * 1000);
}

/** Parses `HH:MM` into minutes after midnight, or throws for an invalid time. */
export function parseDailyAt(text: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new Error(`invalid daily time "${text}" (expected HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The latest slot of a schedule at or before `now`: its key (stable text, the same in every
 * worker) and the instant it starts. A daily job at 03:00 China time has slot `2026-11-28` from
 * 03:00 that day until 02:59 the next day; an interval job has one slot per interval since the
 * Unix epoch, keyed by its start instant.
 */
export function currentSlot(spec: ScheduleSpec, now: Date): { key: string; startsAt: Date } {
  if ('everyMinutes' in spec) {
    if (!(spec.everyMinutes > 0)) throw new Error('everyMinutes must be positive');
    const ms = spec.everyMinutes * 60 * 1000;
    const start = new Date(Math.floor(now.getTime() / ms) * ms);
    return { key: start.toISOString(), startsAt: start };
  }
  const minutes = parseDailyAt(spec.dailyAt);
  const china = now.getTime() + CHINA_OFFSET_MS;
  let dayStart = Math.floor(china / DAY_MS) * DAY_MS;
  if (china - dayStart < minutes * 60 * 1000) dayStart -= DAY_MS;
  const key = new Date(dayStart).toISOString().slice(0, 10);
  return { key, startsAt: new Date(dayStart + minutes * 60 * 1000 - CHINA_OFFSET_MS) };
}

/** The dedupe key of one scheduled run: every worker computes the same one for the same slot. */
export function scheduleKey(name: string, slotKey: string): string {
  return `${name}:${slotKey}`;
}
