import type { Selectable } from 'kysely';
import { dialectOf, type Conn, type Db } from '../db/database.js';
import type { JobsTable } from '../db/schema.js';

/** A job row as stored. */
export type JobRow = Selectable<JobsTable>;

export interface NewJob {
  name: string;
  payload: unknown;
  runAt: string;
  createdAt: string;
  maxAttempts?: number;
  /** Jobs with the same key are enqueued once (scheduled slots, "reindex item 42"). */
  uniqueKey?: string | null;
}

/** Adds a job; returns its id, or null when a job with the same unique key already exists. */
export async function enqueue(db: Conn, job: NewJob): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      name: job.name,
      payload: JSON.stringify(job.payload ?? null),
      run_at: job.runAt,
      status: 'queued',
      attempts: 0,
      max_attempts: job.maxAttempts ?? 3,
      unique_key: job.uniqueKey ?? null,
      created_at: job.createdAt,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claims the oldest due job for `workerId`, marking it running and counting the attempt, or
 * returns null. PostgreSQL: `FOR UPDATE SKIP LOCKED` in a transaction, so workers in several
 * processes never take the same row and never wait for each other. SQLite: one atomic
 * `UPDATE … WHERE id = (SELECT …) RETURNING` (SQLite has a single writer).
 */
export async function claimDueJob(
  db: Db,
  workerId: string,
  nowIso: string,
): Promise<JobRow | null> {
  const mark = { status: 'running', locked_by: workerId, locked_at: nowIso } as const;
  if (dialectOf(db) === 'postgres') {
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', nowIso)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return null;
      const row = await trx
        .updateTable('jobs')
        .set((eb) => ({ ...mark, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', due.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return row;
    });
  }
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({ ...mark, attempts: eb('attempts', '+', 1) }))
    .where('status', '=', 'queued')
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'queued')
        .where('run_at', '<=', nowIso)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1),
    )
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Marks a job this worker holds as done. */
export async function completeJob(
  db: Conn,
  id: number,
  workerId: string,
  nowIso: string,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: nowIso, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Records a failure: the job goes back to the queue at `retryAt`, or is failed for good once it
 * has used `max_attempts`.
 */
export async function failJob(
  db: Conn,
  job: Pick<JobRow, 'id' | 'attempts' | 'max_attempts'>,
  workerId: string,
  error: string,
  nowIso: string,
  retryAt: string,
): Promise<'retry' | 'failed'> {
  const final = job.attempts >= job.max_attempts;
  await db
    .updateTable('jobs')
    .set(
      final
        ? { status: 'failed', finished_at: nowIso, last_error: error.slice(0, 2000) }
        : {
            status: 'queued',
            run_at: retryAt,
            locked_by: null,
            locked_at: null,
            last_error: error.slice(0, 2000),
          },
    )
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
  return final ? 'failed' : 'retry';
}

/**
 * Returns jobs whose worker vanished (locked before `staleBeforeIso`) to the queue, or fails
 * them if they have no attempts left. Returns how many rows changed.
 */
export async function requeueStale(
  db: Conn,
  staleBeforeIso: string,
  nowIso: string,
): Promise<number> {
  const failed = await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      finished_at: nowIso,
      last_error: 'worker stopped while running the job',
    })
    .where('status', '=', 'running')
    .where('locked_at', '<', staleBeforeIso)
    .whereRef('attempts', '>=', 'max_attempts')
    .executeTakeFirst();
  const requeued = await db
    .updateTable('jobs')
    .set({ status: 'queued', run_at: nowIso, locked_by: null, locked_at: null })
    .where('status', '=', 'running')
    .where('locked_at', '<', staleBeforeIso)
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) + Number(requeued.numUpdatedRows);
}

/** Deletes finished jobs older than `beforeIso` (their unique keys are never reused). */
export async function deleteFinishedJobs(db: Conn, beforeIso: string): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', beforeIso)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
