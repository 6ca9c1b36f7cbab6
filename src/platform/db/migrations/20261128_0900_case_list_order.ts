import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../database.js';

/**
 * Indexes that serve the order of the 依申请公开 case list (issue 4): reply due date ascending with
 * the cases without one last, then newest submission, then newest id. Neither dialect can serve
 * `reply_due_on ASC NULLS LAST` from a plain index on SQLite, so the list orders by the expression
 * `(reply_due_on IS NULL)` first, and these indexes carry the same expression (one SQL text for
 * both dialects). Before them, page 1 of the 100,000 applications of `bench-001` sorted every row
 * of the org in a temporary B-tree (645 ms on SQLite).
 *
 * - `applications_case_order_idx`: the whole list, and its pages.
 * - `applications_status_order_idx`: the list of one status (e.g. 已办结, page 3).
 * - `applications_assigned_order_idx`: the cases of one case worker, or the unassigned ones.
 * - `applications_open_order_idx`: only the open cases (partial), for 办理中, 逾期, 即将逾期, 暂停 and
 *   the dashboard's lists; status and assignee are carried so those filters are read from the index.
 *   Its WHERE clause must stay the literal list `OPEN_CASES` of requests.repository.ts uses.
 * - `applications_ref_pattern_idx` (PostgreSQL): 受理编号 prefix search (`ref LIKE 'P%'`), which the
 *   unique index on ref serves only under the C collation; SQLite searches with GLOB on that one.
 */
const ORDER = sql`(reply_due_on IS NULL), reply_due_on, submitted_on DESC, id DESC`;
const OPEN = sql`status IN ('awaiting_confirmation', 'registered', 'correction_pending', 'in_progress', 'paused_consultation', 'awaiting_fee')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX applications_case_order_idx ON applications (org_id, ${ORDER})`.execute(
    db,
  );
  await sql`CREATE INDEX applications_status_order_idx ON applications (org_id, status, ${ORDER})`.execute(
    db,
  );
  await sql`CREATE INDEX applications_assigned_order_idx ON applications (org_id, assigned_to, ${ORDER})`.execute(
    db,
  );
  await sql`CREATE INDEX applications_open_order_idx ON applications (org_id, ${ORDER}, status, assigned_to) WHERE ${OPEN}`.execute(
    db,
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) === 'postgres')
    await sql`CREATE INDEX applications_ref_pattern_idx ON applications (ref text_pattern_ops)`.execute(
      db,
    );
  // Statistics for the new indexes (SQLite keeps none for an index created after the last ANALYZE
  // and then guesses; PostgreSQL gathers the expression's statistics here).
  await sql`ANALYZE applications`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely<unknown> passes here
  if (dialectOf(db as any) === 'postgres')
    await db.schema.dropIndex('applications_ref_pattern_idx').execute();
  for (const name of [
    'applications_open_order_idx',
    'applications_assigned_order_idx',
    'applications_status_order_idx',
    'applications_case_order_idx',
  ])
    await db.schema.dropIndex(name).execute();
}
