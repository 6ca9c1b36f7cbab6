import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { ApplicationsTable, LettersTable } from '../platform/db/schema.js';
import { dialectOf } from '../platform/db/database.js';

/** All SQL of applications, their events, notes, files and sent letters. Plain rows in and out. */

export type ApplicationRow = Selectable<ApplicationsTable>;
export type NewApplicationRow = Insertable<ApplicationsTable>;

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
  /** Open cases whose reply was due before this date. */
  dueBefore?: string;
  assignedTo?: number | 'none';
  refPrefix?: string;
}

export function listApplicationRows(
  conn: Conn,
  orgId: number,
  f: ListFilter,
  limit: number,
  offset: number,
) {
  let q = conn.selectFrom('applications').selectAll().where('org_id', '=', orgId);
  if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', [...f.statuses]);
  if (f.dueOnOrBefore) q = q.where('reply_due_on', '<=', f.dueOnOrBefore);
  if (f.dueBefore) q = q.where('reply_due_on', '<', f.dueBefore);
  if (f.assignedTo === 'none') q = q.where('assigned_to', 'is', null);
  else if (f.assignedTo !== undefined) q = q.where('assigned_to', '=', f.assignedTo);
  if (f.refPrefix) q = q.where('ref', 'like', `${f.refPrefix.replace(/[%_]/g, '')}%`);
  return q
    .orderBy('reply_due_on', (ob) => ob.asc().nullsLast())
    .orderBy('submitted_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
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
