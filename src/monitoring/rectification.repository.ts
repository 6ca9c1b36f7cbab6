import type { Selectable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { MonitorFindingEventsTable, MonitorFindingsTable } from '../platform/db/schema.js';
import { FINAL_STATUSES } from './rectification.model.js';

/** All SQL of rectification (findings as tasks, their events, the org's users). */
export type FindingRow = Selectable<MonitorFindingsTable>;
export type FindingEventRow = Selectable<MonitorFindingEventsTable>;

export interface FindingQuery {
  orgIds?: number[];
  kind?: string;
  status?: string;
  severity?: string;
  /** Only tasks due before this date and not finished. */
  overdueBefore?: string;
  /** A user id, or null for "not assigned". */
  assigneeId?: number | null;
  columnId?: number;
  /** Only unfinished tasks (open or fixed). */
  unfinished?: boolean;
  limit: number;
  offset: number;
}

/** A page of findings, most serious and oldest first. */
export async function listFindings(conn: Conn, q: FindingQuery): Promise<FindingRow[]> {
  let query = conn.selectFrom('monitor_findings').selectAll();
  if (q.orgIds) query = query.where('org_id', 'in', q.orgIds.length ? q.orgIds : [-1]);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.severity) query = query.where('severity', '=', q.severity);
  if (q.columnId) query = query.where('column_id', '=', q.columnId);
  if (q.assigneeId === null) query = query.where('assignee_id', 'is', null);
  else if (q.assigneeId !== undefined) query = query.where('assignee_id', '=', q.assigneeId);
  if (q.overdueBefore)
    query = query
      .where('due_on', '<', q.overdueBefore)
      .where('status', 'not in', [...FINAL_STATUSES]);
  if (q.unfinished) query = query.where('status', 'not in', [...FINAL_STATUSES]);
  return query
    .orderBy('status')
    .orderBy('severity', 'desc')
    .orderBy('first_seen_at')
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

/** Unfinished tasks assigned to a user, across orgs. */
export async function countUnfinishedAssigned(conn: Conn, userId: number): Promise<number> {
  const row = await conn
    .selectFrom('monitor_findings')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('assignee_id', '=', userId)
    .where('status', 'not in', [...FINAL_STATUSES])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findFinding(conn: Conn, id: number): Promise<FindingRow | undefined> {
  return conn.selectFrom('monitor_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findingEvents(conn: Conn, findingId: number): Promise<FindingEventRow[]> {
  return conn
    .selectFrom('monitor_finding_events')
    .selectAll()
    .where('finding_id', '=', findingId)
    .orderBy('id')
    .execute();
}

export async function updateFinding(
  conn: Conn,
  id: number,
  values: Partial<Omit<FindingRow, 'id'>>,
): Promise<void> {
  await conn.updateTable('monitor_findings').set(values).where('id', '=', id).execute();
}

export async function insertEvent(
  conn: Conn,
  e: { findingId: number; at: string; actorId: number | null; action: string; note: string | null },
): Promise<void> {
  await conn
    .insertInto('monitor_finding_events')
    .values({
      finding_id: e.findingId,
      at: e.at,
      actor_id: e.actorId,
      action: e.action,
      note: e.note,
    })
    .execute();
}

/** Users holding any role at an org (the people a task can be assigned to), by name. */
export async function orgUsers(
  conn: Conn,
  orgId: number,
): Promise<Array<{ id: number; username: string; display_name: string }>> {
  return conn
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.display_name'])
    .where('user_roles.org_id', '=', orgId)
    .where('users.disabled', '=', 0)
    .distinct()
    .orderBy('users.username')
    .execute();
}

/** Display names of users by id. */
export async function userNames(conn: Conn, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await conn
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Names of columns by id. */
export async function columnNames(conn: Conn, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await conn
    .selectFrom('columns')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every finding of the orgs first seen up to `toIso` (for scores and 自查报告). */
export async function findingsSeenUpTo(
  conn: Conn,
  orgIds: number[],
  toIso: string,
): Promise<FindingRow[]> {
  if (orgIds.length === 0) return [];
  return conn
    .selectFrom('monitor_findings')
    .selectAll()
    .where('org_id', 'in', orgIds)
    .where('first_seen_at', '<', toIso)
    .orderBy('id')
    .execute();
}
