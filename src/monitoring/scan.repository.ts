import type { Selectable } from 'kysely';
import type { Conn } from '../platform/db/database.js';
import type { MonitorFindingsTable, MonitorScansTable } from '../platform/db/schema.js';
import type { DetectedFinding, FindingAction } from './monitor.contract.js';

/** SQL of monitoring scans and of storing findings (monitor_findings, _events, monitor_scans). */
export type FindingRow = Selectable<MonitorFindingsTable>;
export type ScanRow = Selectable<MonitorScansTable>;

/** The stored findings of an org, optionally of some kinds only. */
export function findingsOfOrg(
  conn: Conn,
  orgId: number,
  kinds?: readonly string[],
): Promise<FindingRow[]> {
  let q = conn.selectFrom('monitor_findings').selectAll().where('org_id', '=', orgId);
  if (kinds) q = q.where('kind', 'in', [...kinds]);
  return q.orderBy('id').execute();
}

export function findFinding(conn: Conn, id: number): Promise<FindingRow | undefined> {
  return conn.selectFrom('monitor_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores a new open finding; returns its id. */
export async function insertFinding(
  conn: Conn,
  orgId: number,
  key: string,
  f: DetectedFinding,
  dueOn: string,
  now: string,
): Promise<number> {
  const row = await conn
    .insertInto('monitor_findings')
    .values({
      org_id: orgId,
      column_id: f.columnId,
      kind: f.kind,
      subject_type: f.subjectType,
      subject_id: f.subjectId,
      key,
      severity: f.severity,
      title: f.title,
      detail: JSON.stringify(f.detail),
      status: 'open',
      assignee_id: null,
      due_on: dueOn,
      first_seen_at: now,
      last_seen_at: now,
      closed_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A finding seen again: fresh facts and last_seen_at; `status` when it changes. */
export async function touchFinding(
  conn: Conn,
  id: number,
  f: DetectedFinding,
  now: string,
  status?: 'open',
): Promise<void> {
  await conn
    .updateTable('monitor_findings')
    .set({
      severity: f.severity,
      title: f.title,
      detail: JSON.stringify(f.detail),
      column_id: f.columnId,
      last_seen_at: now,
      updated_at: now,
      ...(status ? { status, closed_at: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Closes a finding (no longer seen, or its re-check passed). */
export async function closeFinding(conn: Conn, id: number, now: string): Promise<void> {
  await conn
    .updateTable('monitor_findings')
    .set({ status: 'closed', closed_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Appends to a finding's history. */
export async function insertEvent(
  conn: Conn,
  findingId: number,
  action: FindingAction,
  actorId: number | null,
  at: string,
  note: string | null = null,
): Promise<void> {
  await conn
    .insertInto('monitor_finding_events')
    .values({ finding_id: findingId, at, actor_id: actorId, action, note })
    .execute();
}

/** Starts a scan row; returns its id. */
export async function insertScan(
  conn: Conn,
  orgId: number | null,
  total: number,
  now: string,
): Promise<number> {
  const row = await conn
    .insertInto('monitor_scans')
    .values({
      org_id: orgId,
      started_at: now,
      finished_at: null,
      status: 'running',
      done: 0,
      total,
      opened: 0,
      closed: 0,
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a scan's progress or outcome. */
export async function updateScan(
  conn: Conn,
  id: number,
  values: Partial<Omit<ScanRow, 'id' | 'org_id' | 'started_at'>>,
): Promise<void> {
  await conn.updateTable('monitor_scans').set(values).where('id', '=', id).execute();
}

/** The latest scans covering an org (its own and platform-wide), newest first. */
export function latestScans(conn: Conn, orgId: number, limit = 5): Promise<ScanRow[]> {
  return conn
    .selectFrom('monitor_scans')
    .selectAll()
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Counts of an org's open and fixed findings by kind and severity. */
export async function activeCounts(
  conn: Conn,
  orgId: number,
): Promise<Array<{ kind: string; severity: string; n: number }>> {
  const rows = await conn
    .selectFrom('monitor_findings')
    .select(['kind', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('status', 'in', ['open', 'fixed'])
    .groupBy(['kind', 'severity'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, severity: r.severity, n: Number(r.n) }));
}
