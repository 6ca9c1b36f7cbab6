import { prepared } from '../platform/db/prepared.js';
import {
  sql,
  type Insertable,
  type SelectQueryBuilder,
  type Selectable,
  type Updateable,
} from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { ApplicationsTable, DB, LettersTable } from '../platform/db/schema.js';
import { dialectOf } from '../platform/db/database.js';
import { OPEN_STATUSES } from './applications.model.js';

/** All SQL of applications, their events, notes, files and sent letters. Plain rows in and out. */

export type ApplicationRow = Selectable<ApplicationsTable>;
export type NewApplicationRow = Insertable<ApplicationsTable>;
/** The columns the case list shows (not the sealed personal fields other than the name). */
export const CASE_LIST_COLUMNS = [
  'id',
  'ref',
  'status',
  'applicant_type',
  'applicant_name',
  'channel',
  'submitted_on',
  'received_on',
  'reply_due_on',
  'correction_notice_due_on',
  'paused_working_days',
  'outcome',
  'concluded_on',
  'assigned_to',
] as const;

/** A row of the case list. */
export type CaseListRow = Pick<ApplicationRow, (typeof CASE_LIST_COLUMNS)[number]>;

type ListQuery = SelectQueryBuilder<DB, 'applications', CaseListRow>;

/**
 * Inserts an application unless its ref or submission token already exists (ON CONFLICT DO
 * NOTHING, both dialects); returns the new id, or null when nothing was inserted.
 */
export async function insertApplicationRow(
  conn: Conn,
  row: NewApplicationRow,
): Promise<number | null> {
  const r = await conn
    .insertInto('applications')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export function applicationByToken(conn: Conn, token: string) {
  return conn
    .selectFrom('applications')
    .selectAll()
    .where('submission_token', '=', token)
    .executeTakeFirst();
}

export function applicationByRef(conn: Conn, ref: string) {
  return conn.selectFrom('applications').selectAll().where('ref', '=', ref).executeTakeFirst();
}

/** The row of a case, locked for update on PostgreSQL (SQLite serialises writers anyway). */
export function applicationForUpdate(conn: Conn, orgId: number, ref: string) {
  const q = conn
    .selectFrom('applications')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ref', '=', ref);
  return (dialectOf(conn) === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export function applicationByOrgRef(conn: Conn, orgId: number, ref: string) {
  return conn
    .selectFrom('applications')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('ref', '=', ref)
    .executeTakeFirst();
}

export function applicationsOfOrg(conn: Conn, orgId: number) {
  return conn
    .selectFrom('applications')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('submitted_on')
    .orderBy('ref')
    .execute();
}

export async function updateApplicationRow(
  conn: Conn,
  id: number,
  patch: Updateable<ApplicationsTable>,
): Promise<void> {
  await conn.updateTable('applications').set(patch).where('id', '=', id).execute();
}

/** Filters of the case list; dates are China calendar dates computed by the service. */
export interface ListFilter {
  statuses?: readonly string[];
  /** Open cases whose reply is due on or before this date. */
  dueOnOrBefore?: string;
  /** Open cases whose reply is due on or after this date (not yet overdue). */
  dueOnOrAfter?: string;
  /** Open cases whose reply was due before this date. */
  dueBefore?: string;
  assignedTo?: number | 'none';
  refPrefix?: string;
}

/**
 * `status IN (…open statuses…)` with the statuses inlined: the predicate of the partial index
 * `applications_open_order_idx` (migration 20261128_0900), which a query can use only when its
 * WHERE clause repeats that predicate. Both dialects match it on the literal values.
 */
const OPEN_CASES = sql<boolean>`status IN (${sql.join(OPEN_STATUSES.map((s) => sql.lit(s)))})`;

/**
 * A 受理编号 prefix with at least this many characters (`YSQ2025-` and two of the random ones)
 * matches about 1/961 of a year's cases or fewer: read through the index on ref, then sorted.
 * A shorter one matches many: read in list order and filtered, which stops at the page.
 */
const REF_SEEK_MIN_LENGTH = 10;

/**
 * The org and 受理编号-prefix conditions, in the form each dialect serves from an index. The prefix
 * is case-sensitive with wildcards dropped. PostgreSQL: `ref LIKE 'P%'`, which its planner weighs
 * from statistics (`applications_ref_pattern_idx`, text_pattern_ops). SQLite: GLOB (its LIKE is
 * case-insensitive and never uses an index). Its planner, which sees only the average org (40
 * cases, not the 100,000 of a big one), would read a whole 受理编号 in list order through the org's
 * cases; so for a selective prefix (REF_SEEK_MIN_LENGTH) the org test is written `+org_id`,
 * which no index serves, leaving the index on ref; a short prefix is kept off that index (`+ref`).
 */
function orgAndRef(conn: Conn, orgId: number, refPrefix: string | undefined) {
  if (!refPrefix) return sql<boolean>`org_id = ${orgId}`;
  if (dialectOf(conn) === 'postgres')
    return sql<boolean>`org_id = ${orgId} AND ref LIKE ${`${refPrefix.replace(/[%_\\]/g, '')}%`}`;
  const pattern = `${refPrefix.replace(/[*?[\]]/g, '')}*`;
  return pattern.length > REF_SEEK_MIN_LENGTH
    ? sql<boolean>`+org_id = ${orgId} AND ref GLOB ${pattern}`
    : sql<boolean>`org_id = ${orgId} AND +ref GLOB ${pattern}`;
}

/**
 * The case list's order: reply due date ascending with the cases without one last, then the
 * newest submission, then the newest id. Written as `(reply_due_on IS NULL), reply_due_on` rather
 * than `NULLS LAST` so that the indexes of migration 20261128_0900 serve it on both dialects.
 */
function inCaseListOrder<O>(
  q: SelectQueryBuilder<DB, 'applications', O>,
): SelectQueryBuilder<DB, 'applications', O> {
  return q
    .orderBy(sql`(reply_due_on IS NULL)`)
    .orderBy('reply_due_on')
    .orderBy('submitted_on', 'desc')
    .orderBy('id', 'desc');
}

/**
 * One page of an org's case list (`limit` rows from `offset`), in the case list's order. Every
 * filter combination is read in index order (no sort of the org's cases): one status from
 * `applications_status_order_idx`, open statuses from the partial `applications_open_order_idx`,
 * an assignee from `applications_assigned_order_idx`, else `applications_case_order_idx`.
 */
export function listApplicationRows(
  conn: Conn,
  orgId: number,
  f: ListFilter,
  limit: number,
  offset: number,
) {
  return caseListQuery(conn, orgId, f, limit, offset).execute();
}

/** The case list's order (as `inCaseListOrder`), for rows put together in memory. */
export function caseListCompare(
  a: Pick<ApplicationRow, 'reply_due_on' | 'submitted_on' | 'id'>,
  b: Pick<ApplicationRow, 'reply_due_on' | 'submitted_on' | 'id'>,
): number {
  const an = a.reply_due_on === null ? 1 : 0;
  const bn = b.reply_due_on === null ? 1 : 0;
  if (an !== bn) return an - bn;
  if (a.reply_due_on !== b.reply_due_on)
    return (a.reply_due_on ?? '') < (b.reply_due_on ?? '') ? -1 : 1;
  if (a.submitted_on !== b.submitted_on) return a.submitted_on > b.submitted_on ? -1 : 1;
  return Number(b.id) - Number(a.id);
}

/**
 * The first `limit` rows of several case lists of one org in one statement (the dashboard's
 * lists: one round trip instead of one per list): each list is its own indexed, limited
 * subquery, as `listApplicationRows` reads it; the result has one array per filter, in the
 * case list's order.
 */
export async function listApplicationRowsMany(
  conn: Conn,
  orgId: number,
  filters: readonly ListFilter[],
  limit: number,
): Promise<CaseListRow[][]> {
  const parts = filters.map((f, k) =>
    conn
      .selectFrom(caseListQuery(conn, orgId, f, limit, 0).as(`l${k}`))
      .selectAll()
      .select(sql<number>`${sql.lit(k)}`.as('list_no')),
  );
  const [first, ...rest] = parts;
  if (!first) return [];
  const rows = await rest.reduce((q, p) => q.unionAll(p), first).execute();
  const out: CaseListRow[][] = filters.map(() => []);
  for (const { list_no, ...row } of rows) out[Number(list_no)]?.push(row);
  for (const list of out) list.sort(caseListCompare);
  return out;
}

/** The query of `listApplicationRows`, not executed (for its plan). */
export function caseListQuery(
  conn: Conn,
  orgId: number,
  f: ListFilter,
  limit: number,
  offset: number,
): ListQuery {
  let q: ListQuery = conn
    .selectFrom('applications')
    .select(CASE_LIST_COLUMNS)
    .where(orgAndRef(conn, orgId, f.refPrefix));
  const statuses = f.statuses ?? [];
  // No status left (e.g. 已办结 and 逾期, which only open cases can be): nothing to list.
  if (f.statuses && statuses.length === 0) q = q.where(sql<boolean>`1 = 0`);
  else if (statuses.length === 1) q = q.where('status', '=', statuses[0] as string);
  else if (statuses.length > 1) {
    const open = statuses.every((s) => (OPEN_STATUSES as readonly string[]).includes(s));
    if (open) q = q.where(OPEN_CASES);
    if (!open || statuses.length < OPEN_STATUSES.length) q = q.where('status', 'in', [...statuses]);
  }
  if (f.dueOnOrBefore) q = q.where('reply_due_on', '<=', f.dueOnOrBefore);
  if (f.dueOnOrAfter) q = q.where('reply_due_on', '>=', f.dueOnOrAfter);
  if (f.dueBefore) q = q.where('reply_due_on', '<', f.dueBefore);
  if (f.assignedTo === 'none') q = q.where('assigned_to', 'is', null);
  else if (f.assignedTo !== undefined) q = q.where('assigned_to', '=', f.assignedTo);
  // Prepared (one plan per connection), except a 受理编号 prefix: a generic plan of `LIKE $1`
  // cannot use the index range.
  if (!f.refPrefix) q = q.modifyFront(prepared());
  if (offset === 0) return inCaseListOrder(q).limit(limit);
  // A later page: the ids of the page from the index alone (an index-only scan past the
  // skipped cases), then only those rows (deep pages otherwise read every skipped row).
  const ids = inCaseListOrder(q.clearSelect().select('id')).limit(limit).offset(offset);
  return inCaseListOrder(
    conn.selectFrom('applications').select(CASE_LIST_COLUMNS).where('id', 'in', ids),
  );
}

/**
 * An org's case counts by status, of its open cases only (from the partial
 * `applications_open_order_idx`, a few rows) or of its closed ones (every other case).
 */
export async function statusCountRows(
  conn: Conn,
  orgId: number,
  which: 'open' | 'closed',
): Promise<Array<{ key: string; n: number }>> {
  const rows = await conn
    .selectFrom('applications')
    .modifyFront(prepared())
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where(which === 'open' ? OPEN_CASES : sql<boolean>`NOT (${OPEN_CASES})`)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ key: r.status, n: Number(r.n) }));
}

/** The highest application id (any org): it changes with every new application. */
export async function maxApplicationId(conn: Conn): Promise<number> {
  const r = await conn
    .selectFrom('applications')
    .modifyFront(prepared())
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** The same applicant's applications to an org (by ID hash, else name + phone hash). */
export function applicantRows(
  conn: Conn,
  orgId: number,
  idHash: string | null,
  contactHash: string | null,
) {
  return conn
    .selectFrom('applications')
    .select(['ref', 'submitted_on', 'received_on'])
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        ...(idHash ? [eb('applicant_id_hash', '=', idHash)] : []),
        ...(contactHash ? [eb('applicant_contact_hash', '=', contactHash)] : []),
        ...(idHash || contactHash ? [] : [eb.lit(false)]),
      ]),
    )
    .execute();
}

export function eventRows(conn: Conn, applicationId: number) {
  return conn
    .selectFrom('application_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('seq')
    .execute();
}

export async function insertEventRow(
  conn: Conn,
  row: {
    application_id: number;
    seq: number;
    type: string;
    on: string;
    data: string;
    actor_id: number | null;
    created_at: string;
  },
): Promise<void> {
  await conn.insertInto('application_events').values(row).execute();
}

export async function deleteEventRows(conn: Conn, applicationId: number): Promise<void> {
  await conn.deleteFrom('application_events').where('application_id', '=', applicationId).execute();
}

export async function insertNoteRow(
  conn: Conn,
  row: { application_id: number; author_id: number; body: string; created_at: string },
): Promise<void> {
  await conn.insertInto('application_notes').values(row).execute();
}

export function noteRows(conn: Conn, applicationId: number) {
  return conn
    .selectFrom('application_notes')
    .leftJoin('users', 'users.id', 'application_notes.author_id')
    .select([
      'application_notes.id',
      'application_notes.body',
      'application_notes.created_at',
      'users.display_name as author',
    ])
    .where('application_id', '=', applicationId)
    .orderBy('application_notes.id')
    .execute();
}

export async function insertFileRow(
  conn: Conn,
  row: {
    application_id: number;
    role: string;
    filename: string;
    media_type: string;
    size: number;
    sha256: string;
    data: Buffer;
    created_at: string;
  },
): Promise<void> {
  await conn.insertInto('application_files').values(row).execute();
}

/** Files of a case without their content. */
export function fileRows(conn: Conn, applicationId: number, role?: string) {
  let q = conn
    .selectFrom('application_files')
    .select(['id', 'role', 'filename', 'media_type', 'size', 'created_at'])
    .where('application_id', '=', applicationId);
  if (role) q = q.where('role', '=', role);
  return q.orderBy('id').execute();
}

export function fileWithData(conn: Conn, applicationId: number, fileId: number) {
  return conn
    .selectFrom('application_files')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

/** Letters that were sent (sent_on set), without their content. */
export function sentLetterRows(conn: Conn, applicationId: number) {
  return conn
    .selectFrom('letters')
    .select(['id', 'kind', 'title', 'sent_on'])
    .where('application_id', '=', applicationId)
    .where('sent_on', 'is not', null)
    .orderBy('sent_on')
    .orderBy('id')
    .execute();
}

export function sentLetter(conn: Conn, applicationId: number, letterId: number) {
  return conn
    .selectFrom('letters')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('id', '=', letterId)
    .where('sent_on', 'is not', null)
    .executeTakeFirst();
}

/** Users holding one of `roles` at the org (candidates for assignment). */
export function staffOfOrg(conn: Conn, orgId: number, roles: readonly string[]) {
  return conn
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.id', 'users.display_name', 'users.username'])
    .where('user_roles.org_id', '=', orgId)
    .where('user_roles.role', 'in', [...roles])
    .where('users.disabled', '=', 0)
    .distinct()
    .orderBy('users.display_name')
    .execute();
}

export async function insertLetterRow(conn: Conn, row: Insertable<LettersTable>): Promise<number> {
  const r = await conn.insertInto('letters').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Every letter of a case, without content, in the order sent. */
export function letterRows(conn: Conn, applicationId: number) {
  return conn
    .selectFrom('letters')
    .select(['id', 'kind', 'title', 'sent_on', 'template_id', 'created_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

/** One letter of a case with its HTML and DOCX. */
export function letterOf(conn: Conn, applicationId: number, letterId: number) {
  return conn
    .selectFrom('letters')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('id', '=', letterId)
    .executeTakeFirst();
}
